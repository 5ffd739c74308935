package io.offlinevault.domain.snapshot;

import io.offlinevault.domain.error.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which applied resources a dry run or apply with {@code deleteMissingResources=true} deletes when the
 * snapshot lacks them (API.md 3). {@link #ONLY_TYPES_FROM_SNAPSHOT} is the default here: a deliberate,
 * safer deviation from Coveo's {@link #ALL_MANAGED_RESOURCES}.
 */
public enum DeletionScope {
    /** Only resources of the types the snapshot names (the keys of {@code resources}, empty arrays included). */
    ONLY_TYPES_FROM_SNAPSHOT,
    /** Resources of every type the organization holds. */
    ALL_MANAGED_RESOURCES;

    /** {@return the scope named {@code raw}, case-insensitive} Throws {@link InvalidParameterException} otherwise. */
    public static DeletionScope parse(String raw) {
        String wanted = raw == null ? "" : raw.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidParameterException(
                        "deletionScope must be ONLY_TYPES_FROM_SNAPSHOT or ALL_MANAGED_RESOURCES."));
    }
}

package io.offlinevault.domain.port.in;

import io.offlinevault.domain.error.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;

/** How {@code fetch} treats referenced keys that exist on one side or the other (API.md 2.4). */
public enum FetchStrategy {
    /** Copy every missing key, or nothing when any missing key is absent from the source too. */
    ALL_OR_NOTHING,
    /** Copy the missing keys that the source has; skip the rest. */
    ONLY_MISSING,
    /** Copy every key the source has, replacing the destination's value but keeping its scopes. */
    OVERWRITE;

    /** {@return the strategy named {@code raw}, case-insensitive} */
    public static FetchStrategy parse(String raw) {
        String wanted = raw == null ? "" : raw.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidParameterException(
                        "fetchStrategy must be ALL_OR_NOTHING, ONLY_MISSING or OVERWRITE."));
    }
}

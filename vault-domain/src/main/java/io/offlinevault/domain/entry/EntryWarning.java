package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A remark on an entry that was saved all the same: its key is none of the keys its own attribute references
 * spell out, {@code <resourceName>-<jsonPath>}, so a snapshot that references the value under that key will not
 * find it (API.md 6). The message names the expected keys and the rename that fixes it, never a value. Immutable.
 *
 * @param code         {@link #REFERENCE_MISMATCH}
 * @param message      what is wrong and what to do
 * @param key          the entry's key
 * @param expectedKeys the keys its references spell out, in their order
 */
public record EntryWarning(String code, String message, EntryKey key, List<String> expectedKeys) {
    /** The code of a key that matches none of its attribute references. */
    public static final String REFERENCE_MISMATCH = "key.reference_mismatch";

    public EntryWarning {
        requireNonNull(code, "code");
        requireNonNull(message, "message");
        requireNonNull(key, "key");
        expectedKeys = List.copyOf(expectedKeys);
    }

    /**
     * {@return the warning for {@code entry} as an update by {@code draft} left it: only when the draft carries
     * {@code attributeReferences}, so that an update of the value alone never repeats a known remark}
     */
    public static Optional<EntryWarning> referenceMismatch(VaultEntry entry, EntryDraft update) {
        requireNonNull(update, "update");
        return update.attributeReferences() == null ? Optional.empty() : referenceMismatch(entry);
    }

    /**
     * {@return the warning for {@code entry} when it has at least one attribute reference and its key equals
     * {@code <resourceName>-<jsonPath>} (the path in canonical form) for none of them; else empty}
     */
    public static Optional<EntryWarning> referenceMismatch(VaultEntry entry) {
        requireNonNull(entry, "entry");
        Set<String> expected = new LinkedHashSet<>();
        for (AttributeReference reference : entry.attributeReferences()) {
            expected.add(reference.resourceName() + "-" + reference.jsonPath().canonical());
        }
        if (expected.isEmpty() || expected.contains(entry.key().value())) {
            return Optional.empty();
        }
        List<String> keys = List.copyOf(expected);
        String message = "The key " + entry.key().value() + " is not the key its attribute "
                + (keys.size() == 1 ? "reference spells out (" + keys.get(0) + ")"
                : "references spell out (" + String.join(", ", keys) + ")")
                + ": a snapshot that references this value looks for " + (keys.size() == 1 ? "that key" : "one of those")
                + ". Rename the entry to " + keys.get(0) + " (its value is kept), unless the key is right and the"
                + " references are not.";
        return Optional.of(new EntryWarning(REFERENCE_MISMATCH, message, entry.key(), keys));
    }
}

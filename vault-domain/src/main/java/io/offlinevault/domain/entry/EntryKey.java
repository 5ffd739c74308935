package io.offlinevault.domain.entry;

import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import java.util.List;
import java.util.Set;

/**
 * The name of a vault entry: 1..512 code points, no unpaired surrogate, no whitespace, space,
 * control or format character, no brace, and not a word that a URL cannot address. Case-sensitive,
 * never normalised. Valid by construction.
 */
public record EntryKey(String value) implements Comparable<EntryKey> {
    /** The longest key, in Unicode code points. */
    public static final int MAX_CODE_POINTS = 512;

    private static final Set<String> RESERVED = Set.of(".", "..", "fetch", "missing");

    public EntryKey {
        List<Violation> violations = check(value);
        if (!violations.isEmpty()) {
            throw new InvalidEntryException(violations);
        }
    }

    public static EntryKey of(String value) {
        return new EntryKey(value);
    }

    /** {@return the violations {@code raw} would cause under the wire field {@code key}} */
    public static List<Violation> check(Object raw) {
        return check(raw, "key");
    }

    /**
     * {@return the violations {@code raw} would cause, reported under {@code field}} Codes use
     * {@code key.<rule>} whatever the field is called on the wire.
     */
    public static List<Violation> check(Object raw, String field) {
        if (raw == null) {
            return List.of(new Violation(field, "key.required", "is required"));
        }
        if (!(raw instanceof String key)) {
            return List.of(new Violation(field, "key.not_string", "must be a string"));
        }
        if (key.isEmpty()) {
            return List.of(new Violation(field, "key.length", "must have 1 to " + MAX_CODE_POINTS + " characters"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return List.of(new Violation(field, "key.unpaired_surrogate", "must not contain an unpaired surrogate"));
            }
        }
        if (key.codePointCount(0, key.length()) > MAX_CODE_POINTS) {
            return List.of(new Violation(field, "key.length", "must have 1 to " + MAX_CODE_POINTS + " characters"));
        }
        if (hasForbidden(key)) {
            return List.of(new Violation(field, "key.invalid_character",
                    "must not contain whitespace, control, format or brace characters"));
        }
        if (RESERVED.contains(key)) {
            return List.of(new Violation(field, "key.reserved",
                    "must not be '.', '..', 'fetch' or 'missing': such a key cannot be addressed in a URL"));
        }
        return List.of();
    }

    // A loop over the code points rather than a stream: every request that names a key checks it.
    private static boolean hasForbidden(String key) {
        for (int i = 0; i < key.length(); ) {
            int codePoint = key.codePointAt(i);
            if (isForbidden(codePoint)) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    private static boolean isForbidden(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.FORMAT
                || codePoint == '{'
                || codePoint == '}';
    }

    @Override
    public int compareTo(EntryKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.offlinevault.domain.entry;

import io.offlinevault.domain.error.InvalidParameterException;

/**
 * The id of an organization. Organizations exist implicitly: any id of 1..128 characters of
 * {@code [A-Za-z0-9_-]} starting with a letter or digit can hold entries and snapshots.
 * Case-sensitive. Valid by construction; a bad id is an {@link InvalidParameterException}.
 */
public record OrganizationId(String value) implements Comparable<OrganizationId> {
    private static final int MAX_LENGTH = 128;

    public OrganizationId {
        if (!isValid(value)) {
            throw new InvalidParameterException("An organization id is 1 to 128 letters, digits, '_' or '-',"
                    + " starting with a letter or a digit.");
        }
    }

    public static OrganizationId of(String value) {
        return new OrganizationId(value);
    }

    /** {@return whether {@code value} is a well-formed organization id} */
    public static boolean isValid(String value) {
        // [A-Za-z0-9][A-Za-z0-9_-]{0,127}, as a loop: every request with an organization in its path checks one
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !isLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    @Override
    public int compareTo(OrganizationId other) {
        return value.compareTo(other.value);
    }

    // equals and hashCode as a record's own (the value's), written out: the generated ones link method handles at
    // their first call, ~10 ms of every short command that reads a vault (docs/BENCHMARKS.md, issue 21).
    @Override
    public boolean equals(Object other) {
        return other instanceof OrganizationId id && value.equals(id.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.offlinevault.domain.entry;

import io.offlinevault.domain.error.InvalidParameterException;
import java.util.regex.Pattern;

/**
 * The id of an organization. Organizations exist implicitly: any id of 1..128 characters of
 * {@code [A-Za-z0-9_-]} starting with a letter or digit can hold entries and snapshots.
 * Case-sensitive. Valid by construction; a bad id is an {@link InvalidParameterException}.
 */
public record OrganizationId(String value) implements Comparable<OrganizationId> {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    public OrganizationId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidParameterException("An organization id is 1 to 128 letters, digits, '_' or '-',"
                    + " starting with a letter or a digit.");
        }
    }

    public static OrganizationId of(String value) {
        return new OrganizationId(value);
    }

    /** {@return whether {@code value} is a well-formed organization id} */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    @Override
    public int compareTo(OrganizationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

/**
 * A secret: an entry's value or a token. Never printed ({@code toString} is masked); reading it takes
 * an explicit {@link #reveal()}. Immutable and thread-safe.
 */
public final class SecretValue {
    private final String value;

    private SecretValue(String value) {
        this.value = requireNonNull(value, "value");
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    /** {@return the plaintext} Every call site is a place where a secret leaves the domain. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SecretValue[****]";
    }
}

package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

/** A token as the vault stores it: its name, the SHA-256 of its value, what it grants and when it was made. */
public record TokenRecord(String name, TokenDigest digest, Grant grant, long createdDate) {
    public TokenRecord {
        requireNonNull(name, "name");
        requireNonNull(digest, "digest");
        requireNonNull(grant, "grant");
    }

    /** {@return the caller that this token authenticates} */
    public Caller caller() {
        return new Caller(name, grant);
    }
}

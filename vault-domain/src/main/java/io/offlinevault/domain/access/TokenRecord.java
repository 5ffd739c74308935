package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

/** A token as the vault stores it: its name, the SHA-256 of its value, what it grants and when it was made. */
public record TokenRecord(String name, TokenDigest digest, Grant grant, long createdDate) {
    /** The name of the token that every new vault is created with. */
    public static final String ADMIN = "admin";

    public TokenRecord {
        requireNonNull(name, "name");
        requireNonNull(digest, "digest");
        requireNonNull(grant, "grant");
    }

    /** {@return whether this token holds every privilege in every organization, as the admin token does} */
    public boolean isAdmin() {
        return grant.includes(Grant.everything());
    }

    /** {@return this token as a list shows it: without its digest} */
    public TokenSummary summary() {
        return new TokenSummary(name, grant, createdDate);
    }

    /** {@return the caller that this token authenticates} */
    public Caller caller() {
        return new Caller(name, grant);
    }
}

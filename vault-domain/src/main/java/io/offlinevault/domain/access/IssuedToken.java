package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.SecretValue;

/** A token just created: its record, and its value, which is shown once and never stored. */
public record IssuedToken(TokenRecord record, SecretValue token) {
    public IssuedToken {
        requireNonNull(record, "record");
        requireNonNull(token, "token");
    }
}

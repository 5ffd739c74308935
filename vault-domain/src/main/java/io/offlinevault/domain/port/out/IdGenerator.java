package io.offlinevault.domain.port.out;

import io.offlinevault.domain.entry.SecretValue;

/** Fresh identifiers and token values. Implementations are thread-safe. */
public interface IdGenerator {
    /** {@return 26 characters of {@code [a-z2-7]} (130 random bits), the suffix of snapshot and report ids} */
    String newId();

    /** {@return a new token: {@code ovt_} followed by 43 base64url characters (256 random bits)} */
    SecretValue newToken();

    /** {@return the generator backed by {@link java.security.SecureRandom}} */
    static IdGenerator secure() {
        return SecureRandomIdGenerator.INSTANCE;
    }
}

package io.offlinevault.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a token, as lower-case hex: the only form in which a vault keeps a token.
 * Comparison is constant-time.
 */
public record TokenDigest(String hex) {
    public TokenDigest {
        if (!isDigest(hex)) {
            throw new IllegalArgumentException("a token digest is 64 lower-case hex digits");
        }
    }

    // A loop, not String.matches: that compiled a pattern on every request a token authenticates.
    private static boolean isDigest(String hex) {
        if (hex == null || hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@return the digest of the plaintext token {@code token}} */
    public static TokenDigest of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return new TokenDigest(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    // equals and hashCode as a record's own (the hex's), written out: the generated ones link method handles at
    // their first call, which every open of a vault made (docs/BENCHMARKS.md, issue 21).
    @Override
    public boolean equals(Object other) {
        return other instanceof TokenDigest digest && hex.equals(digest.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** {@return whether both digests are equal, in time independent of where they differ} */
    public boolean matches(TokenDigest other) {
        return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}

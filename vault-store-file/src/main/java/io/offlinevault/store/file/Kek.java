package io.offlinevault.store.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key (from a key file) and its public id, the first 16 hex digits of
 * SHA-256("offline-vault kek id" || key): the id tells a wrong key (ids differ) from a tampered keyring
 * (ids match, tag fails). {@link #toString()} shows the id only.
 */
final class Kek {
    private static final byte[] ID_LABEL = "offline-vault kek id".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_BYTES = 8;

    private final SecretKey key;
    private final String id;
    private final Optional<KdfParams> kdf;

    private Kek(SecretKey key, String id, Optional<KdfParams> kdf) {
        this.key = key;
        this.id = id;
        this.kdf = kdf;
    }

    /** {@return the KEK of the 32 bytes {@code keyBytes}} The caller may wipe {@code keyBytes} afterwards. */
    static Kek of(byte[] keyBytes) {
        return of(keyBytes, Optional.empty());
    }

    /** {@return the KEK that a passphrase gave under {@code kdf}} The caller may wipe {@code keyBytes} afterwards. */
    static Kek of(byte[] keyBytes, KdfParams kdf) {
        return of(keyBytes, Optional.of(kdf));
    }

    private static Kek of(byte[] keyBytes, Optional<KdfParams> kdf) {
        if (keyBytes.length != Aead.KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key is " + Aead.KEY_BYTES + " bytes");
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ID_LABEL);
            byte[] hash = digest.digest(keyBytes);
            String id = HexFormat.of().formatHex(hash, 0, ID_BYTES);
            Arrays.fill(hash, (byte) 0);
            return new Kek(new SecretKeySpec(keyBytes, "AES"), id, kdf);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@return the AES-256 key} Never log or print it. */
    SecretKey key() {
        return key;
    }

    /** {@return the Argon2id parameters when a passphrase gave this KEK; empty for a key file} */
    Optional<KdfParams> kdf() {
        return kdf;
    }

    /** {@return the 16-hex-digit id, safe to show} */
    String id() {
        return id;
    }

    @Override
    public String toString() {
        return "Kek[id=" + id + (kdf.isPresent() ? ", passphrase" : ", key file") + "]";
    }
}

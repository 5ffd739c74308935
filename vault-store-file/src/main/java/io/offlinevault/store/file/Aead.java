package io.offlinevault.store.file;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM through the JDK's {@code AES/GCM/NoPadding}: a fresh 12-byte nonce from one
 * {@link SecureRandom} for every message and a 16-byte tag. Lengths are checked before any
 * decryption, and the JDK releases no plaintext before the tag verifies. Thread-safe: each thread reuses its own
 * {@link Cipher}, initialized again for every message.
 */
final class Aead {
    static final String ALGORITHM = "AES-256-GCM";
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    // One Cipher per thread, initialized again for every message: Cipher.getInstance on every record was the largest
    // single item of the journal writer's profile and of a replay's. Each thread uses its own, one message at a time.
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(Aead::newCipher);

    /** A sealed message: its nonce and its ciphertext followed by the tag. */
    record Sealed(byte[] nonce, byte[] ciphertextAndTag) {
    }

    private Aead() {
    }

    /** {@return {@code plaintext} encrypted under {@code key} with a fresh nonce, {@code aad} authenticated} */
    static Sealed seal(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] nonce = freshNonce();
        return new Sealed(nonce, sealWithNonce(key, nonce, plaintext, aad));
    }

    /**
     * Writes a fresh nonce then the ciphertext and tag of the first {@code length} bytes of {@code plaintext} into
     * {@code out} at {@code offset}, which must have room for {@link #sealedLength(int)} bytes; {@return the number
     * of bytes written}. Spares a copy of the message.
     */
    static int sealInto(SecretKey key, byte[] plaintext, int length, byte[] aad, byte[] out, int offset) {
        Objects.checkFromIndexSize(0, length, plaintext.length);
        byte[] nonce = freshNonce();
        System.arraycopy(nonce, 0, out, offset, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, aad);
            return NONCE_BYTES + cipher.doFinal(plaintext, 0, length, out, offset + NONCE_BYTES);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("the output has no room for the sealed message", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * {@return a new {@link Cipher} that encrypts one message under {@code key}, {@code nonce} (fresh: see
     * {@link #freshNonce}) and {@code aad}, given to it piece by piece} For a payload too large to hold whole; the
     * caller owns the cipher (not thread-safe) and ends the message with {@code doFinal}, which appends the tag.
     */
    static Cipher encryptor(SecretKey key, byte[] nonce, byte[] aad) {
        checkNonce(nonce);
        checkKey(key);
        try {
            Cipher cipher = newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * Byte.SIZE, nonce));
            cipher.updateAAD(aad);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * {@return this thread's own {@link Cipher}, set to encrypt one message as {@link #encryptor}'s would} Spares
     * a new Cipher for a message sealed at once: the thread finishes it before it seals or opens any other.
     */
    static Cipher threadEncryptor(SecretKey key, byte[] nonce, byte[] aad) {
        checkNonce(nonce);
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** {@return the size of nonce, ciphertext and tag for a plaintext of {@code plaintextLength} bytes} */
    static int sealedLength(int plaintextLength) {
        return NONCE_BYTES + plaintextLength + TAG_BYTES;
    }

    /** {@return ciphertext and tag under a caller-chosen nonce} Only for known-answer tests: never reuse a nonce. */
    static byte[] sealWithNonce(SecretKey key, byte[] nonce, byte[] plaintext, byte[] aad) {
        checkNonce(nonce);
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** {@return the plaintext of {@code ciphertextAndTag}}; see {@link #open(SecretKey, byte[], byte[], int, int, byte[])}. */
    static byte[] open(SecretKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad)
            throws AuthenticationFailedException {
        return open(key, nonce, ciphertextAndTag, 0, ciphertextAndTag.length, aad);
    }

    /**
     * {@return the plaintext of the {@code length} bytes of ciphertext and tag at {@code offset} of {@code in}};
     * a nonce other than 12 bytes or input shorter than a 16-byte tag is an {@link IllegalArgumentException}
     * before any decryption, and a tag that does not verify (wrong key or changed bytes) is an
     * {@link AuthenticationFailedException}.
     */
    static byte[] open(SecretKey key, byte[] nonce, byte[] in, int offset, int length, byte[] aad)
            throws AuthenticationFailedException {
        checkNonce(nonce);
        if (length < TAG_BYTES) {
            throw new IllegalArgumentException("a sealed message holds at least a " + TAG_BYTES + "-byte tag");
        }
        Objects.checkFromIndexSize(offset, length, in.length);
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(in, offset, length);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** {@return 12 fresh random bytes} */
    static byte[] freshNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** {@return 32 fresh random bytes, for a new key} The caller wipes them once wrapped in a key object. */
    static byte[] freshKeyBytes() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] aad)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        checkKey(key);
        GCMParameterSpec parameters = new GCMParameterSpec(TAG_BYTES * Byte.SIZE, nonce);
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(mode, key, parameters);
        } catch (InvalidAlgorithmParameterException e) {
            // The JDK refuses to encrypt twice in a row under one key and nonce with the same Cipher object; only the
            // known-answer tests of sealWithNonce do that on purpose. A new Cipher has no previous nonce, as before.
            cipher = newCipher();
            CIPHERS.set(cipher);
            cipher.init(mode, key, parameters);
        }
        cipher.updateAAD(aad);
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + TRANSFORMATION, e);
        }
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("an AES-GCM nonce here is " + NONCE_BYTES + " bytes, not " + nonce.length);
        }
    }

    private static void checkKey(SecretKey key) {
        byte[] encoded = key.getEncoded();
        try {
            if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != KEY_BYTES) {
                throw new IllegalArgumentException("an AES-256 key is " + KEY_BYTES + " bytes");
            }
        } finally {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }
}

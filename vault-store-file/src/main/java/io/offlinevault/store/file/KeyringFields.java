package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of the keyring in the checkpoint header ({@link Keyring}'s format), read and written: a sealed key's
 * {@code nonce} and {@code sealed} in base64, and the JSON values around them. Every field that is missing, of the
 * wrong type or of the wrong length is STORE_CORRUPT naming the keyring, never its content. Stateless.
 */
final class KeyringFields {
    /** What a failure names. */
    static final String WHAT = "the keyring in the checkpoint header";

    private KeyringFields() {
    }

    /** {@return {@code fields} with the nonce and the sealed bytes of {@code sealed} added, in base64} */
    static Map<String, Object> sealed(Map<String, Object> fields, Aead.Sealed sealed) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put("nonce", Base64.getEncoder().encodeToString(sealed.nonce()));
        out.put("sealed", Base64.getEncoder().encodeToString(sealed.ciphertextAndTag()));
        return out;
    }

    /** {@return the {@code nonce} of a sealed key's fields: base64 of {@link Aead#NONCE_BYTES} bytes} */
    static byte[] nonce(Map<String, Object> fields) {
        byte[] nonce = base64(fields.get("nonce"));
        if (nonce.length != Aead.NONCE_BYTES) {
            throw corrupt();
        }
        return nonce;
    }

    /** {@return the {@code sealed} bytes of a sealed key's fields: base64 of a sealed key without its nonce} */
    static byte[] sealedKey(Map<String, Object> fields) {
        byte[] sealed = base64(fields.get("sealed"));
        if (sealed.length != Aead.sealedLength(Aead.KEY_BYTES) - Aead.NONCE_BYTES) {
            throw corrupt();
        }
        return sealed;
    }

    /** {@return {@code value} as a JSON object} */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw corrupt();
        }
        return (Map<String, Object>) value;
    }

    /** {@return {@code value} as a JSON array} */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw corrupt();
        }
        return (List<Object>) value;
    }

    /** {@return {@code value} as a JSON string} */
    static String string(Object value) {
        if (!(value instanceof String)) {
            throw corrupt();
        }
        return (String) value;
    }

    /** {@return {@code value} as a key term: an integer from {@link Keyring#FIRST_TERM}} */
    static int term(Object value) {
        if (!(value instanceof Integer) || (Integer) value < Keyring.FIRST_TERM) {
            throw corrupt();
        }
        return (Integer) value;
    }

    private static byte[] base64(Object value) {
        try {
            return Base64.getDecoder().decode(string(value));
        } catch (IllegalArgumentException e) {
            throw corrupt();
        }
    }

    /** {@return the failure of a malformed keyring} */
    static StoreException corrupt() {
        return StoreErrors.corrupt(WHAT + " is missing or malformed");
    }
}

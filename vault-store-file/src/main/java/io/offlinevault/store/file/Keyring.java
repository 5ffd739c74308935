package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data keys (DEKs) of a vault by key term, as they travel in the checkpoint header: each DEK sealed by
 * a KEK with AAD binding the vault id, the term and the KEK id. {@link #toString()} shows terms only.
 * Header shape: {@code "keyring": {"currentTerm": 1, "wrappings": [{"kekId": "..", "keys": [{"term": 1,
 * "nonce": "<base64>", "sealed": "<base64>"}]}]}} ({@code wrappings} leaves room for a passphrase KEK).
 */
final class Keyring {
    static final String FIELD = "keyring";
    static final int FIRST_TERM = 1;

    private static final byte[] AAD_LABEL = "offline-vault keyring v1".getBytes(StandardCharsets.US_ASCII);
    private static final String WHAT = "the keyring in the checkpoint header";

    private final NavigableMap<Integer, SecretKey> deks;

    private Keyring(NavigableMap<Integer, SecretKey> deks) {
        this.deks = Collections.unmodifiableNavigableMap(new TreeMap<>(deks));
    }

    /** {@return a keyring holding one fresh random 256-bit DEK under term 1} */
    static Keyring create() {
        byte[] key = Aead.freshKeyBytes();
        try {
            return new Keyring(new TreeMap<>(Map.of(FIRST_TERM, new SecretKeySpec(key, "AES"))));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@return the newest term, the one new data is sealed under} */
    int currentTerm() {
        return deks.lastKey();
    }

    /** {@return the DEK of the newest term} */
    SecretKey currentKey() {
        return deks.lastEntry().getValue();
    }

    /** {@return the DEK of {@code term}}; a term this keyring does not hold is STORE_CORRUPT naming {@code what}. */
    SecretKey key(int term, String what) {
        SecretKey key = deks.get(term);
        if (key == null) {
            throw new StoreException(ErrorCode.STORE_CORRUPT, StoreErrors.capitalize(what) + " names key term " + term
                    + ", which the checkpoint's keyring does not hold: restore the data dir from a backup.");
        }
        return key;
    }

    /** {@return the header fields ({@value #FIELD}) holding every DEK sealed by {@code kek} for vault {@code vaultId}} */
    Map<String, Object> wrap(Kek kek, String vaultId) {
        checkVaultId(vaultId);
        List<Object> keys = new ArrayList<>();
        for (Map.Entry<Integer, SecretKey> dek : deks.entrySet()) {
            byte[] plain = dek.getValue().getEncoded();
            try {
                Aead.Sealed sealed = Aead.seal(kek.key(), plain, aad(vaultId, dek.getKey(), kek.id()));
                Map<String, Object> key = new LinkedHashMap<>();
                key.put("term", dek.getKey());
                key.put("nonce", Base64.getEncoder().encodeToString(sealed.nonce()));
                key.put("sealed", Base64.getEncoder().encodeToString(sealed.ciphertextAndTag()));
                keys.add(key);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        Map<String, Object> wrapping = Map.of("kekId", kek.id(), "keys", List.copyOf(keys));
        return Map.of(FIELD, Map.of("currentTerm", currentTerm(), "wrappings", List.of(wrapping)));
    }

    /**
     * {@return the keyring in {@code header}, unsealed with {@code kek} for vault {@code vaultId}} No wrapping
     * for this KEK's id is STORE_WRONG_KEY; a matching id whose tag fails (changed bytes, or a checkpoint of
     * another vault) is STORE_TAMPERED; a malformed keyring is STORE_CORRUPT.
     */
    static Keyring unwrap(Map<String, Object> header, Kek kek, String vaultId) {
        checkVaultId(vaultId);
        Map<String, Object> keyring = map(header.get(FIELD));
        int currentTerm = term(keyring.get("currentTerm"));
        List<String> kekIds = new ArrayList<>();
        for (Object item : list(keyring.get("wrappings"))) {
            Map<String, Object> wrapping = map(item);
            String kekId = string(wrapping.get("kekId"));
            kekIds.add(kekId);
            if (kekId.equals(kek.id())) {
                return unwrapKeys(list(wrapping.get("keys")), currentTerm, kek, vaultId);
            }
        }
        throw new StoreException(ErrorCode.STORE_WRONG_KEY, "The checkpoint was not encrypted with this key file (its"
                + " key id is " + kek.id() + "; the vault accepts " + String.join(", ", kekIds) + "): pass the key"
                + " file this vault was created with.");
    }

    private static Keyring unwrapKeys(List<Object> items, int currentTerm, Kek kek, String vaultId) {
        NavigableMap<Integer, SecretKey> deks = new TreeMap<>();
        for (Object item : items) {
            Map<String, Object> key = map(item);
            int term = term(key.get("term"));
            byte[] nonce = base64(key.get("nonce"));
            byte[] sealed = base64(key.get("sealed"));
            if (nonce.length != Aead.NONCE_BYTES || sealed.length != Aead.sealedLength(Aead.KEY_BYTES) - Aead.NONCE_BYTES
                    || deks.containsKey(term)) {
                throw corrupt();
            }
            byte[] plain;
            try {
                plain = Aead.open(kek.key(), nonce, sealed, aad(vaultId, term, kek.id()));
            } catch (AuthenticationFailedException e) {
                throw new StoreException(ErrorCode.STORE_TAMPERED, "The keyring in the checkpoint header failed"
                        + " authentication although it names this key file (key id " + kek.id() + "): the checkpoint"
                        + " was changed on purpose or belongs to another vault; restore it from a backup you trust.", e);
            }
            try {
                deks.put(term, new SecretKeySpec(plain, "AES"));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        if (deks.isEmpty() || deks.lastKey() != currentTerm) {
            throw corrupt();
        }
        return new Keyring(deks);
    }

    // Binds a sealed DEK to its vault, term and KEK; lengths first, so that no two inputs share an encoding.
    private static byte[] aad(String vaultId, int term, String kekId) {
        byte[] vault = vaultId.getBytes(StandardCharsets.UTF_8);
        byte[] kekBytes = kekId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(AAD_LABEL.length + 3 * Integer.BYTES + vault.length + kekBytes.length)
                .put(AAD_LABEL).putInt(vault.length).put(vault).putInt(term).putInt(kekBytes.length).put(kekBytes)
                .array();
    }

    private static void checkVaultId(String vaultId) {
        if (Objects.requireNonNull(vaultId, "vaultId").isBlank()) {
            throw new IllegalArgumentException("a vault id is not blank");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw corrupt();
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw corrupt();
        }
        return (List<Object>) value;
    }

    private static String string(Object value) {
        if (!(value instanceof String)) {
            throw corrupt();
        }
        return (String) value;
    }

    private static int term(Object value) {
        if (!(value instanceof Integer) || (Integer) value < FIRST_TERM) {
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

    private static StoreException corrupt() {
        return new StoreException(ErrorCode.STORE_CORRUPT, StoreErrors.capitalize(WHAT) + " is missing or malformed:"
                + " restore the data dir from a backup (nothing was changed).");
    }

    @Override
    public String toString() {
        return "Keyring[terms=" + deks.keySet() + ", current=" + currentTerm() + "]";
    }
}

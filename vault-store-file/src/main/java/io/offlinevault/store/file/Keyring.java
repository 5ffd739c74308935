package io.offlinevault.store.file;

import static io.offlinevault.store.file.KeyringFields.WHAT;
import static io.offlinevault.store.file.KeyringFields.corrupt;
import static io.offlinevault.store.file.KeyringFields.list;
import static io.offlinevault.store.file.KeyringFields.map;
import static io.offlinevault.store.file.KeyringFields.nonce;
import static io.offlinevault.store.file.KeyringFields.sealed;
import static io.offlinevault.store.file.KeyringFields.sealedKey;
import static io.offlinevault.store.file.KeyringFields.string;
import static io.offlinevault.store.file.KeyringFields.term;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of a vault, as they travel in the checkpoint header: a random <em>vault key</em> sealed once per
 * key-encryption key in a <em>slot</em> (a key file, or a passphrase through Argon2id), and the data keys
 * (DEKs) of every key term sealed under the vault key. Changing a passphrase or a key file rewrites only the
 * slots; a new term adds a DEK; neither needs every KEK at hand. AAD binds each slot to the vault id and its
 * KEK id, and each DEK to the vault id and its term. {@link #toString()} shows terms and KEK ids only.
 * <pre>"keyring": {"currentTerm": 1,
 *   "slots": [{"kekId": "..", "kdf": {argon2id parameters, passphrase slots only}, "nonce": b64, "sealed": b64}],
 *   "keys": [{"term": 1, "nonce": b64, "sealed": b64}]}</pre>
 * A format version 1 checkpoint has {@code "wrappings": [{"kekId", "keys"}]} instead (DEKs sealed by the key
 * file): it still opens, and the next checkpoint is written in this form. {@link KeyringFields} reads and writes
 * the fields.
 */
final class Keyring {
    static final String FIELD = "keyring";
    static final int FIRST_TERM = 1;

    private static final byte[] SLOT_LABEL = "offline-vault slot v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_LABEL = "offline-vault key v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEGACY_LABEL = "offline-vault keyring v1".getBytes(StandardCharsets.US_ASCII);

    /** A KEK's seal of the vault key. Immutable. */
    record Slot(String kekId, Optional<KdfParams> kdf, byte[] nonce, byte[] sealed) {
        Slot {
            nonce = nonce.clone();
            sealed = sealed.clone();
        }

        /** {@return whether a passphrase opens this slot} */
        boolean isPassphrase() {
            return kdf.isPresent();
        }
    }

    /** Where the keys that may open a vault come from. */
    interface KeySource {
        /** {@return the key files to try, in order} */
        List<Candidate> keyFiles();

        /** {@return the passphrase; asked only when a passphrase slot must be tried} */
        Optional<SecretValue> passphrase();
    }

    /** A key file to try, and which key it is if it opens the vault. */
    record Candidate(OpenedWith openedWith, Kek kek) {
    }

    /** A keyring opened, and which key opened it. */
    record Unlocked(Keyring keyring, OpenedWith openedWith) {
    }

    private final SecretKey vaultKey;
    private final NavigableMap<Integer, SecretKey> deks;
    private final List<Slot> slots;

    private Keyring(SecretKey vaultKey, NavigableMap<Integer, SecretKey> deks, List<Slot> slots) {
        this.vaultKey = vaultKey;
        this.deks = Collections.unmodifiableNavigableMap(new TreeMap<>(deks));
        this.slots = List.copyOf(slots);
    }

    /** {@return a new keyring: a fresh vault key, one fresh DEK under term 1, one slot per KEK} */
    static Keyring create(List<Kek> keks, String vaultId) {
        return new Keyring(freshKey(), new TreeMap<>(Map.of(FIRST_TERM, freshKey())), List.of()).withSlots(keks, vaultId);
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
            throw StoreErrors.corrupt(what + " names key term " + term + ", which the checkpoint's keyring does not"
                    + " hold");
        }
        return key;
    }

    /** {@return the slots: which KEKs open the vault} */
    List<Slot> slots() {
        return slots;
    }

    /** {@return this keyring with a fresh DEK under the next term} */
    Keyring withNewTerm() {
        NavigableMap<Integer, SecretKey> more = new TreeMap<>(deks);
        more.put(currentTerm() + 1, freshKey());
        return new Keyring(vaultKey, more, slots);
    }

    /** {@return this keyring opened by exactly {@code keks} (its other slots dropped)} */
    Keyring withSlots(List<Kek> keks, String vaultId) {
        checkVaultId(vaultId);
        if (keks.isEmpty()) {
            throw new IllegalArgumentException("a vault keeps at least one key-encryption key");
        }
        List<Slot> sealed = new ArrayList<>();
        for (Kek kek : keks) {
            byte[] plain = vaultKey.getEncoded();
            try {
                Aead.Sealed seal = Aead.seal(kek.key(), plain, slotAad(vaultId, kek.id()));
                sealed.add(new Slot(kek.id(), kek.kdf(), seal.nonce(), seal.ciphertextAndTag()));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        return new Keyring(vaultKey, deks, sealed);
    }

    /** {@return this keyring with the slots of {@code kept} (kept as they are) plus one per KEK of {@code added}} */
    Keyring withSlots(List<Slot> kept, List<Kek> added, String vaultId) {
        List<Slot> all = new ArrayList<>(kept);
        if (!added.isEmpty()) {
            all.addAll(withSlots(added, vaultId).slots);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a vault keeps at least one key-encryption key");
        }
        return new Keyring(vaultKey, deks, all);
    }

    /** {@return the header fields ({@value #FIELD}): the slots as they are, every DEK sealed under the vault key} */
    Map<String, Object> header(String vaultId) {
        checkVaultId(vaultId);
        List<Object> keys = new ArrayList<>();
        for (Map.Entry<Integer, SecretKey> dek : deks.entrySet()) {
            byte[] plain = dek.getValue().getEncoded();
            try {
                keys.add(sealed(Map.of("term", dek.getKey()), Aead.seal(vaultKey, plain, keyAad(vaultId, dek.getKey()))));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        List<Object> slotFields = new ArrayList<>();
        for (Slot slot : slots) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("kekId", slot.kekId());
            slot.kdf().ifPresent(kdf -> fields.put("kdf", kdf.toHeader()));
            slotFields.add(sealed(fields, new Aead.Sealed(slot.nonce(), slot.sealed())));
        }
        return Map.of(FIELD, Map.of("currentTerm", currentTerm(), "slots", List.copyOf(slotFields),
                "keys", List.copyOf(keys)));
    }

    /**
     * {@return the keyring in {@code header} of vault {@code vaultId}, opened by the first key of {@code source}
     * that fits a slot: the key files in order, then the passphrase} No fitting key is STORE_WRONG_KEY naming
     * what the vault accepts; a fitting key whose seal fails (changed bytes, or another vault's checkpoint) is
     * STORE_TAMPERED; a malformed keyring is STORE_CORRUPT; hostile KDF parameters are refused before the KDF runs.
     */
    static Unlocked unwrap(Map<String, Object> header, String vaultId, KeySource source, PassphraseKdf kdf) {
        checkVaultId(vaultId);
        Map<String, Object> keyring = map(header.get(FIELD));
        int currentTerm = term(keyring.get("currentTerm"));
        if (keyring.containsKey("wrappings")) {
            return unwrapVersion1(keyring, currentTerm, vaultId, source);
        }
        List<Slot> slots = new ArrayList<>();
        for (Object item : list(keyring.get("slots"))) {
            Map<String, Object> fields = map(item);
            Optional<KdfParams> params = fields.containsKey("kdf")
                    ? Optional.of(KdfParams.fromHeader(fields.get("kdf"), WHAT)) : Optional.empty();
            slots.add(new Slot(string(fields.get("kekId")), params, nonce(fields), sealedKey(fields)));
        }
        for (Candidate keyFile : source.keyFiles()) {
            for (Slot slot : slots) {
                if (!slot.isPassphrase() && slot.kekId().equals(keyFile.kek().id())) {
                    return new Unlocked(open(slot, keyFile.kek(), keyring, currentTerm, vaultId, slots),
                            keyFile.openedWith());
                }
            }
        }
        List<Slot> passphraseSlots = slots.stream().filter(Slot::isPassphrase).toList();
        if (!passphraseSlots.isEmpty()) {
            Optional<SecretValue> passphrase = source.passphrase();
            if (passphrase.isPresent()) {
                for (Slot slot : passphraseSlots) {
                    Kek kek = kdf.derive(passphrase.get(), slot.kdf().orElseThrow(), WHAT);
                    if (slot.kekId().equals(kek.id())) {
                        return new Unlocked(open(slot, kek, keyring, currentTerm, vaultId, slots),
                                OpenedWith.passphrase());
                    }
                }
            }
        }
        throw wrongKey(slots, source);
    }

    private static Keyring open(Slot slot, Kek kek, Map<String, Object> keyring, int currentTerm, String vaultId,
                                List<Slot> slots) {
        byte[] plain = openSealed(kek.key(), slot.nonce(), slot.sealed(), slotAad(vaultId, kek.id()));
        SecretKey vaultKey;
        try {
            vaultKey = new SecretKeySpec(plain, "AES");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        NavigableMap<Integer, SecretKey> deks = new TreeMap<>();
        for (Object item : list(keyring.get("keys"))) {
            Map<String, Object> fields = map(item);
            int term = term(fields.get("term"));
            if (deks.containsKey(term)) {
                throw corrupt();
            }
            deks.put(term, dek(openSealed(vaultKey, nonce(fields), sealedKey(fields), keyAad(vaultId, term))));
        }
        checkTerms(deks, currentTerm);
        return new Keyring(vaultKey, deks, slots);
    }

    // Version 1: the key file sealed each DEK directly. Opened, it becomes a keyring with a fresh vault key.
    private static Unlocked unwrapVersion1(Map<String, Object> keyring, int currentTerm, String vaultId,
                                           KeySource source) {
        List<String> kekIds = new ArrayList<>();
        List<Map<String, Object>> wrappings = new ArrayList<>();
        for (Object item : list(keyring.get("wrappings"))) {
            Map<String, Object> wrapping = map(item);
            kekIds.add(string(wrapping.get("kekId")));
            wrappings.add(wrapping);
        }
        for (Candidate keyFile : source.keyFiles()) {
            Kek kek = keyFile.kek();
            for (Map<String, Object> wrapping : wrappings) {
                if (wrapping.get("kekId").equals(kek.id())) {
                    NavigableMap<Integer, SecretKey> deks = new TreeMap<>();
                    for (Object item : list(wrapping.get("keys"))) {
                        Map<String, Object> fields = map(item);
                        int term = term(fields.get("term"));
                        if (deks.containsKey(term)) {
                            throw corrupt();
                        }
                        deks.put(term, dek(openSealed(kek.key(), nonce(fields), sealedKey(fields),
                                legacyAad(vaultId, term, kek.id()))));
                    }
                    checkTerms(deks, currentTerm);
                    return new Unlocked(new Keyring(freshKey(), deks, List.of()).withSlots(List.of(kek), vaultId),
                            keyFile.openedWith());
                }
            }
        }
        throw wrongKey(kekIds.stream().map(id -> new Slot(id, Optional.empty(), new byte[0], new byte[0])).toList(),
                source);
    }

    private static StoreException wrongKey(List<Slot> slots, KeySource source) {
        List<String> accepted = new ArrayList<>();
        slots.stream().filter(slot -> !slot.isPassphrase()).forEach(slot -> accepted.add("the key file with key id "
                + slot.kekId()));
        if (slots.stream().anyMatch(Slot::isPassphrase)) {
            accepted.add("its passphrase");
        }
        List<String> tried = new ArrayList<>();
        source.keyFiles().forEach(keyFile -> tried.add(keyFile.openedWith().describe() + " (key id "
                + keyFile.kek().id() + ")"));
        String given = tried.isEmpty() ? "no key file" : String.join(", ", tried);
        return StoreErrors.wrongKey(given + (slots.stream().anyMatch(Slot::isPassphrase)
                ? ", and the passphrase if one was given" : ""), accepted);
    }

    private static byte[] openSealed(SecretKey key, byte[] nonce, byte[] sealed, byte[] aad) {
        try {
            return Aead.open(key, nonce, sealed, aad);
        } catch (AuthenticationFailedException e) {
            throw StoreErrors.tampered("the keyring in the checkpoint header failed authentication although the key"
                    + " fits: the checkpoint was changed on purpose or belongs to another vault", e);
        }
    }

    private static SecretKey dek(byte[] plain) {
        try {
            return new SecretKeySpec(plain, "AES");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static void checkTerms(NavigableMap<Integer, SecretKey> deks, int currentTerm) {
        if (deks.isEmpty() || deks.lastKey() != currentTerm) {
            throw corrupt();
        }
    }

    private static SecretKey freshKey() {
        byte[] key = Aead.freshKeyBytes();
        try {
            return new SecretKeySpec(key, "AES");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    // Lengths first, so that no two inputs share an encoding.
    private static byte[] slotAad(String vaultId, String kekId) {
        byte[] vault = vaultId.getBytes(StandardCharsets.UTF_8);
        byte[] kek = kekId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(SLOT_LABEL.length + 2 * Integer.BYTES + vault.length + kek.length)
                .put(SLOT_LABEL).putInt(vault.length).put(vault).putInt(kek.length).put(kek).array();
    }

    private static byte[] keyAad(String vaultId, int term) {
        byte[] vault = vaultId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(KEY_LABEL.length + 2 * Integer.BYTES + vault.length)
                .put(KEY_LABEL).putInt(vault.length).put(vault).putInt(term).array();
    }

    private static byte[] legacyAad(String vaultId, int term, String kekId) {
        byte[] vault = vaultId.getBytes(StandardCharsets.UTF_8);
        byte[] kekBytes = kekId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(LEGACY_LABEL.length + 3 * Integer.BYTES + vault.length + kekBytes.length)
                .put(LEGACY_LABEL).putInt(vault.length).put(vault).putInt(term).putInt(kekBytes.length).put(kekBytes)
                .array();
    }

    private static void checkVaultId(String vaultId) {
        if (Objects.requireNonNull(vaultId, "vaultId").isBlank()) {
            throw new IllegalArgumentException("a vault id is not blank");
        }
    }

    @Override
    public String toString() {
        return "Keyring[terms=" + deks.keySet() + ", current=" + currentTerm() + ", slots="
                + slots.stream().map(slot -> slot.kekId() + (slot.isPassphrase() ? " (passphrase)" : "")).toList() + "]";
    }
}

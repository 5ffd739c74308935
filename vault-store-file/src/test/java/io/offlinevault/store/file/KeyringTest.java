package io.offlinevault.store.file;

import static io.offlinevault.domain.error.ErrorCode.STORE_CORRUPT;
import static io.offlinevault.domain.error.ErrorCode.STORE_TAMPERED;
import static io.offlinevault.domain.error.ErrorCode.STORE_WRONG_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The keyring: a vault key sealed in one slot per key-encryption key (key file or passphrase), the data keys
 * sealed under it. Slots change without touching data keys; a new term keeps the old ones; the wrong key,
 * a changed seal and a malformed keyring are three different errors; a version 1 keyring still opens.
 */
class KeyringTest {
    private static final String SENTINEL = "sentinel-secret-c0ffee";
    private static final long LIMIT = 1 << 20;
    /** The smallest parameters the policy accepts: fast enough for tests. */
    static final KdfParams SMALL = KdfParams.fresh(KdfParams.MIN_MEMORY_KIB, KdfParams.MIN_ITERATIONS, 1);
    private static final SecretValue PASSPHRASE = SecretValue.of("correct horse battery staple");
    private static final OpenedWith KEY_FILE = OpenedWith.keyFile(Path.of("k"));

    private final Kek kek = Kek.of(Aead.freshKeyBytes());
    private final Keyring keyring = Keyring.create(List.of(kek), "v-1");
    private final AtomicInteger kdfRuns = new AtomicInteger();
    private final PassphraseKdf kdf = new PassphraseKdf((password, salt, secret, ad, m, t, p, length) -> {
        kdfRuns.incrementAndGet();
        return PassphraseKdf.ARGON2ID.derive(password, salt, secret, ad, m, t, p, length);
    });

    @Test
    void create_holds_one_fresh_256_bit_key_under_term_1() {
        assertThat(keyring.currentTerm()).isEqualTo(1);
        assertThat(keyring.currentKey().getEncoded()).hasSize(32);
        assertThat(Keyring.create(List.of(kek), "v-1").currentKey().getEncoded())
                .isNotEqualTo(keyring.currentKey().getEncoded());
    }

    @Test
    void the_header_opens_with_its_key_file_to_the_same_keys_and_says_so() {
        Keyring.Unlocked unlocked = Keyring.unwrap(keyring.header("v-1"), "v-1", keyFiles(kek), kdf);

        assertThat(unlocked.keyring().currentKey().getEncoded()).isEqualTo(keyring.currentKey().getEncoded());
        assertThat(unlocked.openedWith()).isEqualTo(KEY_FILE);
    }

    @Test
    void the_header_names_kek_ids_and_never_holds_a_key() {
        String json = new String(HeaderJson.write(keyring.header("v-1")), UTF_8);

        assertThat(json).contains(kek.id()).contains("\"slots\"").contains("\"keys\"");
        assertThat(json).doesNotContain(java.util.Base64.getEncoder().encodeToString(keyring.currentKey().getEncoded()));
    }

    @Test
    void another_key_file_is_a_wrong_key_naming_what_the_vault_accepts() {
        Kek other = Kek.of(Aead.freshKeyBytes());

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(keyring.header("v-1"), "v-1", keyFiles(other), kdf))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRONG_KEY))
                .withMessageContaining(kek.id()).withMessageContaining(other.id());
    }

    @Test
    void a_passphrase_slot_opens_with_the_passphrase_only() {
        Kek fromPassphrase = kdf.derive(PASSPHRASE, SMALL, "test");
        Keyring both = keyring.withSlots(keyring.slots(), List.of(fromPassphrase), "v-1");
        Map<String, Object> header = both.header("v-1");

        Keyring.Unlocked byPassphrase = Keyring.unwrap(header, "v-1", passphrase(PASSPHRASE), kdf);
        assertThat(byPassphrase.openedWith()).isEqualTo(OpenedWith.passphrase());
        assertThat(byPassphrase.keyring().currentKey().getEncoded()).isEqualTo(keyring.currentKey().getEncoded());
        assertThat(Keyring.unwrap(header, "v-1", keyFiles(kek), kdf).openedWith()).isEqualTo(KEY_FILE);
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(header, "v-1", passphrase(SecretValue.of("wrong horse")), kdf))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRONG_KEY))
                .withMessageContaining("its passphrase")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("horse"));
    }

    @Test
    void the_key_file_is_tried_before_the_passphrase_is_asked_for() {
        Keyring both = keyring.withSlots(keyring.slots(), List.of(kdf.derive(PASSPHRASE, SMALL, "test")), "v-1");
        kdfRuns.set(0);
        AtomicInteger asked = new AtomicInteger();
        Keyring.KeySource source = new Keyring.KeySource() {
            @Override
            public List<Keyring.Candidate> keyFiles() {
                return List.of(new Keyring.Candidate(KEY_FILE, kek));
            }

            @Override
            public Optional<SecretValue> passphrase() {
                asked.incrementAndGet();
                return Optional.of(PASSPHRASE);
            }
        };

        Keyring.unwrap(both.header("v-1"), "v-1", source, kdf);

        assertThat(asked).hasValue(0);
        assertThat(kdfRuns).hasValue(0);
    }

    @Test
    void hostile_kdf_parameters_are_refused_before_the_kdf_runs() {
        for (KdfParams hostile : List.of(
                new KdfParams(KdfParams.MIN_MEMORY_KIB - 1, 3, 1, new byte[16]),
                new KdfParams(KdfParams.MAX_MEMORY_KIB + 1, 3, 1, new byte[16]),
                new KdfParams(64 * 1024, 1, 1, new byte[16]),
                new KdfParams(64 * 1024, 17, 1, new byte[16]),
                new KdfParams(64 * 1024, 3, 0, new byte[16]),
                new KdfParams(64 * 1024, 3, 9, new byte[16]),
                new KdfParams(64 * 1024, 3, 1, new byte[8]))) {
            Map<String, Object> header = withPassphraseSlot(hostile);
            kdfRuns.set(0);

            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> Keyring.unwrap(header, "v-1", passphrase(PASSPHRASE), kdf))
                    .satisfies(e -> assertThat(e.code()).as("%s", hostile).isEqualTo(STORE_CORRUPT))
                    .withMessageContaining("the passphrase was not tried");
            assertThat(kdfRuns).as("%s", hostile).hasValue(0);
        }
    }

    @Test
    void a_new_term_keeps_the_old_keys_and_slots() {
        Keyring rotated = keyring.withNewTerm();

        Keyring opened = Keyring.unwrap(rotated.header("v-1"), "v-1", keyFiles(kek), kdf).keyring();
        assertThat(opened.currentTerm()).isEqualTo(2);
        assertThat(opened.key(1, "t").getEncoded()).isEqualTo(keyring.currentKey().getEncoded());
        assertThat(opened.currentKey().getEncoded()).isNotEqualTo(keyring.currentKey().getEncoded());
    }

    @Test
    void slots_replaced_drop_the_old_key() {
        Kek next = Kek.of(Aead.freshKeyBytes());
        Keyring changed = keyring.withSlots(List.of(next), "v-1");

        assertThat(Keyring.unwrap(changed.header("v-1"), "v-1", keyFiles(next), kdf).keyring().currentKey().getEncoded())
                .isEqualTo(keyring.currentKey().getEncoded());
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(changed.header("v-1"), "v-1", keyFiles(kek), kdf))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRONG_KEY));
    }

    @Test
    void a_keyring_of_another_vault_sharing_the_key_file_is_tampered() {
        Map<String, Object> ofVaultA = keyring.header("vault-a");

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(ofVaultA, "vault-b", keyFiles(kek), kdf))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_TAMPERED));
    }

    @Test
    void an_edited_seal_is_tampered() {
        Map<String, Object> ring = new HashMap<>(ring(keyring.header("v-1")));
        Map<String, Object> key = new HashMap<>(first(ring, "keys"));
        byte[] sealed = java.util.Base64.getDecoder().decode((String) key.get("sealed"));
        sealed[3] ^= 1;
        key.put("sealed", java.util.Base64.getEncoder().encodeToString(sealed));
        ring.put("keys", List.of(key));

        assertThat(unwrapFailure(Map.of("keyring", ring))).isEqualTo(STORE_TAMPERED);
    }

    @Test
    void a_missing_or_malformed_keyring_is_corrupt() {
        Map<String, Object> ring = ring(keyring.header("v-1"));
        Object slots = ring.get("slots");
        Object keys = ring.get("keys");
        List<Map<String, Object>> headers = List.of(
                Map.of(),
                Map.of("keyring", "text"),
                Map.of("keyring", Map.of("slots", slots, "keys", keys)),
                Map.of("keyring", Map.of("currentTerm", 0, "slots", slots, "keys", keys)),
                Map.of("keyring", Map.of("currentTerm", 2, "slots", slots, "keys", keys)),
                Map.of("keyring", Map.of("currentTerm", 1, "slots", "text", "keys", keys)),
                Map.of("keyring", Map.of("currentTerm", 1, "slots", slots, "keys", List.of())),
                Map.of("keyring", Map.of("currentTerm", 1, "slots", slots, "keys", List.of(first(ring, "keys"),
                        first(ring, "keys")))),
                Map.of("keyring", Map.of("currentTerm", 1, "slots", slots, "keys", List.of(Map.of("term", 1, "nonce",
                        "AAAA", "sealed", "!")))));

        for (Map<String, Object> header : headers) {
            assertThat(unwrapFailure(header)).as("%s", header).isEqualTo(STORE_CORRUPT);
        }
    }

    @Test
    void a_keyring_never_prints_its_keys() {
        assertThat(keyring.toString()).isEqualTo("Keyring[terms=[1], current=1, slots=[" + kek.id() + "]]");
    }

    @Test
    void a_checkpoint_sealed_with_the_keyring_opens_only_with_its_key_file_and_vault() {
        Keyring keyring = Keyring.create(List.of(kek), "vault-a");
        Map<String, Object> header = new HashMap<>(keyring.header("vault-a"));
        header.put("vaultId", "vault-a");
        byte[] checkpoint = Container.seal(header, SENTINEL.getBytes(UTF_8), keyring.currentKey());

        Container.Parsed parsed = Container.parse(checkpoint, "the checkpoint", LIMIT);
        Keyring opened = Keyring.unwrap(parsed.header(), "vault-a", keyFiles(kek), kdf).keyring();

        assertThat(parsed.open(opened.currentKey())).isEqualTo(SENTINEL.getBytes(UTF_8));
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(parsed.header(), "vault-a", keyFiles(Kek.of(Aead.freshKeyBytes())), kdf))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRONG_KEY));
    }

    private Map<String, Object> withPassphraseSlot(KdfParams params) {
        Map<String, Object> ring = new HashMap<>(ring(keyring.header("v-1")));
        Map<String, Object> slot = new HashMap<>(first(ring, "slots"));
        slot.put("kekId", "0123456789abcdef");
        slot.put("kdf", params.toHeader());
        ring.put("slots", List.of(slot));
        return Map.of("keyring", ring);
    }

    private static Keyring.KeySource keyFiles(Kek kek) {
        return source(List.of(new Keyring.Candidate(KEY_FILE, kek)), Optional.empty());
    }

    private static Keyring.KeySource passphrase(SecretValue passphrase) {
        return source(List.of(), Optional.of(passphrase));
    }

    private static Keyring.KeySource source(List<Keyring.Candidate> keyFiles, Optional<SecretValue> passphrase) {
        return new Keyring.KeySource() {
            @Override
            public List<Keyring.Candidate> keyFiles() {
                return keyFiles;
            }

            @Override
            public Optional<SecretValue> passphrase() {
                return passphrase;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ring(Map<String, Object> header) {
        return (Map<String, Object>) header.get("keyring");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> ring, String field) {
        return ((List<Map<String, Object>>) ring.get(field)).get(0);
    }

    private ErrorCode unwrapFailure(Map<String, Object> header) {
        try {
            Keyring.unwrap(header, "v-1", keyFiles(kek), kdf);
            throw new AssertionError("unwrapped instead of failing");
        } catch (StoreException e) {
            return e.code();
        }
    }
}

package io.offlinevault.store.file;

import static io.offlinevault.domain.error.ErrorCode.STORE_CORRUPT;
import static io.offlinevault.domain.error.ErrorCode.STORE_TAMPERED;
import static io.offlinevault.domain.error.ErrorCode.STORE_WRONG_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyringTest {
    private static final String SENTINEL = "sentinel-secret-c0ffee";
    private static final long LIMIT = 1 << 20;

    private final Kek kek = Kek.of(Aead.freshKeyBytes());
    private final Keyring keyring = Keyring.create();

    @Test
    void create_holds_one_fresh_256_bit_key_under_term_1() {
        assertThat(keyring.currentTerm()).isEqualTo(1);
        assertThat(keyring.currentKey().getEncoded()).hasSize(32);
        assertThat(keyring.key(1, "the blob b-1")).isSameAs(keyring.currentKey());
        assertThat(Keyring.create().currentKey().getEncoded()).isNotEqualTo(keyring.currentKey().getEncoded());
    }

    @Test
    void unwrap_returns_the_keys_that_wrap_sealed() {
        Map<String, Object> header = keyring.wrap(kek, "v-1");

        Keyring unwrapped = Keyring.unwrap(header, kek, "v-1");

        assertThat(unwrapped.currentTerm()).isEqualTo(1);
        assertThat(unwrapped.currentKey().getEncoded()).isEqualTo(keyring.currentKey().getEncoded());
    }

    @Test
    void wrapped_fields_name_the_kek_id_and_never_hold_the_key() {
        String encodedKey = Base64.getEncoder().encodeToString(keyring.currentKey().getEncoded());

        String json = new String(HeaderJson.write(keyring.wrap(kek, "v-1")), UTF_8);

        assertThat(json).startsWith("{\"keyring\":{\"currentTerm\":1,\"wrappings\":[{\"kekId\":\"" + kek.id() + "\"")
                .doesNotContain(encodedKey);
    }

    @Test
    void another_key_file_is_a_wrong_key_naming_both_ids() {
        Kek other = Kek.of(Aead.freshKeyBytes());

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(keyring.wrap(kek, "v-1"), other, "v-1"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRONG_KEY))
                .withMessageContaining(other.id()).withMessageContaining(kek.id())
                .withMessageContaining("pass the key file this vault was created with");
    }

    @Test
    void a_keyring_of_another_vault_sharing_the_key_file_is_tampered() {
        Map<String, Object> wrappedForA = keyring.wrap(kek, "vault-a");

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> Keyring.unwrap(wrappedForA, kek, "vault-b"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_TAMPERED));
    }

    @Test
    void an_edited_sealed_key_is_tampered() {
        for (String field : List.of("nonce", "sealed")) {
            Map<String, Object> key = new HashMap<>(firstKey(keyring.wrap(kek, "v-1")));
            byte[] bytes = Base64.getDecoder().decode((String) key.get(field));
            bytes[0] ^= 0x01;
            key.put(field, Base64.getEncoder().encodeToString(bytes));

            assertThat(unwrapFailure(withFirstKey(key))).as(field).isEqualTo(STORE_TAMPERED);
        }
    }

    @Test
    void an_edited_term_is_tampered() {
        Map<String, Object> key = new HashMap<>(firstKey(keyring.wrap(kek, "v-1")));
        key.put("term", 2);

        assertThat(unwrapFailure(withFirstKey(key))).isEqualTo(STORE_TAMPERED);
    }

    @Test
    void a_missing_or_malformed_keyring_is_corrupt() {
        Map<String, Object> good = firstKey(keyring.wrap(kek, "v-1"));
        List<Map<String, Object>> headers = List.of(
                Map.of(),
                Map.of("keyring", "text"),
                Map.of("keyring", Map.of("wrappings", List.of())),
                Map.of("keyring", Map.of("currentTerm", 1, "wrappings", "text")),
                Map.of("keyring", Map.of("currentTerm", 0, "wrappings", List.of())),
                Map.of("keyring", Map.of("currentTerm", 2, "wrappings", List.of(
                        Map.of("kekId", kek.id(), "keys", List.of(good))))),
                Map.of("keyring", Map.of("currentTerm", 1, "wrappings", List.of(
                        Map.of("kekId", kek.id(), "keys", List.of())))),
                Map.of("keyring", Map.of("currentTerm", 1, "wrappings", List.of(
                        Map.of("kekId", kek.id(), "keys", List.of(good, good))))),
                Map.of("keyring", Map.of("currentTerm", 1, "wrappings", List.of(
                        Map.of("kekId", kek.id(), "keys", List.of(Map.of("term", 1, "nonce", "AAAA", "sealed", "!"))))))
        );

        for (Map<String, Object> header : headers) {
            assertThat(unwrapFailure(header)).as("%s", header).isEqualTo(STORE_CORRUPT);
        }
    }

    @Test
    void a_keyring_never_prints_its_keys() {
        assertThat(keyring.toString()).isEqualTo("Keyring[terms=[1], current=1]");
    }

    @Test
    void a_checkpoint_sealed_with_the_keyring_opens_only_with_its_key_file_and_vault() {
        // given: a checkpoint-shaped container: vault id, generation and the wrapped keyring in the header
        Map<String, Object> header = new HashMap<>(keyring.wrap(kek, "vault-a"));
        header.put("vaultId", "vault-a");
        header.put("generation", 0);
        byte[] checkpoint = Container.seal(header, SENTINEL.getBytes(UTF_8), keyring.currentKey());

        // when: read back the way the store will
        Container.Parsed parsed = Container.parse(checkpoint, "the checkpoint", LIMIT);
        String vaultId = (String) parsed.header().get("vaultId");
        Keyring opened = Keyring.unwrap(parsed.header(), kek, vaultId);

        // then
        assertThat(parsed.open(opened.currentKey())).isEqualTo(SENTINEL.getBytes(UTF_8));
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(parsed.header(), Kek.of(Aead.freshKeyBytes()), vaultId))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRONG_KEY));
    }

    @Test
    void splicing_the_keyring_of_another_vault_sharing_the_key_file_fails() {
        // given: two vaults created with the same key file
        Keyring other = Keyring.create();
        Map<String, Object> headerB = new HashMap<>(other.wrap(kek, "vault-b"));
        headerB.put("vaultId", "vault-b");
        byte[] checkpointB = Container.seal(headerB, SENTINEL.getBytes(UTF_8), other.currentKey());
        String keyringA = new String(HeaderJson.write(keyring.wrap(kek, "vault-a")), UTF_8);
        String spliced = ContainerSurgery.headerText(checkpointB)
                .replaceFirst("\"keyring\":\\{.*?\\]\\}\\]\\}", keyringA.substring(1, keyringA.length() - 1).replace("$", "\\$"));
        assertThat(spliced).isNotEqualTo(ContainerSurgery.headerText(checkpointB));

        // when
        Container.Parsed parsed = Container.parse(ContainerSurgery.withHeader(checkpointB, spliced), "the checkpoint", LIMIT);

        // then
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Keyring.unwrap(parsed.header(), kek, (String) parsed.header().get("vaultId")))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_TAMPERED))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SENTINEL));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstKey(Map<String, Object> header) {
        Map<String, Object> ring = (Map<String, Object>) header.get("keyring");
        Map<String, Object> wrapping = ((List<Map<String, Object>>) ring.get("wrappings")).get(0);
        return ((List<Map<String, Object>>) wrapping.get("keys")).get(0);
    }

    private Map<String, Object> withFirstKey(Map<String, Object> key) {
        return Map.of("keyring", Map.of("currentTerm", 1, "wrappings", List.of(
                Map.of("kekId", kek.id(), "keys", List.of(key)))));
    }

    private ErrorCode unwrapFailure(Map<String, Object> header) {
        try {
            Keyring.unwrap(header, kek, "v-1");
            throw new AssertionError("unwrapped instead of failing");
        } catch (StoreException e) {
            return e.code();
        }
    }
}

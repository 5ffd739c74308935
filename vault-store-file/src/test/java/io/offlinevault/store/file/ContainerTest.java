package io.offlinevault.store.file;

import static io.offlinevault.domain.error.ErrorCode.STORE_CORRUPT;
import static io.offlinevault.domain.error.ErrorCode.STORE_TAMPERED;
import static io.offlinevault.domain.error.ErrorCode.STORE_UNSUPPORTED_VERSION;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerTest {
    private static final String WHAT = "the checkpoint";
    private static final String SENTINEL = "sentinel-secret-7f3a";
    private static final long LIMIT = 1024;

    private final SecretKey key = new SecretKeySpec(Aead.freshKeyBytes(), "AES");
    private final byte[] plaintext = ("{\"value\":\"" + SENTINEL + "\"}").getBytes(UTF_8);
    private final byte[] container = Container.seal(header(), plaintext, key);

    private static Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("vaultId", "v-0001");
        header.put("generation", 7);
        header.put("term", 1);
        return header;
    }

    @Test
    void open_returns_the_sealed_plaintext_and_the_header_fields() {
        Container.Parsed parsed = Container.parse(container, WHAT, LIMIT);

        assertThat(parsed.open(key)).isEqualTo(plaintext);
        assertThat(parsed.plaintextLength()).isEqualTo(plaintext.length);
        assertThat(parsed.header()).containsEntry("vaultId", "v-0001").containsEntry("generation", 7)
                .containsEntry("algorithm", "AES-256-GCM").containsEntry("nonceLength", 12)
                .containsEntry("tagLength", 16);
    }

    @Test
    void seal_writes_magic_version_and_a_header_with_sorted_keys() {
        assertThat(Arrays.copyOf(container, 6)).isEqualTo(new byte[] {'O', 'V', 'L', 'T', 0, 2});
        assertThat(ContainerSurgery.headerText(container)).isEqualTo(
                "{\"algorithm\":\"AES-256-GCM\",\"generation\":7,\"nonceLength\":12,\"tagLength\":16,\"term\":1,"
                        + "\"vaultId\":\"v-0001\"}");
    }

    @Test
    void sealing_the_same_plaintext_twice_gives_different_bytes() {
        assertThat(Container.seal(header(), plaintext, key)).isNotEqualTo(container);
    }

    @Test
    void no_file_byte_holds_the_plaintext() {
        String bytes = new String(container, StandardCharsets.ISO_8859_1);

        assertThat(bytes).doesNotContain(SENTINEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"algorithm", "nonceLength", "tagLength"})
    void seal_refuses_header_fields_the_container_owns(String field) {
        Map<String, Object> header = new LinkedHashMap<>(header());
        header.put(field, 8);

        assertThatIllegalArgumentException().isThrownBy(() -> Container.seal(header, plaintext, key));
    }

    @Test
    void seal_refuses_a_header_over_64_kib() {
        Map<String, Object> header = Map.of("padding", "x".repeat(64 * 1024));

        assertThatIllegalArgumentException().isThrownBy(() -> Container.seal(header, plaintext, key));
    }

    @Test
    void every_single_bit_flip_is_a_named_error_and_never_plaintext() {
        for (int i = 0; i < container.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = container.clone();
                flipped[i] ^= (byte) (1 << bit);
                ErrorCode expected = i == 4 || i == 5 ? STORE_UNSUPPORTED_VERSION : STORE_CORRUPT;

                assertThat(failure(flipped)).as("byte %d bit %d", i, bit).isEqualTo(expected);
            }
        }
    }

    @Test
    void every_truncation_is_corrupt() {
        for (int length = 0; length < container.length; length++) {
            assertThat(failure(Arrays.copyOf(container, length))).as("length %d", length).isEqualTo(STORE_CORRUPT);
        }
    }

    @Test
    void an_empty_file_is_corrupt_and_says_so() {
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> Container.parse(new byte[0], WHAT, LIMIT))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageContaining("The checkpoint").withMessageContaining("empty file");
    }

    @Test
    void a_file_of_another_kind_is_corrupt_and_says_so() {
        byte[] json = "{\"entries\":[]}".getBytes(UTF_8);

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> Container.parse(json, WHAT, LIMIT))
                .withMessageContaining("not an Offline Vault file");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 4096})
    void trailing_bytes_are_corrupt(int extra) {
        byte[] zeroFilledTail = Arrays.copyOf(container, container.length + extra);
        byte[] garbage = zeroFilledTail.clone();
        Arrays.fill(garbage, container.length, garbage.length, (byte) 0x5a);

        assertThat(failure(zeroFilledTail)).isEqualTo(STORE_CORRUPT);
        assertThat(failure(garbage)).isEqualTo(STORE_CORRUPT);
    }

    @Test
    void a_payload_over_the_limit_is_corrupt_before_decryption() {
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Container.parse(container, WHAT, plaintext.length - 1))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageContaining("more than the " + (plaintext.length - 1));
    }

    @Test
    void another_key_is_tampered() {
        SecretKey other = new SecretKeySpec(Aead.freshKeyBytes(), "AES");

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Container.parse(container, WHAT, LIMIT).open(other))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_TAMPERED))
                .withMessageContaining("The checkpoint failed authentication");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"vaultId\":\"v-0002\"", "\"generation\":8", "\"term\":2"})
    void a_header_field_edited_with_the_checksum_recomputed_is_tampered(String edit) {
        String field = edit.substring(0, edit.indexOf(':') + 1);
        String header = ContainerSurgery.headerText(container).replaceAll(
                Pattern.quote(field) + "(\"[^\"]*\"|\\d+)", Matcher.quoteReplacement(edit));

        assertThat(failure(ContainerSurgery.withHeader(container, header))).isEqualTo(STORE_TAMPERED);
    }

    @Test
    void a_header_field_added_with_the_checksum_recomputed_is_tampered() {
        String header = ContainerSurgery.headerText(container).replace("{", "{\"blobId\":\"b-1\",");

        assertThat(failure(ContainerSurgery.withHeader(container, header))).isEqualTo(STORE_TAMPERED);
    }

    @Test
    void a_version_edited_with_the_checksum_recomputed_is_unsupported() {
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Container.parse(ContainerSurgery.withVersion(container, 3), WHAT, LIMIT))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_UNSUPPORTED_VERSION))
                .withMessageContaining("format version 3").withMessageContaining("versions 1 to 2");
    }

    @Test
    void a_version_2_container_relabelled_version_1_fails_authentication() {
        Container.Parsed parsed = Container.parse(ContainerSurgery.withVersion(container, 1), WHAT, LIMIT);

        assertThat(parsed.version()).isEqualTo(1);
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> parsed.open(key))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_TAMPERED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"algorithm\":\"AES-128-GCM\"", "\"algorithm\":\"ChaCha20-Poly1305\"",
            "\"nonceLength\":0", "\"nonceLength\":8", "\"nonceLength\":16", "\"nonceLength\":12.0",
            "\"nonceLength\":\"12\"", "\"tagLength\":12"})
    void algorithm_fields_edited_with_the_checksum_recomputed_are_rejected_before_decryption(String edit) {
        String field = edit.substring(0, edit.indexOf(':') + 1);
        String header = ContainerSurgery.headerText(container)
                .replaceAll(Pattern.quote(field) + "(\"[^\"]*\"|\\d+)", edit);

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Container.parse(ContainerSurgery.withHeader(container, header), WHAT, LIMIT))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageContaining("names a cipher other than AES-256-GCM");
    }

    @Test
    void missing_algorithm_fields_are_corrupt() {
        assertThat(failure(ContainerSurgery.withHeader(container, "{\"vaultId\":\"v-0001\"}")))
                .isEqualTo(STORE_CORRUPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ALGO,\"vaultId\":\"v-1\",\"vaultId\":\"v-2\"}",
            "{\"algorithm\":\"AES-256-GCM\",ALGO}",
            "{ALGO} {\"vaultId\":\"v-2\"}",
            "{ALGO}]",
            "{ALGO}x",
            "[{ALGO}]",
            "{ALGO,\"vaultId\":\"v-1\"",
            "{ALGO,'vaultId':\"v-1\"}",
            "{ALGO,\"generation\":NaN}",
            "{ALGO,\"vaultId\":\"v-1\",}",
            "{ALGO,/* comment */\"vaultId\":\"v-1\"}",
            "{ALGO,\"generation\":123456789012345678901234567890123}",
            "{ALGO,\"deep\":[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}",
            "",
            "null"})
    void a_malformed_header_with_the_checksum_recomputed_is_corrupt(String template) {
        String header = template.replace("ALGO", "\"algorithm\":\"AES-256-GCM\",\"nonceLength\":12,\"tagLength\":16");

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Container.parse(ContainerSurgery.withHeader(container, header), WHAT, LIMIT))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageContaining("has a header that is not one valid JSON object");
    }

    @Test
    void a_well_formed_header_with_the_algorithm_fields_parses() {
        String header = "{\"algorithm\":\"AES-256-GCM\",\"deep\":[[[[[[[[[[[[[[1]]]]]]]]]]]]]],\"nonceLength\":12,"
                + "\"tagLength\":16}";

        assertThat(Container.parse(ContainerSurgery.withHeader(container, header), WHAT, LIMIT).header())
                .containsKey("deep");
    }

    @Test
    void a_header_that_is_not_utf_8_is_corrupt() {
        String valid = "{\"algorithm\":\"AES-256-GCM\",\"nonceLength\":12,\"tagLength\":16,\"vaultId\":\"v-\u00ff\"}";
        byte[] utf16 = valid.getBytes(StandardCharsets.UTF_16BE);
        byte[] invalid = valid.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(failure(ContainerSurgery.withHeader(container, utf16))).isEqualTo(STORE_CORRUPT);
        assertThat(failure(ContainerSurgery.withHeader(container, invalid))).isEqualTo(STORE_CORRUPT);
    }

    @Test
    void a_header_length_over_64_kib_is_corrupt() {
        byte[] big = ContainerSurgery.withHeader(container, " ".repeat(64 * 1024 + 1));

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> Container.parse(big, WHAT, LIMIT))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageContaining("over the 65536-byte limit");
    }

    @Test
    void every_payload_byte_edited_with_the_checksum_recomputed_is_tampered() {
        int start = ContainerSurgery.payloadOffset(container);
        for (int i = start; i < container.length - ContainerSurgery.SHA; i++) {
            byte[] edited = container.clone();
            edited[i] ^= 0x01;

            assertThat(failure(ContainerSurgery.withChecksum(edited))).as("byte %d", i).isEqualTo(STORE_TAMPERED);
        }
    }

    @Test
    void messages_never_hold_the_plaintext() {
        byte[] edited = container.clone();
        edited[edited.length - ContainerSurgery.SHA - 1] ^= 0x01;

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> Container.parse(ContainerSurgery.withChecksum(edited), WHAT, LIMIT).open(key))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SENTINEL));
    }

    /** {@return the code of the error parsing and opening {@code bytes} gives} Fails when it succeeds. */
    private ErrorCode failure(byte[] bytes) {
        try {
            byte[] opened = Container.parse(bytes, WHAT, LIMIT).open(key);
            throw new AssertionError("opened " + opened.length + " bytes instead of failing");
        } catch (StoreException e) {
            assertThat(e.getMessage()).startsWith("The checkpoint").doesNotContain(SENTINEL);
            return e.code();
        }
    }
}

package io.offlinevault.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AeadTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String FEFFE_KEY = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    private static final String FEFFE_PLAINTEXT = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String FEFFE_CIPHERTEXT = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";

    private final SecretKey key = new SecretKeySpec(Aead.freshKeyBytes(), "AES");

    /** One AES-256 test case of McGrew and Viega's GCM specification (the NIST GCM submission), in hex. */
    record Vector(String name, String key, String nonce, String plaintext, String aad, String ciphertext, String tag) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> nistGcmAes256Vectors() {
        return Stream.of(
                new Vector("Test Case 13", "00".repeat(32), "00".repeat(12), "", "", "",
                        "530f8afbc74536b9a963b4f1c4cb738b"),
                new Vector("Test Case 14", "00".repeat(32), "00".repeat(12), "00".repeat(16), "",
                        "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
                new Vector("Test Case 15", FEFFE_KEY, "cafebabefacedbaddecaf888", FEFFE_PLAINTEXT, "",
                        FEFFE_CIPHERTEXT, "b094dac5d93471bdec1a502270e3cc6c"),
                new Vector("Test Case 16", FEFFE_KEY, "cafebabefacedbaddecaf888", FEFFE_PLAINTEXT.substring(0, 120),
                        "feedfacedeadbeeffeedfacedeadbeefabaddad2", FEFFE_CIPHERTEXT.substring(0, 120),
                        "76fc6ece0f4e1768cddf8853bb2d551b"));
    }

    @ParameterizedTest
    @MethodSource("nistGcmAes256Vectors")
    void seal_matches_the_nist_gcm_known_answer(Vector vector) {
        byte[] sealed = Aead.sealWithNonce(key(vector), HEX.parseHex(vector.nonce()), HEX.parseHex(vector.plaintext()),
                HEX.parseHex(vector.aad()));

        assertThat(HEX.formatHex(sealed)).isEqualTo(vector.ciphertext() + vector.tag());
    }

    @ParameterizedTest
    @MethodSource("nistGcmAes256Vectors")
    void open_matches_the_nist_gcm_known_answer(Vector vector) throws AuthenticationFailedException {
        byte[] plaintext = Aead.open(key(vector), HEX.parseHex(vector.nonce()),
                HEX.parseHex(vector.ciphertext() + vector.tag()), HEX.parseHex(vector.aad()));

        assertThat(HEX.formatHex(plaintext)).isEqualTo(vector.plaintext());
    }

    @ParameterizedTest
    @MethodSource("nistGcmAes256Vectors")
    void open_fails_when_any_byte_of_a_known_answer_changes(Vector vector) {
        byte[] sealed = HEX.parseHex(vector.ciphertext() + vector.tag());
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertThatExceptionOfType(AuthenticationFailedException.class).isThrownBy(() -> Aead.open(key(vector),
                    HEX.parseHex(vector.nonce()), changed, HEX.parseHex(vector.aad())));
        }
    }

    @Test
    void sealing_the_same_plaintext_twice_gives_different_nonces_and_ciphertexts() {
        byte[] plaintext = "the same secret".getBytes(UTF_8);

        Aead.Sealed first = Aead.seal(key, plaintext, new byte[0]);
        Aead.Sealed second = Aead.seal(key, plaintext, new byte[0]);

        assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce());
        assertThat(first.ciphertextAndTag()).hasSize(plaintext.length + 16).isNotEqualTo(second.ciphertextAndTag());
    }

    @Test
    void open_returns_what_seal_sealed() throws AuthenticationFailedException {
        byte[] plaintext = "value".getBytes(UTF_8);
        byte[] aad = "vault v-1, generation 3".getBytes(UTF_8);

        Aead.Sealed sealed = Aead.seal(key, plaintext, aad);

        assertThat(Aead.open(key, sealed.nonce(), sealed.ciphertextAndTag(), aad)).isEqualTo(plaintext);
    }

    @Test
    void open_fails_with_another_key_another_aad_or_another_nonce() {
        byte[] aad = "vault v-1".getBytes(UTF_8);
        Aead.Sealed sealed = Aead.seal(key, "value".getBytes(UTF_8), aad);
        SecretKey otherKey = new SecretKeySpec(Aead.freshKeyBytes(), "AES");
        byte[] otherNonce = sealed.nonce().clone();
        otherNonce[11] ^= 0x01;

        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> Aead.open(otherKey, sealed.nonce(), sealed.ciphertextAndTag(), aad));
        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> Aead.open(key, sealed.nonce(), sealed.ciphertextAndTag(), "vault v-2".getBytes(UTF_8)));
        assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> Aead.open(key, otherNonce, sealed.ciphertextAndTag(), aad));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 16})
    void nonces_other_than_12_bytes_are_rejected_before_the_key_is_touched(int nonceLength) {
        CountingKey counting = new CountingKey(Aead.freshKeyBytes());
        Aead.Sealed sealed = Aead.seal(key, "value".getBytes(UTF_8), new byte[0]);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Aead.open(counting, new byte[nonceLength], sealed.ciphertextAndTag(), new byte[0]))
                .withMessageContaining("12 bytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Aead.sealWithNonce(counting, new byte[nonceLength], new byte[1], new byte[0]));
        assertThat(counting.uses).isZero();
    }

    @Test
    void input_shorter_than_a_16_byte_tag_is_rejected_before_the_key_is_touched() {
        CountingKey counting = new CountingKey(Aead.freshKeyBytes());
        Aead.Sealed sealed = Aead.seal(key, new byte[0], new byte[0]);
        byte[] twelveByteTag = Arrays.copyOf(sealed.ciphertextAndTag(), 12);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Aead.open(counting, sealed.nonce(), twelveByteTag, new byte[0]))
                .withMessageContaining("16-byte tag");
        assertThat(counting.uses).isZero();
    }

    @Test
    void keys_other_than_256_bits_are_rejected() {
        SecretKey aes128 = new SecretKeySpec(new byte[16], "AES");

        assertThatIllegalArgumentException().isThrownBy(() -> Aead.seal(aes128, new byte[1], new byte[0]));
    }

    @Test
    void seal_into_writes_the_nonce_then_ciphertext_and_tag() throws AuthenticationFailedException {
        byte[] plaintext = "value".getBytes(UTF_8);
        byte[] out = new byte[3 + Aead.sealedLength(plaintext.length)];

        int written = Aead.sealInto(key, plaintext, plaintext.length, new byte[0], out, 3);

        assertThat(written).isEqualTo(Aead.sealedLength(plaintext.length));
        byte[] nonce = Arrays.copyOfRange(out, 3, 15);
        assertThat(Aead.open(key, nonce, out, 15, out.length - 15, new byte[0])).isEqualTo(plaintext);
    }

    private static SecretKey key(Vector vector) {
        return new SecretKeySpec(HEX.parseHex(vector.key()), "AES");
    }

    /** An AES key that counts how often its bytes are read. */
    private static final class CountingKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private int uses;

        CountingKey(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public String getAlgorithm() {
            uses++;
            return "AES";
        }

        @Override
        public String getFormat() {
            uses++;
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            uses++;
            return bytes.clone();
        }
    }
}

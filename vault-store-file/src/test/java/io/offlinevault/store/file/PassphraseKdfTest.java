package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Argon2id: the RFC 9106 known answer, the policy checked before the primitive, the same key for the same input. */
class PassphraseKdfTest {
    @Test
    void the_primitive_gives_the_rfc_9106_argon2id_test_vector() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);

        // m=32 KiB, t=3, p=4 are below the store's policy: the primitive has none
        byte[] tag = PassphraseKdf.ARGON2ID.derive(password, salt, secret, associatedData, 32, 3, 4, 32);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void the_same_passphrase_and_parameters_give_the_same_kek_and_another_salt_another() {
        PassphraseKdf kdf = new PassphraseKdf(PassphraseKdf.ARGON2ID);
        SecretValue passphrase = SecretValue.of("pass phrase with spaces, ünïcödé");

        Kek first = kdf.derive(passphrase, KeyringTest.SMALL, "t");
        Kek again = kdf.derive(passphrase, KeyringTest.SMALL, "t");
        Kek salted = kdf.derive(passphrase, KeyringTest.SMALL.withFreshSalt(), "t");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(salted.id()).isNotEqualTo(first.id());
        assertThat(first.kdf()).contains(KeyringTest.SMALL);
        assertThat(first.toString()).contains("passphrase").doesNotContain("ünïcödé");
    }

    @Test
    void parameters_outside_the_policy_never_reach_the_primitive() {
        AtomicInteger runs = new AtomicInteger();
        PassphraseKdf kdf = new PassphraseKdf((p, s, k, a, m, t, l, n) -> {
            runs.incrementAndGet();
            return new byte[n];
        });

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> kdf.derive(SecretValue.of("x"), new KdfParams(1024 * 1024 * 1024, 3, 1, new byte[16]), "t"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));
        assertThat(runs).hasValue(0);
        kdf.derive(SecretValue.of("x"), KeyringTest.SMALL, "t");
        assertThat(runs).hasValue(1);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}

package io.offlinevault.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TokenDigestTest {
    @Test
    void is_the_lower_case_hex_sha256_of_the_token() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(TokenDigest.of("abc").hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenDigest.of("abc").matches(TokenDigest.of("abc"))).isTrue();
        assertThat(TokenDigest.of("abc").matches(TokenDigest.of("abd"))).isFalse();
    }

    @Test
    void is_equal_to_a_digest_of_the_same_hex_only_and_hashes_as_its_hex() {
        // written out (not the record's generated ones): the same contract, and the same hash the generated one gives
        TokenDigest abc = TokenDigest.of("abc");
        assertThat(abc).isEqualTo(new TokenDigest(new String(abc.hex()))).isNotEqualTo(TokenDigest.of("abd"))
                .isNotEqualTo(abc.hex()).isNotEqualTo(null);
        assertThat(abc.hashCode()).isEqualTo(abc.hex().hashCode());
    }

    @Test
    void refuses_anything_but_64_lower_case_hex_digits() {
        String good = "0123456789abcdef".repeat(4);
        assertThat(new TokenDigest(good).hex()).isEqualTo(good);
        for (String bad : new String[] {"", good.substring(1), good + "0", good.toUpperCase(), good.replace('f', 'g'),
                good.replace('0', ' '), good.replace('a', 'é')}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new TokenDigest(bad))
                    .withMessage("a token digest is 64 lower-case hex digits");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenDigest(null));
    }
}

package io.offlinevault.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.error.InvalidParameterException;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OrganizationIdTest {
    // The grammar as API.md writes it; isValid checks it with a loop.
    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    @Test
    void accepts_letters_digits_underscores_and_dashes_after_a_letter_or_digit() {
        assertThat(OrganizationId.isValid("acme")).isTrue();
        assertThat(OrganizationId.isValid("A")).isTrue();
        assertThat(OrganizationId.isValid("9_dev-Org")).isTrue();
        assertThat(OrganizationId.isValid("a".repeat(128))).isTrue();
        assertThat(OrganizationId.of("acme-2").value()).isEqualTo("acme-2");
    }

    @Test
    void is_equal_to_an_id_of_the_same_value_only_and_hashes_as_its_value() {
        // written out (not the record's generated ones): the same contract, and the same hash the generated one gives
        assertThat(OrganizationId.of("acme")).isEqualTo(OrganizationId.of(new String("acme")))
                .isNotEqualTo(OrganizationId.of("Acme")).isNotEqualTo("acme").isNotEqualTo(null);
        assertThat(OrganizationId.of("acme").hashCode()).isEqualTo("acme".hashCode())
                .isEqualTo(OrganizationId.of(new String("acme")).hashCode());
    }

    @Test
    void refuses_empty_too_long_misplaced_or_foreign_characters() {
        for (String bad : new String[] {"", "a".repeat(129), "_acme", "-acme", "ac me", "acmé", "ａcme", "a.b", "a/b",
                "acme\n"}) {
            assertThat(OrganizationId.isValid(bad)).as(bad).isFalse();
            assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> OrganizationId.of(bad));
        }
        assertThat(OrganizationId.isValid(null)).isFalse();
    }

    @Test
    void agrees_with_the_grammar_on_random_strings() {
        Random random = new Random(21);
        String alphabet = "aZ09_-.é /\u0000Ａ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(4) == 0 ? 120 + random.nextInt(16) : random.nextInt(6);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(random.nextInt(10) == 0 ? alphabet.length() : 6)));
            }
            String candidate = text.toString();
            assertThat(OrganizationId.isValid(candidate)).as(candidate).isEqualTo(GRAMMAR.matcher(candidate).matches());
        }
    }
}

package io.offlinevault.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestJsonTest {

    @Test
    void parse_reads_every_kind_of_value_and_keeps_key_order() {
        Object value = TestJson.parse(" {\"z\": 1, \"a\": [true, false, null, -0.5e2, \"x\"], \"m\": {}} ");

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> object = (Map<?, ?>) value;
        assertThat(new ArrayList<Object>(object.keySet())).containsExactly("z", "a", "m");
        assertThat(object.get("z")).isEqualTo(1L);
        assertThat(new ArrayList<Object>((List<?>) object.get("a"))).containsExactly(true, false, null, new BigDecimal("-0.5e2"), "x");
        assertThat((Map<?, ?>) object.get("m")).isEmpty();
    }

    @Test
    void parse_decodes_escapes_and_surrogate_pairs() {
        Object value = TestJson.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"");

        assertThat(value).isEqualTo("a\"b\\c/d\n\té\uD83D\uDE00");
    }

    @Test
    void parse_keeps_large_integers_exact() {
        assertThat(TestJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(TestJson.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "01", "1.",
            "-", ".5", "1e", "tru", "nul", "\"abc", "\"a\u0001b\"", "\"\\x\"", "\"\\u12\"", "{} []", "{a:1}",
            "'a'", "[1 2]"})
    void parse_refuses_malformed_documents(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TestJson.parse(text));
    }

    @Test
    void parse_refuses_nesting_deeper_than_64() {
        char[] open = new char[65];
        char[] close = new char[65];
        Arrays.fill(open, '[');
        Arrays.fill(close, ']');

        assertThat(TestJson.parse(new String(open, 0, 64) + new String(close, 0, 64))).isInstanceOf(List.class);
        assertThatIllegalArgumentException().isThrownBy(() -> TestJson.parse(new String(open) + new String(close)));
    }

    @Test
    void resource_reads_a_class_path_file() {
        assertThat(TestJson.resource("/examples/snapshot-content-with-vault-placeholders.json"))
                .isInstanceOf(Map.class);
    }
}

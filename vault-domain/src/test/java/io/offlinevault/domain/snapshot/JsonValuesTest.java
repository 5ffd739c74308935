package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.testing.TestJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void numbers_are_equal_by_value_whatever_their_java_type_or_scale() {
        assertThat(JsonValues.equal(1L, new BigDecimal("1.0"))).isTrue();
        assertThat(JsonValues.equal(new BigDecimal("1e0"), new BigDecimal("1.000"))).isTrue();
        assertThat(JsonValues.equal(1, BigInteger.ONE)).isTrue();
        assertThat(JsonValues.equal(0.5d, new BigDecimal("5E-1"))).isTrue();
        assertThat(JsonValues.equal(TestJson.parse("[1, 1.0, 1e0, 10E-1]"), TestJson.parse("[1.00, 1, 1, 1]"))).isTrue();
        assertThat(JsonValues.equal(1L, 2L)).isFalse();
        assertThat(JsonValues.equal(new BigDecimal("1.0000000000000000000001"), 1L)).isFalse();
    }

    @Test
    void a_number_never_equals_a_string_or_a_boolean() {
        assertThat(JsonValues.equal(1L, "1")).isFalse();
        assertThat(JsonValues.equal("true", true)).isFalse();
        assertThat(JsonValues.equal(0L, false)).isFalse();
    }

    @Test
    void object_member_order_is_ignored_but_array_order_is_not() {
        assertThat(JsonValues.equal(TestJson.parse("{\"a\": 1, \"b\": {\"x\": [1, 2], \"y\": null}}"),
                TestJson.parse("{\"b\": {\"y\": null, \"x\": [1.0, 2]}, \"a\": 1}"))).isTrue();
        assertThat(JsonValues.equal(TestJson.parse("[1, 2]"), TestJson.parse("[2, 1]"))).isFalse();
        assertThat(JsonValues.equal(TestJson.parse("[1, 2]"), TestJson.parse("[1, 2, 3]"))).isFalse();
    }

    @Test
    void a_null_member_differs_from_an_absent_one_and_from_another_member() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThat(JsonValues.equal(withNull, Map.of())).isFalse();
        assertThat(JsonValues.equal(withNull, Map.of("b", 1L))).isFalse();
        assertThat(JsonValues.equal(withNull, new HashMap<>(withNull))).isTrue();
        assertThat(JsonValues.equal(null, null)).isTrue();
        assertThat(JsonValues.equal(null, "x")).isFalse();
        assertThat(JsonValues.equal(Arrays.asList("x", null), Arrays.asList("x", null))).isTrue();
    }

    @Test
    void objects_arrays_and_scalars_of_different_kinds_differ() {
        assertThat(JsonValues.equal(Map.of(), java.util.List.of())).isFalse();
        assertThat(JsonValues.equal(java.util.List.of(), "")).isFalse();
        assertThat(JsonValues.equal("{{ VAULT.a }}", "{{VAULT.a}}")).isFalse();
        assertThat(JsonValues.equal(true, true)).isTrue();
    }
}

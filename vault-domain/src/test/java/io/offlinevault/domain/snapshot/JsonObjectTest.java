package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectTest {
    private static Map<String, Object> ordered(int size) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = size - 1; i >= 0; i--) {
            map.put("k" + i, i % 3 == 0 ? null : "v" + i);
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 11, 12, 40})
    void it_equals_the_map_it_was_built_from_keeps_its_order_and_finds_every_key(int size) {
        Map<String, Object> expected = ordered(size);

        JsonObject object = JsonObject.of(new ArrayList<>(expected.keySet()), new ArrayList<>(expected.values()));

        assertThat(object).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(new ArrayList<>(object.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        expected.forEach((key, value) -> {
            assertThat(object.containsKey(key)).isTrue();
            assertThat(object.get(key)).isEqualTo(value);
        });
        assertThat(object.containsKey("absent")).isFalse();
        assertThat(object.get("absent")).isNull();
    }

    @Test
    void it_cannot_be_changed() {
        JsonObject object = JsonObject.of(List.of("a"), new ArrayList<>(List.of("b")));

        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> object.put("c", "d"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> object.remove("a"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> object.entrySet().clear());
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> object.entrySet().iterator().next().setValue("x"));
    }

    @Test
    void the_reader_builds_compact_objects_that_equal_plain_maps() {
        SnapshotContent content = SnapshotContentReader.read(Map.of("resources", Map.of("FIELD", List.of(Map.of(
                "resourceName", "f", "model", Map.of("a", Map.of("b", List.of(1, "x"))))))), "t.json");

        Map<String, Object> model = content.allResources().get(0).model();
        assertThat(model).isInstanceOf(JsonObject.class).isEqualTo(Map.of("a", Map.of("b", List.of(1L, "x"))));
    }
}

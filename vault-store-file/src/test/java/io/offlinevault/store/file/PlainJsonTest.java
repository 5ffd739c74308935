package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainJsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper DATABIND_DOUBLES = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"s\"", "1", "-2147483649", "123456789012345678901234567890", "1.25",
            "-0.1e3", "true", "false", "null", "{\"a\":[1,{\"b\":null,\"c\":[]}],\"d\":\"\\u00e9\",\"e\":2.5}",
            "[[[\"x\"]],{},3000000000,0.1]"})
    void reads_every_value_as_databind_reads_it_untyped(String json) throws IOException {
        assertThat(read(json, true)).isEqualTo(DATABIND.readValue(json, Object.class));
        assertThat(read(json, false)).isEqualTo(DATABIND_DOUBLES.readValue(json, Object.class));
    }

    @Test
    void keeps_the_types_and_order_databind_gives() throws IOException {
        Object value = read("{\"z\":1,\"a\":3000000000,\"m\":123456789012345678901234567890,\"f\":0.1}", true);

        assertThat(value).isInstanceOf(Map.class);
        List<Object> keys = List.copyOf(((Map<?, ?>) value).keySet());
        List<Object> types = ((Map<?, ?>) value).values().stream().<Object>map(Object::getClass).toList();
        assertThat(keys).containsExactly("z", "a", "m", "f");
        assertThat(types).containsExactly(Integer.class, Long.class, BigInteger.class, BigDecimal.class);
        assertThat(read("[0.1]", false)).isEqualTo(List.of(0.1));
    }

    @Test
    void a_name_twice_or_a_truncated_document_is_refused() {
        assertThatThrownBy(() -> read("{\"a\":1,\"a\":2}", true)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("{\"a\":[1,", true)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("[1", true)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void a_header_is_read_only_as_one_object() {
        assertThat(HeaderJson.read(bytes("{\"b\":[1,2.5],\"a\":{\"c\":\"d\"}}")))
                .contains(Map.of("a", Map.of("c", "d"), "b", List.of(1, 2.5)));
        assertThat(HeaderJson.read(bytes("{\"a\":1} {}"))).isEmpty();
        assertThat(HeaderJson.read(bytes("{\"a\":1,\"a\":1}"))).isEmpty();
        assertThat(HeaderJson.read(bytes("[1]"))).isEmpty();
        assertThat(HeaderJson.read(bytes(""))).isEmpty();
        assertThat(HeaderJson.read(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'})).isEmpty();
    }

    @Test
    void a_header_written_reads_back() {
        Map<String, Object> fields = Map.of("kind", "checkpoint", "term", 2, "generation", 3_000_000_000L,
                "nested", Map.of("list", List.of("x")));

        assertThat(HeaderJson.read(HeaderJson.write(fields))).contains(fields);
        assertThat(new String(HeaderJson.write(fields), StandardCharsets.UTF_8)).startsWith("{\"generation\":");
    }

    private static Object read(String json, boolean bigDecimalFloats) throws IOException {
        try (JsonParser in = StoreJson.parser(bytes(json))) {
            in.nextToken();
            return PlainJson.value(in, bigDecimalFloats);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.offlinevault.http.codec;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.domain.error.InvalidJsonException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both ways a body is read (ASCII straight from the bytes, anything else through a strict decoder) keep the rules. */
class WireJsonTest {
    private static final int LIMIT = 1024 * 1024;

    private static Map<String, Object> read(byte[] body) {
        return WireJson.readObject(body, LIMIT, "the request body");
    }

    @Test
    void an_ascii_body_and_a_body_with_other_characters_read_the_same_way() {
        assertThat(read("{\"key\":\"k\",\"value\":\"plain\"}".getBytes(UTF_8))).containsEntry("value", "plain");
        assertThat(read("{\"key\":\"k\",\"value\":\"caf\u00e9 \ud83d\udd11\"}".getBytes(UTF_8)))
                .containsEntry("value", "caf\u00e9 \ud83d\udd11");
        assertThatThrownBy(() -> read("\ufeff{\"a\":1}".getBytes(UTF_8))).as("a byte-order mark, as before")
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("(line 1, column 1)");
    }

    @Test
    void bytes_that_are_not_utf_8_are_refused_even_when_they_are_json_in_utf_16() {
        assertThatThrownBy(() -> read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'}))
                .isInstanceOf(InvalidJsonException.class).hasMessage("The request body is not valid UTF-8.");
        // "{}" in UTF-16 without a byte-order mark: Jackson would guess UTF-16 from the zero bytes
        assertThatThrownBy(() -> read("{}".getBytes(UTF_16BE))).isInstanceOf(InvalidJsonException.class);
        assertThatThrownBy(() -> read(new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{', 0, '}'}))
                .isInstanceOf(InvalidJsonException.class).hasMessage("The request body is not valid UTF-8.");
    }

    @Test
    void duplicate_names_trailing_tokens_and_empty_bodies_are_refused_in_ascii_and_otherwise() {
        for (String value : new String[] {"x", "\u00e9"}) {
            assertThatThrownBy(() -> read(("{\"a\":\"" + value + "\",\"a\":1}").getBytes(UTF_8)))
                    .isInstanceOf(InvalidJsonException.class).hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> read(("{\"a\":\"" + value + "\"} {}").getBytes(UTF_8)))
                    .isInstanceOf(InvalidJsonException.class).hasMessageContaining("not valid JSON");
        }
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(InvalidJsonException.class)
                .hasMessage("The request body is empty; a JSON document was expected.");
        assertThatThrownBy(() -> read(" \n ".getBytes(UTF_8))).isInstanceOf(InvalidJsonException.class)
                .hasMessage("The request body is empty; a JSON document was expected.");
    }

    @Test
    void an_error_names_the_same_line_and_column_either_way() {
        String ascii = assertThrows("{\n  \"a\": tru }".getBytes(UTF_8));
        String other = assertThrows("{\n  \"a\": tru, \"\u00e9\": 1 }".getBytes(UTF_8));

        assertThat(ascii).contains("(line 2, column");
        assertThat(ascii.substring(ascii.indexOf("(line"), ascii.indexOf(')') + 1))
                .isEqualTo(other.substring(other.indexOf("(line"), other.indexOf(')') + 1));
    }

    private static String assertThrows(byte[] body) {
        try {
            read(body);
        } catch (InvalidJsonException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}

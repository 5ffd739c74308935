package io.offlinevault.domain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for test fixtures (the domain has no JSON library): objects become
 * {@code LinkedHashMap}, arrays {@code ArrayList}, integers {@code Long} (or {@code BigDecimal} when
 * too large), other numbers {@code BigDecimal}; duplicate keys, trailing tokens and nesting deeper
 * than 64 are refused with {@link IllegalArgumentException}.
 */
public final class TestJson {
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private TestJson(String text) {
        this.text = text;
    }

    /** {@return the JSON value of {@code text}} */
    public static Object parse(String text) {
        TestJson parser = new TestJson(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("trailing characters");
        }
        return value;
    }

    /** {@return the JSON value of the UTF-8 class path resource {@code name}, e.g. {@code /examples/x.json}} */
    public static Object resource(String name) {
        try (InputStream in = TestJson.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("a value was expected");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw error("unexpected character");
                }
                yield number();
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek('}')) {
            pos++;
            depth--;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("a string key was expected");
            }
            int keyAt = pos;
            String key = string();
            if (object.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(key, value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                depth--;
                return object;
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek(']')) {
            pos++;
            depth--;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                depth--;
                return array;
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("bad escape");
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("short \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("bad \\u escape");
            }
            code = code * 16 + digit;
        }
        pos += 4;
        return (char) code;
    }

    private Object number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (!digits()) {
            throw error("a digit was expected");
        }
        boolean integer = true;
        if (peek('.')) {
            pos++;
            integer = false;
            if (!digits()) {
                throw error("a digit was expected after '.'");
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            integer = false;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digits()) {
                throw error("a digit was expected in the exponent");
            }
        }
        String literal = text.substring(start, pos);
        if (integer) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLarge) {
                return new BigDecimal(literal);
            }
        }
        return new BigDecimal(literal);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word");
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' was expected");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + problem);
    }
}

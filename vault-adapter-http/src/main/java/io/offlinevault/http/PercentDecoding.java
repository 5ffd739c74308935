package io.offlinevault.http;

import io.offlinevault.domain.error.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Strict percent-decoding of raw path segments and query strings as UTF-8: a malformed escape, invalid
 * UTF-8 or a raw character outside ASCII is 400 {@code INVALID_PARAMETER}. In a path {@code +} stays
 * {@code +}; in a query it is a space. Decoding happens after routing, so an encoded {@code /} never
 * changes the route.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static String pathSegment(String raw) {
        return decode(raw, false, "The path");
    }

    /** {@return the parameters of {@code rawQuery} (may be null)}; a repeated name is refused. */
    static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true, "The query");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true, "The query");
            if (values.putIfAbsent(name, value) != null) {
                throw new InvalidParameterException("The query parameter " + name + " is repeated; send it once.");
            }
        }
        return values;
    }

    private static String decode(String raw, boolean plusIsSpace, String where) {
        // The JDK server reads the request line's bytes as ISO-8859-1: a raw UTF-8 é arrives as two characters
        // that name another key. Only percent-encoded UTF-8 says which characters the client meant.
        if (!isAscii(raw)) {
            throw new InvalidParameterException(where + " holds a character outside ASCII: percent-encode it as"
                    + " UTF-8 (encodeURIComponent).");
        }
        if (raw.indexOf('%') < 0) {
            return plusIsSpace ? raw.replace('+', ' ') : raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    throw new InvalidParameterException(where + " holds a malformed percent-encoding.");
                }
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidParameterException(where + " holds percent-encoded bytes that are not UTF-8.");
        }
    }

    private static boolean isAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

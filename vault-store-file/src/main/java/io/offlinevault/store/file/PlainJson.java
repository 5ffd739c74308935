package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value from a parser as plain Java values, as jackson-databind's untyped reading does (objects as
 * {@link LinkedHashMap}, arrays as {@link ArrayList}, integers as {@code Integer}, {@code Long} or
 * {@code BigInteger} by size, floats as {@code BigDecimal} or {@code Double}), with jackson-core alone: an open reads
 * every header and checkpoint this way without loading databind. Duplicate names and limits are the parser's.
 */
final class PlainJson {
    private PlainJson() {
    }

    /**
     * {@return the value at the parser's current token, which it consumes through the value's end}
     * {@code bigDecimalFloats}: floats as {@code BigDecimal} (exact) rather than {@code Double}.
     */
    static Object value(JsonParser in, boolean bigDecimalFloats) throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            throw new JsonParseException(in, "no value");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    in.nextToken();
                    object.put(name, value(in, bigDecimalFloats));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(in, bigDecimalFloats));
                }
                yield array;
            }
            case VALUE_STRING -> in.getText();
            case VALUE_NUMBER_INT -> in.getNumberValue();
            case VALUE_NUMBER_FLOAT -> bigDecimalFloats ? in.getDecimalValue() : (Object) in.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(in, "not the start of a value: " + token);
        };
    }
}

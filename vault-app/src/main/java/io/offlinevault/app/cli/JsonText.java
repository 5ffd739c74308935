package io.offlinevault.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.http.codec.WireJson;
import java.util.List;
import java.util.Map;

/** Plain Java values as indented JSON, for people who read or edit what a command writes. */
public final class JsonText {
    private static final String INDENT = "  ";

    private JsonText() {
    }

    /** {@return {@code value} (maps, lists, strings, numbers, booleans, null) as JSON indented by two spaces} */
    public static String pretty(Object value) {
        StringBuilder text = new StringBuilder();
        write(value, "", text);
        return text.toString();
    }

    private static void write(Object value, String indent, StringBuilder text) {
        if (value instanceof Map<?, ?> object && !object.isEmpty()) {
            text.append("{\n");
            String inner = indent + INDENT;
            int i = 0;
            for (Map.Entry<?, ?> member : object.entrySet()) {
                text.append(inner).append(scalar(String.valueOf(member.getKey()))).append(": ");
                write(member.getValue(), inner, text);
                text.append(++i < object.size() ? ",\n" : "\n");
            }
            text.append(indent).append('}');
        } else if (value instanceof List<?> array && !array.isEmpty()) {
            text.append("[\n");
            String inner = indent + INDENT;
            for (int i = 0; i < array.size(); i++) {
                text.append(inner);
                write(array.get(i), inner, text);
                text.append(i + 1 < array.size() ? ",\n" : "\n");
            }
            text.append(indent).append(']');
        } else {
            text.append(scalar(value));
        }
    }

    // The wire's own writer escapes strings and prints numbers: one JSON dialect in the whole program.
    private static String scalar(Object value) {
        return new String(WireJson.write(value), UTF_8);
    }
}

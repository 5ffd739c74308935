package io.offlinevault.domain.entry;

import java.util.Optional;

/**
 * A path from the root of a resource's {@code model} (or {@code parents}) to a value, in the
 * grammar of API.md 2.4: segments joined with {@code .}, array indexes as {@code [i]}, and odd
 * segments quoted as {@code ['...']} with {@code \\} and {@code \'} escapes. Valid by construction.
 */
public record JsonPath(String value) {
    public JsonPath {
        if (check(value) != Problem.NONE) {
            throw new IllegalArgumentException("not a jsonPath of the API.md 2.4 grammar");
        }
    }

    /** What is wrong with a candidate path. */
    public enum Problem {
        NONE, EMPTY, INVALID, PREFIX
    }

    /** {@return the path {@code raw}, or empty when it breaks the grammar} */
    public static Optional<JsonPath> parse(String raw) {
        return check(raw) == Problem.NONE ? Optional.of(new JsonPath(raw)) : Optional.empty();
    }

    /** {@return what is wrong with {@code raw}} A path must not start with {@code $} or {@code model}. */
    public static Problem check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Problem.EMPTY;
        }
        if (raw.equals("$") || raw.equals("model") || raw.startsWith("$.") || raw.startsWith("$[")
                || raw.startsWith("model.") || raw.startsWith("model[")) {
            return Problem.PREFIX;
        }
        int i = 0;
        boolean first = true;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '[') {
                i = bracket(raw, i);
            } else if (first || c == '.') {
                i = plainSegment(raw, first ? i : i + 1);
            } else {
                return Problem.INVALID;
            }
            if (i < 0) {
                return Problem.INVALID;
            }
            first = false;
        }
        return Problem.NONE;
    }

    /** {@return the root path of a single segment} */
    public static JsonPath root(String segment) {
        return new JsonPath(appendSegment(new StringBuilder(), segment, true).toString());
    }

    /** {@return this path followed by the object key {@code segment}, quoted when it must be} */
    public JsonPath child(String segment) {
        return new JsonPath(appendSegment(new StringBuilder(value), segment, false).toString());
    }

    /** {@return this path followed by the array index {@code index}} */
    public JsonPath index(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        return new JsonPath(value + "[" + index + "]");
    }

    /**
     * {@return this path as the snapshot scanner writes it: each segment quoted only when it must be} A path
     * written {@code ['a'].b} is {@code a.b} in canonical form, so that it can be compared with a reference.
     */
    public JsonPath canonical() {
        StringBuilder path = new StringBuilder();
        int i = 0;
        boolean first = true;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '[' && value.charAt(i + 1) != '\'') {
                int end = value.indexOf(']', i);
                path.append(value, i, end + 1);
                i = end + 1;
            } else if (c == '[') {
                StringBuilder segment = new StringBuilder();
                i += 2;
                while (value.charAt(i) != '\'') {
                    if (value.charAt(i) == '\\') {
                        i++;
                    }
                    segment.append(value.charAt(i));
                    i++;
                }
                i += 2;
                appendSegment(path, segment.toString(), first);
            } else {
                int start = first ? i : i + 1;
                int end = start;
                while (end < value.length() && value.charAt(end) != '.' && value.charAt(end) != '[') {
                    end++;
                }
                appendSegment(path, value.substring(start, end), first);
                i = end;
            }
            first = false;
        }
        return new JsonPath(path.toString());
    }

    private static StringBuilder appendSegment(StringBuilder path, String segment, boolean first) {
        if (needsQuotes(segment, first)) {
            path.append("['");
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '\\' || c == '\'') {
                    path.append('\\');
                }
                path.append(c);
            }
            return path.append("']");
        }
        return first ? path.append(segment) : path.append('.').append(segment);
    }

    private static boolean needsQuotes(String segment, boolean first) {
        if (segment.isEmpty() || (first && (segment.equals("model") || segment.equals("$")))) {
            return true;
        }
        return segment.codePoints().anyMatch(JsonPath::isSpecial);
    }

    private static boolean isSpecial(int c) {
        return c == '.' || c == '[' || c == ']' || c == '\'' || c == '\\'
                || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    // Returns the index after a plain segment starting at start, or -1 when it is empty or holds a special character.
    private static int plainSegment(String raw, int start) {
        int i = start;
        while (i < raw.length() && raw.charAt(i) != '.' && raw.charAt(i) != '[') {
            int c = raw.codePointAt(i);
            if (isSpecial(c)) {
                return -1;
            }
            i += Character.charCount(c);
        }
        return i == start ? -1 : i;
    }

    // Returns the index after "[digits]" or "['quoted']" starting at start, or -1 when malformed.
    private static int bracket(String raw, int start) {
        int i = start + 1;
        if (i < raw.length() && raw.charAt(i) == '\'') {
            i++;
            while (i < raw.length()) {
                char c = raw.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= raw.length() || (raw.charAt(i + 1) != '\\' && raw.charAt(i + 1) != '\'')) {
                        return -1;
                    }
                    i += 2;
                } else if (c == '\'') {
                    return i + 1 < raw.length() && raw.charAt(i + 1) == ']' ? i + 2 : -1;
                } else {
                    i++;
                }
            }
            return -1;
        }
        int digits = i;
        while (i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
            i++;
        }
        return i > digits && i < raw.length() && raw.charAt(i) == ']' ? i + 1 : -1;
    }

    @Override
    public String toString() {
        return value;
    }
}

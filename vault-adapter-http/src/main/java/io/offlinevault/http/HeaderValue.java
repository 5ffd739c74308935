package io.offlinevault.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value of a multipart form, {@code value *( OWS ";" OWS [ name=token-or-quoted-string ] )} (the
 * {@code Content-Type} of the request, the {@code Content-Disposition} of a part), read strictly: parameter names
 * lower-cased, a repeated parameter refused. A fault is a {@link MultipartForm.MalformedMultipartException} that names
 * {@code what} was malformed, never its text.
 */
record HeaderValue(String value, Map<String, String> parameters) {
    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

    static HeaderValue parse(String text, String what) {
        int length = text.length();
        int at = skipWhitespace(text, 0);
        int valueStart = at;
        while (at < length && isUnquotedChar(text.charAt(at))) {
            at++;
        }
        if (at == valueStart) {
            throw new MultipartForm.MalformedMultipartException(what + " has no value");
        }
        String value = text.substring(valueStart, at);
        Map<String, String> parameters = new HashMap<>();
        while (true) {
            at = skipWhitespace(text, at);
            if (at == length) {
                return new HeaderValue(value, Map.copyOf(parameters));
            }
            if (text.charAt(at) != ';') {
                throw new MultipartForm.MalformedMultipartException(what + " is malformed");
            }
            at = skipWhitespace(text, at + 1);
            if (at == length || text.charAt(at) == ';') {
                continue;
            }
            int nameStart = at;
            while (at < length && isTokenChar(text.charAt(at))) {
                at++;
            }
            if (at == nameStart || at == length || text.charAt(at) != '=') {
                throw new MultipartForm.MalformedMultipartException(what + " has a malformed parameter");
            }
            String name = text.substring(nameStart, at).toLowerCase(Locale.ROOT);
            at++;
            StringBuilder parameter = new StringBuilder();
            if (at < length && text.charAt(at) == '"') {
                at = readQuoted(text, at + 1, parameter, what);
            } else {
                int parameterStart = at;
                while (at < length && isUnquotedChar(text.charAt(at))) {
                    at++;
                }
                if (at == parameterStart) {
                    throw new MultipartForm.MalformedMultipartException(what + " has a parameter without a value");
                }
                parameter.append(text, parameterStart, at);
            }
            if (parameters.putIfAbsent(name, parameter.toString()) != null) {
                throw new MultipartForm.MalformedMultipartException(what + " repeats a parameter");
            }
        }
    }

    /** {@return the index after the closing quote} {@code at} is just after the opening quote. */
    private static int readQuoted(String text, int start, StringBuilder out, String what) {
        int at = start;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return at;
            }
            if (c == '\\') {
                if (at == text.length()) {
                    break;
                }
                c = text.charAt(at++);
            }
            if (isControl(c)) {
                throw new MultipartForm.MalformedMultipartException(what + " holds a control character");
            }
            out.append(c);
        }
        throw new MultipartForm.MalformedMultipartException(what + " has an unterminated quoted string");
    }

    static String trimWhitespace(String text) {
        int start = skipWhitespace(text, 0);
        int end = text.length();
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static int skipWhitespace(String text, int from) {
        int at = from;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static boolean isUnquotedChar(char c) {
        // lenient on purpose: RFC 2046 boundaries may hold "()/:=?,", which a strict token refuses
        return c > ' ' && c != 0x7f && c != ';' && c != '"';
    }

    /** {@return whether {@code c} may be part of an RFC 9110 token} */
    static boolean isTokenChar(char c) {
        return isAsciiLetterOrDigit(c) || TOKEN_SPECIALS.indexOf(c) >= 0;
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@return whether {@code c} is a control character other than a tab} */
    static boolean isControl(int c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
}

package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.http.codec.WireJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, headers of its own, and a body (empty for 204). Immutable. */
record Response(int status, Map<String, String> headers, byte[] body) {
    static final String JSON = "application/json";
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", JSON);

    Response {
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
    }

    /** {@return {@code value} as a JSON body with {@code status}} */
    static Response json(int status, Object value) {
        return new Response(status, JSON_HEADERS, WireJson.write(value));
    }

    /** {@return the document {@code body} writes as a JSON body with {@code status}} */
    static Response json(int status, WireJson.Body body) {
        return new Response(status, JSON_HEADERS, WireJson.write(body));
    }

    /** {@return a 204 without a body} */
    static Response noContent() {
        return new Response(204, Map.of(), new byte[0]);
    }

    /** {@return this response with one more header} */
    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, more, body);
    }
}

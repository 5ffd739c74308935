package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.http.codec.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request as a route sees it: its caller, its decoded path parameters and query, its headers and
 * its body, read on demand within the route's limit. Not thread-safe; one per exchange.
 */
final class Request {
    private final String requestId;
    private final Optional<Caller> caller;
    private final Map<String, String> pathParameters;
    private final Query query;
    // The exchange's own headers, read where a route asks: copying every header for every request cost more than
    // the one or two lookups a route makes.
    private final Headers headers;
    private final Supplier<byte[]> body;
    private OrganizationId organization;

    Request(String requestId, Optional<Caller> caller, Map<String, String> pathParameters, Query query,
            Headers headers, Supplier<byte[]> body) {
        this.requestId = requireNonNull(requestId, "requestId");
        this.caller = requireNonNull(caller, "caller");
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = requireNonNull(query, "query");
        this.headers = requireNonNull(headers, "headers");
        this.body = requireNonNull(body, "body");
    }

    String requestId() {
        return requestId;
    }

    /** {@return the authenticated caller} Only routes that need no token have none. */
    Caller caller() {
        return caller.orElseThrow(() -> new IllegalStateException("this route is not authenticated"));
    }

    /** {@return the organization of the path} Validated by the router before the route runs. */
    OrganizationId organization() {
        if (organization == null) {
            organization = OrganizationId.of(pathParameter("organizationId"));
        }
        return organization;
    }

    /**
     * {@return the entry key of the path} A key that breaks the key grammar cannot exist: it is not
     * found, like any other unknown key.
     */
    EntryKey entryKey() {
        String raw = pathParameter("key");
        try {
            return EntryKey.of(raw);
        } catch (InvalidEntryException e) {
            throw NotFoundException.entry(organization(), raw);
        }
    }

    String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no path parameter " + name);
        }
        return value;
    }

    Query query() {
        return query;
    }

    /** {@return the value of the header {@code name} (case-insensitive), if sent} */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** {@return the body's bytes, read within the route's limit} */
    byte[] body() {
        return body.get();
    }

    /** Lets go of the body once read, so that a large upload is not held while the route goes on. */
    void releaseBody() {
        if (body instanceof Releasable releasable) {
            releasable.release();
        }
    }

    /** A body source that can drop what it read. */
    interface Releasable {
        void release();
    }

    /** {@return the body as a JSON object} */
    Map<String, Object> jsonObject() {
        return WireJson.readObject(body(), WireJson.MAX_BODY, "the request body");
    }

    /** {@return the body as a JSON array of at most {@code maxBytes}} */
    List<Object> jsonArray(int maxBytes) {
        if (!(WireJson.read(body(), maxBytes, "the request body") instanceof List<?> array)) {
            throw new InvalidJsonException("The request body must be a JSON array.");
        }
        return Collections.unmodifiableList(array);
    }

    /** Checks that the body is empty or one JSON value (its content is not used). */
    void ignoreJsonBody() {
        byte[] bytes = body();
        if (bytes.length > 0 && !new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            WireJson.read(bytes, WireJson.MAX_BODY, "the request body");
        }
    }
}

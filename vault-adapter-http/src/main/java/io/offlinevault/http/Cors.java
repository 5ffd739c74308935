package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import io.offlinevault.domain.error.AccessDeniedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access for browser tools, off when no origin is listed. A preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered before the store and the token are looked
 * at: 204 with the allow headers when the origin is listed and asks for one of the API's methods and at most
 * {@code Authorization} and {@code Content-Type}, else a 403. Every other answer to a listed origin, errors
 * included, says that origin may read it. Origins match exactly once scheme and host are lower-cased and a default
 * port dropped, which is how browsers send them; there is no wildcard and no credentials (cookies). Immutable.
 */
final class Cors {
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private static final Set<String> ALLOWED_HEADER_NAMES = Set.of("authorization", "content-type");
    // What a browser script may read besides the safelisted headers: the id to find in the server log, and the
    // file name of a snapshot's ZIP.
    private static final String EXPOSED_HEADERS = "X-Request-ID, Content-Disposition";
    private static final String MAX_AGE_SECONDS = "600";
    private static final String EXAMPLE = "http://localhost:5173";

    private final Set<String> origins;
    private final List<String> methods;

    /** CORS for {@code origins} (none: off) on the methods of {@code table}'s routes. */
    Cors(Set<String> origins, RouteTable table) {
        this.origins = origins.stream().map(Cors::origin).collect(Collectors.toUnmodifiableSet());
        this.methods = table.routes().stream().map(Route::method).distinct().toList();
    }

    /**
     * {@return {@code raw} as browsers write an origin: scheme and host in lower case, no default port}
     *
     * @throws IllegalArgumentException when {@code raw} is not {@code http} or {@code https}, a host and an optional
     *         port, with a message saying what is wrong and what an origin looks like
     */
    static String origin(String raw) {
        requireNonNull(raw, "origin");
        if (raw.strip().equals("*")) {
            throw new IllegalArgumentException("'*' (any origin) is not supported: name each origin whose pages may"
                    + " call this server, such as " + EXAMPLE + ".");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw notAnOrigin(raw, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAnOrigin(raw, "the scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw notAnOrigin(raw, "it needs a host name or address, and nothing else, after " + scheme + "://");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw notAnOrigin(raw, "the port must be 1 to 65535");
        }
        boolean bare = uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (bare && "/".equals(uri.getRawPath())) {
            throw notAnOrigin(raw, "drop the trailing slash");
        }
        if (!bare || !uri.getRawPath().isEmpty()) {
            throw notAnOrigin(raw, "drop the path, query or fragment");
        }
        int defaultPort = scheme.equals("http") ? 80 : 443;
        String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    }

    private static IllegalArgumentException notAnOrigin(String raw, String reason) {
        return new IllegalArgumentException("'" + raw + "' is not an origin (" + reason + "): give scheme://host[:port]"
                + " with http or https, without a path or a trailing slash, such as " + EXAMPLE + ".");
    }

    /** {@return whether this request is a preflight to answer here} Never when CORS is off. */
    boolean isPreflight(String method, Headers headers) {
        return !origins.isEmpty() && method.equals("OPTIONS") && headers.containsKey("Origin")
                && headers.containsKey("Access-Control-Request-Method");
    }

    /**
     * {@return the 204 that lets the preflight's origin send what it asks for}
     *
     * @throws AccessDeniedException when the origin is not listed, or asks for a method or a header not allowed
     */
    Response preflight(Headers headers) {
        String origin = listedOrigin(headers).orElseThrow(() -> new AccessDeniedException("Pages from this origin may"
                + " not call this server from a browser: the server's CORS origins must name it exactly"
                + " (serve --cors-origin)."));
        String method = headers.getFirst("Access-Control-Request-Method").strip().toUpperCase(Locale.ROOT);
        if (!methods.contains(method)) {
            throw new AccessDeniedException("The API accepts only " + String.join(", ", methods)
                    + " from a browser page.");
        }
        List<String> asked = headers.get("Access-Control-Request-Headers");
        boolean headersAllowed = asked == null || asked.stream().flatMap(value -> List.of(value.split(",")).stream())
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .allMatch(name -> name.isEmpty() || ALLOWED_HEADER_NAMES.contains(name));
        if (!headersAllowed) {
            throw new AccessDeniedException("A browser page may send only the headers " + ALLOWED_HEADERS
                    + " to this server.");
        }
        return Response.noContent()
                .withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Allow-Methods", String.join(", ", methods))
                .withHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .withHeader("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .withHeader("Vary", "Origin");
    }

    /** {@return {@code response}, readable by the request's origin when it is listed; else unchanged} */
    Response allow(Response response, Headers headers) {
        if (origins.isEmpty()) {
            return response;
        }
        return listedOrigin(headers)
                .map(origin -> response.withHeader("Access-Control-Allow-Origin", origin)
                        .withHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS)
                        .withHeader("Vary", "Origin"))
                .orElse(response);
    }

    private Optional<String> listedOrigin(Headers headers) {
        String raw = headers.getFirst("Origin");
        if (origins.isEmpty() || raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(origin(raw)).filter(origins::contains);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

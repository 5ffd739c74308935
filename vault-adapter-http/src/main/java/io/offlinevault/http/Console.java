package io.offlinevault.http;

import io.offlinevault.domain.error.MethodNotAllowedException;
import io.offlinevault.domain.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser console of API.md 6: the static files under {@code /console}, read from this adapter's resources
 * ({@code io/offlinevault/http/console/}), outside the API's route table and without a token. A file name is one
 * path segment of lower-case letters, digits and dashes with a known extension, so no request can name anything
 * else (no directory, no {@code ..}, no encoded slash). Every answer carries a strict Content-Security-Policy; a
 * file has a strong {@code ETag} and is revalidated on each use. When off (a non-loopback bind without
 * {@code serve --console}) every console path is a JSON 404. Thread-safe.
 */
final class Console {
    /** The route template of console requests in the access log. */
    static final String TEMPLATE = "/console";
    // API.md 6's policy, plus no <base> and no form submission: every form is handled by script.
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'none'";

    private static final String PREFIX = "/console";
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    private static final List<String> METHODS = List.of("GET", "HEAD");

    private final boolean on;
    // Only files that exist are kept, so the map is bounded by the console's own files.
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    private Console(boolean on) {
        this.on = on;
    }

    /** {@return the console, served} */
    static Console on() {
        return new Console(true);
    }

    /** {@return the console turned off: its paths answer 404 saying how to turn it on} */
    static Console off() {
        return new Console(false);
    }

    /**
     * {@return the console of a server bound to {@code bound}: served on a loopback address, and on any other only
     * when {@code anyBind} ({@code serve --console})}
     */
    static Console forBind(Optional<InetAddress> bound, boolean anyBind) {
        return anyBind || bound.filter(InetAddress::isLoopbackAddress).isPresent() ? on() : off();
    }

    /** {@return whether {@code rawPath} is {@code /console} or below it} */
    static boolean isConsolePath(String rawPath) {
        return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }

    /**
     * {@return the answer to {@code method} on {@code rawPath} when it is a console path, else empty}
     * {@code ifNoneMatch} is the request's {@code If-None-Match} header: a matching ETag gets 304.
     *
     * @throws NotFoundException for a file the console does not have, or the whole console when it is off
     * @throws MethodNotAllowedException for a method other than GET or HEAD
     */
    Optional<Response> answer(String method, String rawPath, Optional<String> ifNoneMatch) {
        if (!isConsolePath(rawPath)) {
            return Optional.empty();
        }
        if (!on) {
            throw NotFoundException.route("The console is served on a loopback address only, unless the server"
                    + " starts with serve --console.");
        }
        if (!METHODS.contains(method)) {
            throw new MethodNotAllowedException(METHODS);
        }
        String name = rawPath.length() <= PREFIX.length() + 1 ? "index.html" : rawPath.substring(PREFIX.length() + 1);
        Asset asset = find(name).orElseThrow(() -> NotFoundException.route("The console has no file at this path."));
        Response response = ifNoneMatch.filter(asset.etag()::equals).isPresent()
                ? new Response(304, Map.of(), new byte[0])
                : new Response(200, Map.of("Content-Type", asset.contentType()), asset.bytes());
        return Optional.of(secured(response.withHeader("ETag", asset.etag()).withHeader("Cache-Control", "no-cache")));
    }

    /** {@return {@code response} with the headers every console answer carries} */
    private static Response secured(Response response) {
        return response.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("X-Frame-Options", "DENY");
    }

    private Optional<Asset> find(String name) {
        if (!FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        Asset known = assets.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Asset> loaded = load(name);
        loaded.ifPresent(asset -> assets.putIfAbsent(name, asset));
        return loaded;
    }

    private static Optional<Asset> load(String name) {
        try (InputStream in = Console.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new Asset(bytes, TYPES.get(extension), etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private record Asset(byte[] bytes, String contentType, String etag) {
    }
}

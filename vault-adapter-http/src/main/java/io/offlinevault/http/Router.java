package io.offlinevault.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.error.MethodNotAllowedException;
import io.offlinevault.domain.error.PayloadTooLargeException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.http.codec.ErrorJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The only {@link HttpHandler}: checks the {@code Host} first (see {@link HostCheck}), answers a CORS preflight
 * next (see {@link Cors}), else finds the route on the raw request target, applies the API's precedence (sealed
 * store, token, route, parameters, privilege, then the route itself with its body limit); turns every failure into
 * the JSON error body, adds the CORS headers for a listed origin, logs one access line, and always closes the
 * exchange. {@code HEAD} is answered as {@code GET} would be, without the body. An unexpected exception is logged
 * with the request id, its class and stack frames, never its message.
 */
final class Router implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());
    // A request id is 24 hex digits: 6 random bytes drawn once per process, then a counter from a random start. Unique
    // within a process (2^48 requests) and across restarts with near certainty, at the cost of an increment: one
    // SecureRandom draw per request was a visible share of a GET's time. It is a reference for logs, not a secret.
    private static final String ID_PREFIX;
    private static final AtomicLong ID_COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        byte[] prefix = new byte[6];
        random.nextBytes(prefix);
        ID_PREFIX = HexFormat.of().formatHex(prefix);
        ID_COUNTER = new AtomicLong(random.nextLong());
    }

    private final RouteTable table;
    private final VaultHttpServer.Services services;
    private final Cors cors;
    private final HostCheck hosts;
    private final Console console;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * A router for {@code table}, answering requests that {@code hosts} accepts, letting browser pages from
     * {@code corsOrigins} call it (none: CORS off), serving the {@code console}'s files outside the route table.
     */
    Router(RouteTable table, VaultHttpServer.Services services, Set<String> corsOrigins, HostCheck hosts,
           Console console) {
        this.table = table;
        this.services = services;
        this.cors = new Cors(corsOrigins, table);
        this.hosts = hosts;
        this.console = console;
    }

    /** A router as above that serves the console. */
    Router(RouteTable table, VaultHttpServer.Services services, Set<String> corsOrigins, HostCheck hosts) {
        this(table, services, corsOrigins, hosts, Console.on());
    }

    @Override
    public void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try {
            answer(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Waits until no request is being answered, for at most {@code timeout}; {@return whether none is} */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inFlight.get() == 0;
    }

    private void answer(HttpExchange exchange) {
        long started = System.nanoTime();
        String requestId = newRequestId();
        String template = "-";
        Response response;
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean head = method.equals("HEAD");
        Headers requestHeaders = exchange.getRequestHeaders();
        boolean preflight = cors.isPreflight(method, requestHeaders);
        try {
            hosts.check(exchange);
            String rawPath = rawPath(exchange.getRequestURI());
            if (Console.isConsolePath(rawPath)) {
                template = Console.TEMPLATE;
                response = console.answer(head ? "GET" : method, rawPath,
                        Optional.ofNullable(requestHeaders.getFirst("If-None-Match"))).orElseThrow();
            } else if (preflight) {
                response = cors.preflight(requestHeaders);
            } else {
                boolean isPublic = table.isPublicPath(rawPath);
                if (!isPublic) {
                    Optional<StoreUnavailableException> sealed = services.sealed().get();
                    if (sealed.isPresent()) {
                        throw sealed.get();
                    }
                }
                Optional<Caller> caller = isPublic ? Optional.empty() : Optional.of(authenticate(requestHeaders));
                RouteTable.Match match = table.match(head ? "GET" : method, rawPath, !isPublic);
                template = match.route().template();
                response = run(match, caller, exchange, requestId);
            }
        } catch (VaultException e) {
            response = failure(e, requestId);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "request " + requestId + " failed: " + StackFrames.of(e));
            response = Response.json(500, ErrorJson.internal(requestId));
        }
        if (!preflight) {
            response = cors.allow(response, requestHeaders);
        }
        send(exchange, response, requestId, head);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        AccessLog.log(exchange.getRequestMethod(), template, response.status(), millis, requestId);
    }

    private static Response failure(VaultException e, String requestId) {
        Response response = Response.json(ErrorStatus.of(e.code()), ErrorJson.of(e, requestId));
        if (e instanceof MethodNotAllowedException notAllowed) {
            response = response.withHeader("Allow", String.join(", ", notAllowed.allowed()));
        }
        if (e.code() == ErrorCode.PAYLOAD_TOO_LARGE) {
            response = response.withHeader("Connection", "close");
        }
        return response;
    }

    private Response run(RouteTable.Match match, Optional<Caller> caller, HttpExchange exchange, String requestId) {
        Route route = match.route();
        Map<String, String> parameters = new HashMap<>();
        match.rawParameters().forEach((name, raw) -> parameters.put(name, PercentDecoding.pathSegment(raw)));
        if (parameters.containsKey("organizationId") && !OrganizationId.isValid(parameters.get("organizationId"))) {
            throw new InvalidParameterException("The organization id in the path is not valid: it is 1 to 128 letters,"
                    + " digits, '_' or '-'.");
        }
        Query query = new Query(PercentDecoding.query(exchange.getRequestURI().getRawQuery()));
        Request request = new Request(requestId, caller, parameters, query, exchange.getRequestHeaders(),
                new BodyReader(exchange, route.bodyLimit()));
        route.parameterCheck().accept(request);
        route.access().check(route, request);
        return route.handler().apply(request);
    }

    /**
     * {@return the path of the request target as the client sent it, still encoded} The JDK reads an origin-form
     * target that starts with {@code //} as an authority and a path ({@code //x/rest/...} has the path
     * {@code /rest/...}); the whole target keeps its empty segments, so that it matches no route.
     */
    private static String rawPath(URI target) {
        if (target.getScheme() != null) {
            return target.getRawPath();
        }
        String part = target.getRawSchemeSpecificPart();
        int query = part.indexOf('?');
        return query < 0 ? part : part.substring(0, query);
    }

    // Two Authorization headers are refused, not resolved: which one a proxy or a client library keeps differs.
    private Caller authenticate(Headers headers) {
        List<String> values = headers.get("Authorization");
        if (values != null && values.size() > 1) {
            throw new InvalidTokenException("Send one Authorization header, not " + values.size() + ".");
        }
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidTokenException("A bearer token is required (Authorization: Bearer <token>).");
        }
        return services.tokens().authenticate(authorization.substring(7).trim());
    }

    // A HEAD answer says how long the GET's body is, but sends none: the JDK warns when given a length for HEAD.
    private static void send(HttpExchange exchange, Response response, String requestId, boolean head) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Request-ID", requestId);
        response.headers().forEach(headers::set);
        try (exchange) {
            byte[] body = response.body();
            if (head && body.length > 0) {
                headers.set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(response.status(), body.length == 0 || head ? -1 : body.length);
            if (body.length > 0 && !head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "request " + requestId + ": the client went away (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String newRequestId() {
        return ID_PREFIX + HexFormat.of().toHexDigits(ID_COUNTER.getAndIncrement()).substring(4);
    }

    /** Reads the body once, on demand, refusing it unread when it is over the route's limit. */
    private static final class BodyReader implements Supplier<byte[]>, Request.Releasable {
        private final HttpExchange exchange;
        private final int limit;
        private byte[] body;
        private boolean released;

        BodyReader(HttpExchange exchange, int limit) {
            this.exchange = exchange;
            this.limit = limit;
        }

        @Override
        public byte[] get() {
            if (released) {
                throw new IllegalStateException("the body was released");
            }
            if (body == null) {
                body = read();
            }
            return body;
        }

        @Override
        public void release() {
            body = null;
            released = true;
        }

        private byte[] read() {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > limit) {
                        throw new PayloadTooLargeException(limit);
                    }
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException("The Content-Length header is not a number.");
                }
            }
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(limit + 1);
                if (bytes.length > limit) {
                    throw new PayloadTooLargeException(limit);
                }
                return bytes;
            } catch (IOException e) {
                throw new InvalidParameterException("The request body could not be read completely.");
            }
        }
    }
}

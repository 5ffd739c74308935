package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.in.Platform;
import io.offlinevault.domain.port.in.Reset;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.domain.port.in.VaultEntries;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The Coveo-compatible Vault API on the JDK's HTTP server: the only public entry point of the HTTP
 * adapter. {@link #configureJdkServer()} must run once, before the first server of the JVM starts.
 * Thread-safe.
 */
public final class VaultHttpServer implements AutoCloseable {
    /** How long {@link #close()} lets requests in flight finish. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final Duration readTimeout;

    private VaultHttpServer(HttpServer server, ExecutorService executor, Router router, Duration readTimeout) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.readTimeout = readTimeout;
    }

    /**
     * Where to listen ({@code port} 0 binds a free port), the origins whose pages may call the API from a browser
     * (CORS; none, the default, turns it off), each normalised by {@link #corsOrigin(String)}, the host names the
     * server answers for besides its loopback names and {@code host} (the Host check of API.md 6; none by default),
     * each normalised by {@link #allowedHost(String)}, and the read timeout: how long a client may take to send a
     * whole request, headers and body, before its connection is closed (whole seconds, rounded up; by default
     * {@link #DEFAULT_READ_TIMEOUT}). The JDK server takes the read timeout of the first server of the JVM for all.
     * {@code console} serves the browser console at {@code /console} on a non-loopback bind too; on a loopback bind
     * it is always served.
     */
    public record Settings(String host, int port, Set<String> corsOrigins, Set<String> allowedHosts,
                           Duration readTimeout, boolean console) {
        /** The read timeout unless one is given: 10 seconds. */
        public static final Duration DEFAULT_READ_TIMEOUT = JdkServerProperties.DEFAULT_READ_TIMEOUT;
        /** The longest read timeout accepted: one hour. */
        public static final Duration MAX_READ_TIMEOUT = JdkServerProperties.MAX_READ_TIMEOUT;

        /**
         * @throws IllegalArgumentException for a port out of range, a CORS origin that is not an origin, an allowed
         *         host that is not a host name, or a read timeout that is not from 1 second to 1 hour
         */
        public Settings {
            requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            requireNonNull(readTimeout, "readTimeout");
            if (readTimeout.compareTo(Duration.ofSeconds(1)) < 0 || readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
                throw new IllegalArgumentException("must be from 1 second to 1 hour (such as 10s, 90s or 2m), not "
                        + readTimeout);
            }
            requireNonNull(corsOrigins, "corsOrigins");
            requireNonNull(allowedHosts, "allowedHosts");
            Set<String> normalised = new LinkedHashSet<>();
            corsOrigins.forEach(origin -> normalised.add(corsOrigin(origin)));
            corsOrigins = Collections.unmodifiableSet(normalised);
            Set<String> names = new LinkedHashSet<>();
            allowedHosts.forEach(name -> names.add(allowedHost(name)));
            allowedHosts = Collections.unmodifiableSet(names);
        }

        /** Where to listen, with CORS, allowed hosts and the read timeout; the console on a loopback bind only. */
        public Settings(String host, int port, Set<String> corsOrigins, Set<String> allowedHosts,
                        Duration readTimeout) {
            this(host, port, corsOrigins, allowedHosts, readTimeout, false);
        }

        /** Where to listen, with CORS and allowed hosts, and the default read timeout. */
        public Settings(String host, int port, Set<String> corsOrigins, Set<String> allowedHosts) {
            this(host, port, corsOrigins, allowedHosts, DEFAULT_READ_TIMEOUT);
        }

        /** Where to listen, with CORS for {@code corsOrigins}, answering for the loopback names and {@code host}. */
        public Settings(String host, int port, Set<String> corsOrigins) {
            this(host, port, corsOrigins, Set.of());
        }

        /** {@return these settings with {@code timeout} as the read timeout} */
        public Settings withReadTimeout(Duration timeout) {
            return new Settings(host, port, corsOrigins, allowedHosts, timeout, console);
        }

        /** {@return these settings serving the browser console on any bind ({@code true}) or on loopback only} */
        public Settings withConsole(boolean anyBind) {
            return new Settings(host, port, corsOrigins, allowedHosts, readTimeout, anyBind);
        }

        /** Where to listen, without CORS, answering for the loopback names and {@code host}. */
        public Settings(String host, int port) {
            this(host, port, Set.of());
        }

        /**
         * {@return {@code raw} as the Host check compares it: lower case, an IPv6 address in brackets} No wildcard and
         * no port: each name is accepted with any port.
         *
         * @throws IllegalArgumentException when {@code raw} is not a host name or an address, with a message quoting it
         *         and saying what to give
         */
        public static String allowedHost(String raw) {
            return HostCheck.name(raw);
        }

        /**
         * {@return {@code raw} as browsers send an origin: {@code http} or {@code https}, then the host and port
         * (not a default one), in lower case} No wildcard: each origin is named.
         *
         * @throws IllegalArgumentException when {@code raw} is not such an origin (a path or a trailing slash, another
         *         scheme, {@code *}), with a message quoting it and saying what an origin looks like
         */
        public static String corsOrigin(String raw) {
            return Cors.origin(raw);
        }
    }

    /**
     * The use cases the routes call, and the store's health: {@code sealed} says why the store refuses
     * work (then every route but {@code GET /health} answers 503, before authentication). {@code reset}
     * serves {@code POST /_offline-vault/reset} (ext); without it (a persistent vault) that route does not
     * exist and answers 404 like any unknown route. {@code operations} serves the admin routes of API.md 6
     * that operate the vault, those it {@linkplain Operations#available() offers}.
     */
    public record Services(VaultEntries entries, EntryImports imports, Snapshots snapshots, SnapshotChecks checks,
                           Tokens tokens, Platform platform, Operations operations,
                           Supplier<Optional<StoreUnavailableException>> sealed, Optional<Reset> reset) {
        public Services {
            requireNonNull(entries, "entries");
            requireNonNull(imports, "imports");
            requireNonNull(snapshots, "snapshots");
            requireNonNull(checks, "checks");
            requireNonNull(tokens, "tokens");
            requireNonNull(platform, "platform");
            requireNonNull(operations, "operations");
            requireNonNull(sealed, "sealed");
            requireNonNull(reset, "reset");
        }
    }

    /**
     * Sets the JDK server's JVM-global limits (no Nagle delay, response time limit, header limits, idle time) unless
     * the java command line set them. They are read once, when the first server of the JVM is created: call this
     * in {@code main} before any server exists. Calling it again changes nothing. The request time limit
     * ({@code sun.net.httpserver.maxReqTime}) is the {@linkplain Settings#readTimeout() read timeout}, which
     * {@link #start} sets just before the first server is created.
     */
    public static void configureJdkServer() {
        JdkServerProperties.apply();
    }

    /** {@return a server answering on {@code settings}' address, already started} */
    public static VaultHttpServer start(Settings settings, Services services) throws IOException {
        requireNonNull(settings, "settings");
        requireNonNull(services, "services");
        Duration readTimeout = JdkServerProperties.readTimeout(settings.readTimeout());
        long wanted = JdkServerProperties.seconds(settings.readTimeout());
        if (wanted != readTimeout.getSeconds()) {
            // the logger looked up here, not when the class loads: every command calls configureJdkServer, and a
            // lookup starts the JDK's logging, which a command that logs nothing never needs
            System.getLogger(VaultHttpServer.class.getName()).log(System.Logger.Level.WARNING, () -> "read timeout "
                    + wanted + " s not applied: the JDK server of this JVM already reads requests with "
                    + readTimeout.getSeconds() + " s, set by the first server started");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        ExecutorService executor = RequestExecutors.forRequests();
        server.setExecutor(executor);
        HostCheck hosts = HostCheck.of(settings.host(), Optional.ofNullable(server.getAddress().getAddress()),
                settings.allowedHosts());
        Console console = Console.forBind(Optional.ofNullable(server.getAddress().getAddress()), settings.console());
        Router router = new Router(RouteTable.of(services), services, settings.corsOrigins(), hosts, console);
        server.createContext("/", router);
        server.start();
        return new VaultHttpServer(server, executor, router, readTimeout);
    }

    /** {@return how long a client may take to send a whole request: the read timeout in effect in this JVM} */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** {@return the address the server listens on, with the port it bound} */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@return the port the server listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Lets the requests in flight finish (for up to two seconds), then stops. The JDK server's own
     * {@code stop(delay)} waits the whole delay on JDK 17 even when idle, so the wait is ours.
     */
    @Override
    public void close() {
        router.awaitIdle(GRACE);
        server.stop(0);
        executor.shutdown();
        AccessLog.flush(GRACE);
    }
}

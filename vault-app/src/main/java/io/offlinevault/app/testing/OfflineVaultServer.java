package io.offlinevault.app.testing;

import static java.util.Objects.requireNonNull;

import io.offlinevault.app.serve.EphemeralServer;
import io.offlinevault.domain.entry.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An offline organization for tests, in this JVM: the server of {@code serve --ephemeral} on 127.0.0.1 and a free
 * port, with an optional {@link VaultSeed} and an optional known admin token. Nothing is written to disk or to the
 * home directory, and several servers run side by side in one JVM, each with its own vault. {@link #reset()} puts
 * the vault back to its seed, as {@code POST /_offline-vault/reset} does; {@link #close()} stops the server and
 * its threads.
 *
 * <p>The JDK's HTTP server reads its limits from JVM-wide system properties ({@code sun.net.httpserver.nodelay},
 * {@code maxReqTime}, {@code maxRspTime}, {@code maxReqHeaders}, {@code maxReqHeaderSize}, {@code idleInterval},
 * {@code maxIdleConnections}) once, when the first JDK server of the JVM is created. The first start of this
 * server sets those that the java command line did not set, before its server is created; they then apply to every
 * JDK HTTP server of the JVM, and a JDK server created earlier in the JVM means they were already read.
 *
 * <p>Neither {@link #toString()} nor any message holds the admin token. Thread-safe.
 */
public final class OfflineVaultServer implements AutoCloseable {
    private final EphemeralServer server;
    // kept: the JDK server no longer knows its address once stopped
    private final int port;

    private OfflineVaultServer(EphemeralServer server) {
        this.server = server;
        this.port = server.port();
    }

    /** {@return a server with an empty vault and a generated admin token, already answering} */
    public static OfflineVaultServer start() {
        return start(VaultSeed.empty());
    }

    /**
     * {@return a server with {@code seed} loaded and a generated admin token, already answering}
     *
     * @throws IllegalArgumentException when the seed breaks a rule of {@code serve --seed}, listing every problem
     * @throws UncheckedIOException when the server cannot listen
     */
    public static OfflineVaultServer start(VaultSeed seed) {
        return start(seed, Optional.empty());
    }

    /**
     * {@return a server with {@code seed} loaded and {@code adminToken} as its admin token, already answering}
     *
     * @throws IllegalArgumentException when the admin token is not 32 to 512 printable ASCII characters without
     *         spaces (the message does not show it), or the seed breaks a rule of {@code serve --seed}
     * @throws UncheckedIOException when the server cannot listen
     */
    public static OfflineVaultServer start(VaultSeed seed, String adminToken) {
        return start(seed, Optional.of(SecretValue.of(requireNonNull(adminToken, "adminToken"))));
    }

    private static OfflineVaultServer start(VaultSeed seed, Optional<SecretValue> adminToken) {
        requireNonNull(seed, "seed");
        try {
            return new OfflineVaultServer(EphemeralServer.start(adminToken,
                    seed.isEmpty() ? Optional.empty() : Optional.of(seed.document())));
        } catch (IOException e) {
            throw new UncheckedIOException("the test server cannot listen on " + EphemeralServer.HOST, e);
        }
    }

    /** {@return where the API answers, {@code http://127.0.0.1:PORT}, without a trailing slash} */
    public String baseUrl() {
        return "http://" + EphemeralServer.HOST + ":" + port();
    }

    /** {@return the port the server listens on} */
    public int port() {
        return port;
    }

    /** {@return the admin token (every privilege in every organization), for the {@code Authorization} header} */
    public String adminToken() {
        return server.adminToken().reveal();
    }

    /**
     * Puts the vault back to its seed and admin token in one atomic swap: everything created, changed, deleted or
     * revoked since the start is gone, as after {@code POST /_offline-vault/reset}.
     */
    public void reset() {
        server.reset();
    }

    /**
     * Stops the server: requests in flight finish (for up to two seconds), then its threads end and the vault is
     * dropped. Idempotent.
     */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "OfflineVaultServer[" + baseUrl() + "]";
    }
}

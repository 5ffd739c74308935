package io.offlinevault.app.serve;

import static java.util.Objects.requireNonNull;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.port.in.Reset;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.Seed;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.http.VaultHttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code serve --ephemeral} server inside this JVM, composed as {@code serve} composes it (the in-memory vault, the
 * seed in one commit, the reset back to it, the HTTP server on 127.0.0.1 and a free port) but without options or
 * output: what {@code io.offlinevault.app.testing} builds on, which is the API to use. Its first start in a JVM sets
 * the JDK server's JVM-wide {@code sun.net.httpserver.*} properties ({@link VaultHttpServer#configureJdkServer()}).
 * Thread-safe.
 */
public final class EphemeralServer implements AutoCloseable {
    /** The address the server listens on: loopback only. */
    public static final String HOST = "127.0.0.1";

    private final Serving serving;
    private final Reset reset;
    private final SecretValue adminToken;

    private EphemeralServer(Serving serving, Reset reset, SecretValue adminToken) {
        this.serving = serving;
        this.reset = reset;
        this.adminToken = adminToken;
    }

    /**
     * A seed before its checks: the seed file's JSON as plain Java values ({@code Map}, {@code List}, {@code String},
     * {@code Number}, {@code Boolean}), the directory that its snapshot {@code file} paths are relative to, and how
     * messages name it ({@code "The seed file seed.json"}).
     */
    public record SeedDocument(Object json, Path directory, String name) {
        public SeedDocument {
            requireNonNull(directory, "directory");
            requireNonNull(name, "name");
        }

        /** {@return the document's name only: the document holds entry and token values} */
        @Override
        public String toString() {
            return "SeedDocument[" + name + "]";
        }
    }

    /**
     * {@return the seed file {@code file} as a document, checked only as JSON} The seed's own rules are checked by
     * {@link #start}.
     *
     * @throws IllegalArgumentException when the file cannot be read, is over 64 MiB or is not JSON, with a message
     *         that names the file and never quotes it
     */
    public static SeedDocument readSeedFile(Path file) {
        requireNonNull(file, "file");
        try {
            return SeedFile.document(file, file.toString(), "the seed file " + file);
        } catch (CommandFailedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * {@return a new server, already answering, with {@code knownAdminToken} (else a generated one) as its admin
     * token and {@code seed} loaded in one commit} {@link #reset()} goes back to that state.
     *
     * @throws IllegalArgumentException when the admin token breaks the rule of a supplied token (32 to 512 printable
     *         ASCII characters without spaces), or the seed breaks any rule of {@code serve --seed}: the message lists
     *         every problem with its place and never holds a value
     * @throws IOException when the server cannot listen
     */
    public static EphemeralServer start(Optional<SecretValue> knownAdminToken, Optional<SeedDocument> seed)
            throws IOException {
        requireNonNull(knownAdminToken, "knownAdminToken");
        requireNonNull(seed, "seed");
        SecretValue adminToken = knownAdminToken.orElseGet(IdGenerator.secure()::newToken);
        Optional<Seed> loaded;
        try {
            TokenService.checkValue(adminToken);
            loaded = seed.map(document -> SeedFile.read(document, Optional.of(adminToken)));
        } catch (InvalidParameterException | CommandFailedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        VaultHttpServer.configureJdkServer();
        Backend backend = Backend.inMemory(adminToken, loaded);
        Serving serving = Serving.start(new VaultHttpServer.Settings(HOST, 0), backend);
        return new EphemeralServer(serving, backend.reset().orElseThrow(), adminToken);
    }

    /** {@return the port the server bound} */
    public int port() {
        return serving.port();
    }

    /** {@return the admin token: every privilege in every organization} */
    public SecretValue adminToken() {
        return adminToken;
    }

    /** Puts the vault back to the state it started in, as {@code POST /_offline-vault/reset} does. */
    public void reset() {
        reset.reset(Caller.owner());
    }

    /** Stops the server (requests in flight finish, for up to two seconds) and drops the vault. Idempotent. */
    @Override
    public void close() {
        serving.stop();
    }
}

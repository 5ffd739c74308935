package io.offlinevault.app.cli;

import io.offlinevault.app.remote.RemoteVault;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.http.codec.WireJson;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.StoreLocation;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server that holds a data dir, as its {@code <data-dir>/server.json} names it ({@code {"pid","startedAt",
 * "url"}}, API.md 6), trusted only when the URL is {@code http://} on this machine, the data dir's lock is held (the
 * caller has just failed to take it) and the pid equals the one in {@code vault.pid}. A command then runs through
 * that server with the data dir's admin token, which is never sent anywhere else.
 */
public final class RunningServer {
    /** The file a running server leaves in its data dir. */
    public static final String SERVER_FILE = "server.json";
    private static final int MAX_BYTES = 4096;

    private RunningServer() {
    }

    /**
     * {@return the ports of the server that holds the data dir at {@code location}, called with its admin token;
     * empty when no trusted server.json names one or the admin token file cannot be read} Call it only once the
     * data dir's lock has been found held by another process.
     *
     * @param err the command's standard error, where a large upload shows its progress when it is the console
     */
    static Optional<RemoteVault> holding(StoreLocation location, Surroundings surroundings, PrintWriter err) {
        return url(location).flatMap(url -> adminToken(location, surroundings)
                .map(token -> RemoteVault.at(url, token, true, surroundings.progress(err))));
    }

    // The URL of a server.json that is trusted: loopback http, and the pid the lock's holder wrote.
    private static Optional<URI> url(StoreLocation location) {
        Path file = location.dataDir().resolve(SERVER_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Object> json;
        try {
            json = WireJson.readObject(BoundedFile.read(file, "the server file", MAX_BYTES), MAX_BYTES,
                    "the server file");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!(json.get("url") instanceof String raw) || !(json.get("pid") instanceof Number pid)) {
            return Optional.empty();
        }
        URI url;
        try {
            url = new URI(raw);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        OptionalLong holder = FileVaultStore.recordedHolder(location);
        boolean sameHolder = holder.isPresent() && holder.getAsLong() == pid.longValue();
        return sameHolder && ServerOptions.isLoopbackHttp(url) ? Optional.of(url) : Optional.empty();
    }

    private static Optional<SecretValue> adminToken(StoreLocation location, Surroundings surroundings) {
        try {
            String token = SecretFile.read(surroundings, "the admin token file",
                    location.adminTokenFile().toString()).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(SecretValue.of(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

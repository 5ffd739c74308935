package io.offlinevault.app.serve;

import io.offlinevault.app.cli.RunningServer;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The readiness of {@code serve}: once one request has proved that the server answers, it says where, each file
 * written atomically so that a reader never sees a partial one: {@code --port-file FILE} gets the port (digits and
 * a newline), and a vault on disk gets {@code <data-dir>/server.json} (owner-only: {@code {"pid","startedAt",
 * "url"}}, API.md 6), removed on a clean stop. The data dir's lock is held meanwhile, so any server.json found
 * there before is stale and is replaced.
 */
final class Readiness {
    /** The file a running server leaves in its data dir. */
    static final String SERVER_FILE = RunningServer.SERVER_FILE;

    private Readiness() {
    }

    /**
     * Waits until the server on {@code host}:{@code port} answers {@code GET /health}.
     *
     * @throws IOException when it does not answer
     */
    static void awaitAnswer(String host, int port) throws IOException {
        InetAddress address = new InetSocketAddress(host, port).getAddress();
        InetAddress target = address == null || address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : address;
        String literal = target.getHostAddress();
        URL health = URI.create("http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + port
                + "/health").toURL();
        HttpURLConnection connection = (HttpURLConnection) health.openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        try {
            connection.getResponseCode();
            try (InputStream body = connection.getErrorStream() != null ? connection.getErrorStream()
                    : connection.getInputStream()) {
                body.readAllBytes();
            }
        } finally {
            connection.disconnect();
        }
    }

    /** Writes {@code port} to {@code file}, atomically. */
    static void writePortFile(Path file, int port) throws IOException {
        write(file, (port + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes {@code <dataDir>/server.json}, owner-only and atomically: this process's pid, now, and {@code url}. */
    static void writeServerFile(Path dataDir, String url) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", ProcessHandle.current().pid());
        json.put("startedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        json.put("url", url);
        write(dataDir.resolve(SERVER_FILE), WireJson.write(json));
    }

    /** Removes {@code <dataDir>/server.json}, on a clean stop, while the data dir's lock is still held. */
    static void removeServerFile(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(SERVER_FILE));
        } catch (IOException e) {
            // the next start replaces it; a stale one is never trusted without the lock and the pid (API.md 6)
        }
    }

    // Owner-only from its creation: the temp file is made with the umask's mode and narrowed before it is filled.
    private static void write(Path file, byte[] content) throws IOException {
        Path directory = file.getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
        try {
            narrow(temporary);
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void narrow(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
    }
}

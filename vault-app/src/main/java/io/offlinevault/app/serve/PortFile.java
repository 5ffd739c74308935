package io.offlinevault.app.serve;

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

/**
 * The readiness of {@code serve --port-file FILE}: once one request has proved that the server answers, its port
 * (digits and a newline) is written to the file atomically, so that a watcher never sees a partial file.
 */
final class PortFile {
    private PortFile() {
    }

    /**
     * Waits until the server on {@code host}:{@code port} answers {@code GET /health}, then writes {@code port}
     * to {@code file}.
     *
     * @throws IOException when the server does not answer or the file cannot be written
     */
    static void writeOnceAnswering(Path file, String host, int port) throws IOException {
        awaitAnswer(host, port);
        write(file, port);
    }

    // The JDK server accepts once started; one request from here proves it before anyone is told the port.
    private static void awaitAnswer(String host, int port) throws IOException {
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

    private static void write(Path file, int port) throws IOException {
        Path directory = file.getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, port + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

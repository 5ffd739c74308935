package io.offlinevault.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket on 127.0.0.1, bytes exactly as given: what {@code java.net.http} will
 * not send (raw UTF-8 in a path, a foreign or missing {@code Host}, a header twice, {@code //} targets).
 */
final class RawHttp {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** A response: its status, its header lines ({@code name: value}) and its body. */
    record Answer(int status, List<String> headerLines, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** {@return the value of the first header {@code name} (case-insensitive), or null} */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    /**
     * {@return the answer to {@code requestLine} with {@code headerLines} and {@code Connection: close}} The request
     * line and headers go out as UTF-8 bytes; the response is read until the server closes the connection.
     */
    static Answer send(int port, String requestLine, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head: " + all.length + " bytes");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        byte[] body = new byte[all.length - end - 4];
        System.arraycopy(all, end + 4, body, 0, body.length);
        return new Answer(status, headers, body);
    }
}

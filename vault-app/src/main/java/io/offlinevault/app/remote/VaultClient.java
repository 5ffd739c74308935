package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Flow;

/**
 * One server's API as the command line calls it: a request with the bearer token, its answer's bytes, and any
 * answer but 2xx as the domain exception that the server's error body describes ({@link RemoteErrors}). The token
 * is sent in the {@code Authorization} header only, never logged, never in a message. A request body of
 * {@value #SHOWN_UPLOAD} bytes or more says how far its upload got on the progress writer, when there is one (a
 * console): sizes and the server's URL, never content. Thread-safe.
 */
final class VaultClient {
    /** The largest answer read: a page of 1,000 entries or a dry-run report fits many times over. */
    static final int MAX_ANSWER = 64 * 1024 * 1024;

    /** The smallest request body whose upload shows progress. */
    static final int SHOWN_UPLOAD = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final SecretValue token;
    private final HttpClient http;
    private final Optional<PrintWriter> progress;

    VaultClient(URI base, SecretValue token, boolean loopback, Optional<PrintWriter> progress) {
        this.base = requireNonNull(base, "base");
        this.token = requireNonNull(token, "token");
        this.progress = requireNonNull(progress, "progress");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        // A proxy would see the token; a server on this machine is reached directly.
        this.http = (loopback ? builder.proxy(HttpClient.Builder.NO_PROXY) : builder.proxy(ProxySelector.getDefault()))
                .build();
    }

    /** {@return the server's base URL, for messages} */
    URI base() {
        return base;
    }

    /** A request body and its content type. */
    record Body(String contentType, byte[] bytes) {
        static Body json(Object tree) {
            return new Body("application/json", WireJson.write(tree));
        }
    }

    /** A request under construction: method, path (already encoded), query parameters, optional body. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private Body body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call query(String name, Object value) {
            query.put(name, String.valueOf(value));
            return this;
        }

        Call body(Body content) {
            this.body = content;
            return this;
        }

        Call json(Object tree) {
            return body(Body.json(tree));
        }

        /** {@return the answer's JSON tree} */
        Object answer() {
            byte[] bytes = send();
            return WireJson.read(bytes, MAX_ANSWER, "the answer of " + base);
        }

        /** {@return the answer's bytes} */
        byte[] send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri()).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token.reveal())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", body.contentType())
                        .method(method, publisher(body.bytes()));
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw new ServerUnreachableException("the server at " + base + " did not answer " + method + " " + path
                        + " in time");
            } catch (IOException e) {
                throw new ServerUnreachableException("the server at " + base + " does not answer ("
                        + e.getClass().getSimpleName() + "): is it running?");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerUnreachableException("interrupted while waiting for the server at " + base);
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body();
            if (response.statusCode() / 100 != 2) {
                throw RemoteErrors.exception(response.statusCode(), bytes);
            }
            if (bytes.length > MAX_ANSWER) {
                throw new ServerUnreachableException("the server at " + base + " answered more than " + MAX_ANSWER
                        + " bytes");
            }
            return bytes;
        }

        private URI uri() {
            StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
            query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
            String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            return base.resolve(prefix + path + joined);
        }
    }

    // A large body is sent in chunks, each one counted as the client takes it: a quarter more taken, one more line.
    private HttpRequest.BodyPublisher publisher(byte[] bytes) {
        if (progress.isEmpty() || bytes.length < SHOWN_UPLOAD) {
            return HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
        PrintWriter shown = progress.get();
        Iterable<byte[]> chunks = () -> new Iterator<>() {
            private int sent;
            private int quarters;

            @Override
            public boolean hasNext() {
                return sent < bytes.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (sent == 0) {
                    shown.println("uploading " + mebibytes(bytes.length) + " to " + base);
                }
                byte[] chunk = Arrays.copyOfRange(bytes, sent, Math.min(bytes.length, sent + CHUNK));
                sent += chunk.length;
                while (quarters < 4 && sent >= (long) bytes.length * (quarters + 1) / 4) {
                    quarters++;
                    shown.println("uploaded " + quarters * 25 + "% (" + mebibytes(sent) + " of "
                            + mebibytes(bytes.length) + ")" + (quarters == 4 ? "; waiting for the server" : ""));
                }
                shown.flush();
                return chunk;
            }
        };
        Flow.Publisher<ByteBuffer> publisher = HttpRequest.BodyPublishers.ofByteArrays(chunks);
        return HttpRequest.BodyPublishers.fromPublisher(publisher, bytes.length);
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    Call get(String path) {
        return new Call("GET", path);
    }

    Call post(String path) {
        return new Call("POST", path);
    }

    Call put(String path) {
        return new Call("PUT", path);
    }

    Call delete(String path) {
        return new Call("DELETE", path);
    }

    /** {@return {@code value} as one path segment: every byte but the unreserved characters percent-encoded} */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}

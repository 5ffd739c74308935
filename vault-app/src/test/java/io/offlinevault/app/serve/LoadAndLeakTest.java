package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.WriteHistory;
import io.offlinevault.app.cli.WriteHistory.Kind;
import io.offlinevault.app.cli.WriteHistory.Write;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load-and-leak run against a real {@code serve} on 127.0.0.1 (issue 19): 64 keep-alive connections of mixed
 * creates, replaces, deletes and reads on overlapping keys of one organization for a few seconds. Afterwards each
 * key holds what a serial order of the acknowledged writes gives ({@link WriteHistory}: the last acknowledged
 * write, or one that overlapped it), no answer was a 5xx, and once the clients have left the process is back to
 * its threads and open file descriptors of before (within 8 each, where a leak per connection would be 64;
 * polled with a deadline).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoadAndLeakTest {
    static final int CONNECTIONS = 64;
    static final long LOAD_MILLIS = 3_000;
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final List<String> KEY_NAMES = IntStream.range(0, 32)
            .mapToObj(i -> String.format(Locale.ROOT, "load.key-%02d", i)).toList();
    private static final long SEED = 19;
    // Threads and descriptors that come and go without a leak (a JDK carrier or timer thread, a journal segment and
    // its checkpoint); a leak per connection would be CONNECTIONS or more.
    static final int THREAD_TOLERANCE = 8;
    static final int DESCRIPTOR_TOLERANCE = 8;
    // Idle pool threads end after RequestExecutors' 5 s, closed connections within the JDK's selector round.
    private static final long SETTLE_SECONDS = 30;
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void mixed_load_on_64_connections_keeps_a_serial_order_answers_no_5xx_and_leaks_no_thread_or_descriptor()
            throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            // given: a warm server and what the process holds before the load
            int port = serve.port();
            String token = Files.readString(root.resolve("data/admin.token"), UTF_8).strip();
            try (Connection warm = new Connection(port, token)) {
                assertThat(warm.send("GET", ENTRIES + "?page=0&pageSize=1", null).status()).isEqualTo(200);
            }
            long threadsBefore = settled(LoadAndLeakTest::threads);
            long descriptorsBefore = settled(LoadAndLeakTest::descriptors);
            WriteHistory history = new WriteHistory(Set.copyOf(KEY_NAMES));
            List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
            AtomicLong reads = new AtomicLong();
            SplittableRandom seeds = new SplittableRandom(SEED);
            // when
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_MILLIS);
            ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Void>> running = new ArrayList<>();
                for (int client = 1; client <= CONNECTIONS; client++) {
                    running.add(clients.submit(client("c" + client + ".", port, token, seeds.split(), deadline,
                            history, unexpected, reads)));
                }
                for (Future<Void> client : running) {
                    client.get(LOAD_MILLIS + READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } finally {
                clients.shutdownNow();
                assertThat(clients.awaitTermination(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            }
            // then: no 5xx and nothing but the 404/409 of a lost race; the state is a serial order of the writes
            assertThat(unexpected).as("answers that are neither 2xx nor the 404/409 of a lost race").isEmpty();
            Map<String, String> state = state(port, token);
            assertThat(history.problems(state)).as("each key: its last acknowledged write or one that overlapped it")
                    .isEmpty();
            // then: threads and descriptors go back to where they were
            long threadsAfter = settledAtMost(LoadAndLeakTest::threads, threadsBefore + THREAD_TOLERANCE);
            long descriptorsAfter = settledAtMost(LoadAndLeakTest::descriptors,
                    descriptorsBefore + DESCRIPTOR_TOLERANCE);
            assertThat(threadsAfter).as("live threads after the clients left (before: %d)", threadsBefore)
                    .isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
            assertThat(descriptorsAfter).as("open descriptors after the clients left (before: %d)", descriptorsBefore)
                    .isLessThanOrEqualTo(descriptorsBefore + DESCRIPTOR_TOLERANCE);
            assertThat(serve.stop()).isZero();
            System.out.printf(Locale.ROOT, "load and leak on Java %s: %d connections for %d ms, %d writes"
                    + " acknowledged, %d reads, 0 5xx; threads %d -> %d, descriptors %d -> %d%n",
                    Runtime.version().feature(), CONNECTIONS, LOAD_MILLIS, history.acknowledged(), reads.get(),
                    threadsBefore, threadsAfter, descriptorsBefore, descriptorsAfter);
        }
    }

    // One keep-alive connection: creates an absent key, else replaces (2 in 5), deletes (1 in 5) or reads it.
    private static Callable<Void> client(String prefix, int port, String token, SplittableRandom random,
                                         long deadline, WriteHistory history, List<String> unexpected,
                                         AtomicLong reads) {
        return () -> {
            Map<String, Boolean> present = new TreeMap<>();
            try (Connection connection = new Connection(port, token)) {
                for (int number = 1; System.nanoTime() < deadline; number++) {
                    String key = KEY_NAMES.get(random.nextInt(KEY_NAMES.size()));
                    int draw = random.nextInt(5);
                    Kind kind = !present.getOrDefault(key, true) ? Kind.CREATE
                            : draw < 2 ? Kind.REPLACE : draw == 2 ? Kind.DELETE : null;
                    String id = prefix + number;
                    if (kind == null) {
                        Answer answer = connection.send("GET", ENTRIES + "/" + key, null);
                        reads.incrementAndGet();
                        if (answer.status() == 200) {
                            present.put(key, true);
                        } else if (answer.status() == 404) {
                            present.put(key, false);
                        } else {
                            unexpected.add(id + " (READ): " + answer.status());
                        }
                        continue;
                    }
                    Optional<String> value = kind == Kind.DELETE ? Optional.empty()
                            : Optional.of(WriteHistory.value(id, "v".repeat(1 + random.nextInt(64))));
                    long sentAt = history.now();
                    Answer answer = switch (kind) {
                        case CREATE -> connection.send("POST", ENTRIES, "{\"key\": \"" + key + "\", \"value\": \""
                                + value.get() + "\", \"vaultVisibilityType\": \"PUBLIC\"}");
                        case REPLACE -> connection.send("PUT", ENTRIES + "/" + key, "{\"value\": \"" + value.get()
                                + "\"}");
                        case DELETE -> connection.send("DELETE", ENTRIES + "/" + key, null);
                    };
                    long answeredAt = history.now();
                    if (answer.status() / 100 == 2) {
                        history.record(new Write(id, key, kind, value, sentAt, answeredAt));
                        present.put(key, kind != Kind.DELETE);
                    } else if (answer.status() == 409 && kind == Kind.CREATE
                            || answer.status() == 404 && kind != Kind.CREATE) {
                        present.put(key, answer.status() == 409);
                    } else {
                        unexpected.add(id + " (" + kind + "): " + answer.status());
                    }
                }
            }
            return null;
        };
    }

    private static Map<String, String> state(int port, String token) throws IOException {
        try (Connection connection = new Connection(port, token)) {
            Answer list = connection.send("GET", ENTRIES + "?page=0&pageSize=1000", null);
            assertThat(list.status()).isEqualTo(200);
            JsonNode page = JSON.readTree(list.body());
            Map<String, String> state = new TreeMap<>();
            page.path("items").forEach(item -> state.put(item.path("key").asText(), item.path("value").asText()));
            assertThat(page.path("totalEntries").asInt()).isEqualTo(state.size());
            return state;
        }
    }

    private static long threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long descriptors() {
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            return open.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    // The lowest of a few readings a little apart: a thread or descriptor of a moment is not the process's own.
    private static long settled(LongSupplier count) throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (int reading = 0; reading < 5; reading++) {
            lowest = Math.min(lowest, count.getAsLong());
            Thread.sleep(100);
        }
        return lowest;
    }

    // Polls until the count is at most limit or the deadline passes; {@return the last reading}
    private static long settledAtMost(LongSupplier count, long limit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long reading = count.getAsLong();
        while (reading > limit && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reading = count.getAsLong();
        }
        return reading;
    }

    /** A status and a body. */
    private record Answer(int status, byte[] body) {
    }

    /** One HTTP/1.1 keep-alive connection to 127.0.0.1 sending requests one after the other. Not thread-safe. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final int port;
        private final String token;

        Connection(int port, String token) throws IOException {
            this.port = port;
            this.token = token;
            socket = new Socket("127.0.0.1", port);
            try {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        Answer send(String method, String path, String json) throws IOException {
            byte[] body = json == null ? new byte[0] : json.getBytes(UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Authorization: Bearer ").append(token).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            if (json != null) {
                head.append("Content-Type: application/json\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(UTF_8));
            out.write(body);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IOException("a chunked answer, which this client does not read: " + statusLine);
                }
            }
            return new Answer(status, in.readNBytes(length));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

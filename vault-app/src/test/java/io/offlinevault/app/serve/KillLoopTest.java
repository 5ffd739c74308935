package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServerProcess;
import io.offlinevault.app.cli.WriteHistory.Kind;
import io.offlinevault.app.cli.WriteHistory.Write;
import io.offlinevault.app.cli.WriteHistory;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real server at a random moment of a write load, {@value #ROUNDS} times on one data dir that
 * keeps growing (RELIABILITY.md "Durability and crash consistency"): several writers create, replace and
 * delete entries on overlapping keys over HTTP; after each restart every acknowledged write is present with
 * its last acknowledged value, or the value of a write in flight at the kill, and nothing else
 * ({@link WriteHistory}); the last restart opens unsealed and stops cleanly. Some values are large, so that
 * the journal outgrows its checkpoint a few times: restarts then open a background checkpoint and replay the
 * segments after it.
 * Tagged slow: the first pass of {@code .ci/run} runs it, {@code -Pfast} leaves it out.
 */
@Tag("slow")
class KillLoopTest {
    /** The seed of every random choice (keys, operations, sizes, kill moments); failures name it. */
    static final long SEED = 20_261_126L;
    // 30 rounds take about 50 s on a 2-core machine (a JVM start costs about a second of each round); 50 would not
    // fit the minute that CI gives this test.
    static final int ROUNDS = 30;
    static final int WRITERS = 4;
    static final int KEYS = 16;
    // The kill comes after 0 to this many acknowledged writes of the round (drawn uniformly), then 0 to
    // KILL_JITTER_MILLIS later: counting writes rather than time makes the rounds alike on a slow machine.
    static final int MAX_ACKNOWLEDGED_BEFORE_KILL = 60;
    static final int KILL_JITTER_MILLIS = 10;
    private static final String TOKEN = "kill-loop-known-admin-token-0123456789abcdefXYZ";
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final List<String> KEY_NAMES = IntStream.range(0, KEYS)
            .mapToObj(i -> String.format("kill-loop.key-%02d", i)).toList();
    private static final Pattern SEGMENT = Pattern.compile("journal\\.(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    // A safety net against a hung writer, not a timing assertion.
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path root;

    private ServerProcess server;

    @AfterEach
    void killTheServer() {
        if (server != null) {
            server.close();
        }
    }

    // Longer than the default 5 minutes: ROUNDS starts of a child JVM, each loaded and killed, take about a minute
    // in CI and several on a loaded machine; each wait inside has its own bound (PATIENCE_SECONDS).
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void every_acknowledged_write_survives_kill_9_and_nothing_unacknowledged_shows() throws Exception {
        // given
        WriteHistory history = new WriteHistory(Set.copyOf(KEY_NAMES));
        SplittableRandom seeds = new SplittableRandom(SEED);
        long started = System.nanoTime();
        long highestSegment = 0;
        // when / then: each round restarts on the data dir the last one was killed on, checks it, writes, kills
        for (int round = 1; round <= ROUNDS; round++) {
            server = ServerProcess.start(root, round == 1 ? Optional.of(TOKEN) : Optional.empty());
            int port = server.awaitPort();
            checkRestart(history, port, "the start of round " + round);
            load(history, port, round, seeds.split());
            highestSegment = Math.max(highestSegment, highestSegment());
        }
        // then: the last restart shows every acknowledged write, opens unsealed, and stops cleanly
        server = ServerProcess.start(root, Optional.empty());
        checkRestart(history, server.awaitPort(), "the restart after the last round");
        assertThat(server.stop()).as("the exit code of a SIGTERM").isZero();
        String log = Files.readString(root.resolve(ServerProcess.LOG), UTF_8);
        assertThat(log.contains(TOKEN)).as("the server log holds the admin token").isFalse();
        assertThat(log.contains(WriteHistory.VALUE_PREFIX)).as("the server log holds a value").isFalse();
        assertThat(history.acknowledged()).as("writes acknowledged").isPositive();
        System.out.printf("kill loop, seed %d: %d rounds survived, %d writes acknowledged, %d in flight at the"
                + " kills, journal segments up to %d, %d torn tails ignored at a restart, %d segments truncated,"
                + " %d ms%n", SEED, ROUNDS, history.acknowledged(), history.inFlight(), highestSegment,
                count(log, "ends with an incomplete record"), count(log, "truncating the journal segment"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    // /health says the store is open, and the entries are what the history allows; they become its new start.
    private void checkRestart(WriteHistory history, int port, String when) throws Exception {
        Http http = new Http(port);
        HttpResponse<String> health = http.get("/health", null);
        assertThat(health.statusCode()).as("seed %d, %s: /health answers %s; the server's log:%n%s", SEED, when,
                health.body(), server.logOfThisStart()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");
        HttpResponse<String> list = http.get(ENTRIES + "?page=0&pageSize=1000", TOKEN);
        assertThat(list.statusCode()).as("seed %d, %s: the status of the entry list", SEED, when).isEqualTo(200);
        JsonNode page = JSON.readTree(list.body());
        Map<String, String> shown = new TreeMap<>();
        page.path("items").forEach(item -> shown.put(item.path("key").asText(), item.path("value").asText()));
        assertThat(page.path("totalEntries").asInt()).as("seed %d, %s: totalEntries", SEED, when)
                .isEqualTo(shown.size());
        assertThat(history.problems(shown)).as("seed %d, %s: every acknowledged write (or one in flight at the"
                + " kill), nothing else; the server's log:%n%s", SEED, when, server.logOfThisStart()).isEmpty();
        history.settle(shown);
    }

    // Writers on every key until a random moment, then kill -9 with their requests in flight.
    private void load(WriteHistory history, int port, int round, SplittableRandom random) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Boolean> present = new ConcurrentHashMap<>();
        KEY_NAMES.forEach(key -> present.put(key, false));
        history.present().forEach(key -> present.put(key, true));
        CountDownLatch killAfter = new CountDownLatch(random.nextInt(MAX_ACKNOWLEDGED_BEFORE_KILL + 1));
        int jitterMillis = random.nextInt(KILL_JITTER_MILLIS + 1);
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (int writer = 1; writer <= WRITERS; writer++) {
                String prefix = "r" + round + ".w" + writer + ".";
                writers.add(pool.submit(writer(history, new Http(port), prefix, random.split(), present, stop,
                        killAfter, unexpected)));
            }
            awaitKillMoment(killAfter, writers);
            Thread.sleep(jitterMillis);
            stop.set(true);
            server.kill();
            for (Future<Void> writer : writers) {
                writer.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).as("seed %d, round %d: answers that are neither 2xx nor the 404/409 of a lost race",
                SEED, round).isEmpty();
    }

    // Returns once enough writes are acknowledged, or once a writer ended: its future then says why.
    private static void awaitKillMoment(CountDownLatch acknowledged, List<Future<Void>> writers)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!acknowledged.await(10, TimeUnit.MILLISECONDS)) {
            if (writers.stream().anyMatch(Future::isDone) || System.nanoTime() > deadline) {
                return;
            }
        }
    }

    // Creates an absent key; replaces (3 in 4) or deletes a present one. A 4xx changes nothing and is not recorded.
    private static Callable<Void> writer(WriteHistory history, Http http, String prefix, SplittableRandom random,
                                         Map<String, Boolean> present, AtomicBoolean stop, CountDownLatch acknowledged,
                                         List<String> unexpected) {
        return () -> {
            for (int number = 1; !stop.get(); number++) {
                String key = KEY_NAMES.get(random.nextInt(KEYS));
                Kind kind = !present.get(key) ? Kind.CREATE : random.nextInt(4) == 0 ? Kind.DELETE : Kind.REPLACE;
                String id = prefix + number;
                Optional<String> value = kind == Kind.DELETE ? Optional.empty()
                        : Optional.of(WriteHistory.value(id, filler(random)));
                long sentAt = history.now();
                HttpResponse<String> response;
                try {
                    response = switch (kind) {
                        case CREATE -> http.send("POST", ENTRIES, TOKEN, "{\"key\": \"" + key + "\", \"value\": \""
                                + value.get() + "\", \"vaultVisibilityType\": \"PUBLIC\"}");
                        case REPLACE -> http.send("PUT", ENTRIES + "/" + key, TOKEN, "{\"value\": \"" + value.get()
                                + "\"}");
                        case DELETE -> http.send("DELETE", ENTRIES + "/" + key, TOKEN, null);
                    };
                } catch (IOException e) {
                    history.record(new Write(id, key, kind, value, sentAt, WriteHistory.IN_FLIGHT));
                    continue;
                }
                long answeredAt = history.now();
                int status = response.statusCode();
                if (status / 100 == 2) {
                    history.record(new Write(id, key, kind, value, sentAt, answeredAt));
                    present.put(key, kind != Kind.DELETE);
                    acknowledged.countDown();
                } else if (status == 409 && kind == Kind.CREATE || status == 404 && kind != Kind.CREATE) {
                    present.put(key, status == 409);
                } else {
                    unexpected.add(id + " (" + kind + "): " + status + " "
                            + JSON.readTree(response.body()).path("errorCode").asText());
                }
            }
            return null;
        };
    }

    // Mostly short; one in three 16 to 60 KiB, so that the journal outgrows its checkpoint now and then.
    private static String filler(SplittableRandom random) {
        int length = random.nextInt(3) == 0 ? 16 * 1024 + random.nextInt(44 * 1024) : 16 + random.nextInt(200);
        return String.valueOf((char) ('a' + random.nextInt(26))).repeat(length);
    }

    private long highestSegment() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("data"))) {
            return files.map(file -> SEGMENT.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .mapToLong(matcher -> Long.parseLong(matcher.group(1))).max().orElse(0);
        }
    }

    private static long count(String text, String phrase) {
        return Pattern.compile(Pattern.quote(phrase)).matcher(text).results().count();
    }
}

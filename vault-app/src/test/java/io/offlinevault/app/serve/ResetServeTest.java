package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /_offline-vault/reset} on a real server: back to the seed while other requests run, and who may call it. */
class ResetServeTest {
    private static final String ADMIN_TOKEN = "reset-test-admin-token-0123456789abcdef";
    private static final String WRITER_TOKEN = "reset-test-writer-token-0123456789abcdef";
    private static final String RESET = "/_offline-vault/reset";
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final int SEEDED = 10;
    private static final int RESETS = 25;
    // A safety net against a hung test, not a timing assertion.
    private static final long PATIENCE_SECONDS = 120;

    @TempDir
    Path root;

    private Path seed() throws IOException {
        String entries = IntStream.range(0, SEEDED)
                .mapToObj(i -> "{\"key\": \"seeded-" + i + "\", \"value\": \"value-" + i + "\", \"vaultVisibilityType\": \"PUBLIC\"}")
                .collect(Collectors.joining(", "));
        return Files.writeString(root.resolve("seed.json"), """
                {"organizations": [{"id": "acme", "entries": [%s],
                                    "snapshots": [{"content": {"resources": {"SOURCE": [
                                        {"resourceName": "s", "model": {"p": "{{ VAULT.seeded-0 }}"}}]}}}]}],
                 "tokens": [{"name": "writer", "organizations": ["acme"],
                             "privileges": ["VAULT_ENTRY:CREATE", "VAULT_ENTRY:VIEW"], "value": "%s"}]}
                """.formatted(entries, WRITER_TOKEN), UTF_8);
    }

    private ServeRun ephemeral() throws Exception {
        return ServeRun.start(Files.createDirectories(root.resolve("home")), false,
                Map.of(KnownAdminToken.VARIABLE, ADMIN_TOKEN), "--ephemeral", "--port", "0", "--seed", seed().toString());
    }

    /** What the tests can see of the vault: entries, snapshots and organizations as the admin reads them. */
    private static String state(Http http) throws Exception {
        return http.get(ENTRIES, ADMIN_TOKEN).body() + "\n" + http.get("/rest/organizations/acme/snapshots",
                ADMIN_TOKEN).body() + "\n" + http.get("/rest/organizations", ADMIN_TOKEN).body();
    }

    @Test
    void reset_restores_the_seed_while_creates_and_reads_run() throws Exception {
        try (ServeRun serve = ephemeral()) {
            Http http = new Http(serve.port());
            String seeded = state(http);
            assertThat(seeded).contains("\"totalEntries\":" + SEEDED);
            // given: writers that create new keys and readers that read seeded entries, until told to stop
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger created = new AtomicInteger();
            Queue<String> unexpected = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            for (int w = 0; w < 4; w++) {
                String writer = "w" + w;
                String token = w % 2 == 0 ? ADMIN_TOKEN : WRITER_TOKEN;
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String body = "{\"key\": \"" + writer + "-" + i + "\", \"value\": \"v\"}";
                        expect(unexpected, () -> http.send("POST", ENTRIES, token, body), 201, "\"key\"");
                        created.incrementAndGet();
                    }
                }, threads));
            }
            for (int r = 0; r < 4; r++) {
                int reader = r;
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        int n = (reader + i) % SEEDED;
                        expect(unexpected, () -> http.get(ENTRIES + "/seeded-" + n, WRITER_TOKEN), 200,
                                "\"value\":\"value-" + n + "\"");
                        // one request sees one whole state: before or after a reset, a page holds every seeded key
                        expect(unexpected, () -> http.get(ENTRIES + "?pageSize=1000", ADMIN_TOKEN), 200,
                                "\"key\":\"seeded-0\"", "\"key\":\"seeded-" + (SEEDED - 1) + "\"");
                    }
                }, threads));
            }
            // when: resets while they run, each after some more creates
            List<Integer> resets = new ArrayList<>();
            try {
                for (int r = 0; r < RESETS; r++) {
                    int target = created.get() + 8;
                    Await.until("8 more creates before reset " + (r + 1), Duration.ofSeconds(PATIENCE_SECONDS),
                            () -> created.get() >= target || !unexpected.isEmpty(),
                            () -> created.get() + " created, unexpected answers " + unexpected);
                    resets.add(http.send("POST", RESET, ADMIN_TOKEN, null).statusCode());
                }
            } finally {
                stop.set(true);
                try {
                    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
                } finally {
                    threads.shutdownNow();
                }
            }
            HttpResponse<String> last = http.send("POST", RESET, ADMIN_TOKEN, "{}");

            // then
            assertThat(unexpected).isEmpty();
            assertThat(resets).hasSize(RESETS).containsOnly(204);
            assertThat(created.get()).isGreaterThan(RESETS * 8);
            assertThat(last.statusCode()).isEqualTo(204);
            assertThat(state(http)).isEqualTo(seeded);
            assertThat(http.get(ENTRIES + "/w0-0", ADMIN_TOKEN).statusCode()).isEqualTo(404);
            assertThat(http.get(ENTRIES + "/seeded-0", WRITER_TOKEN).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static void expect(Queue<String> unexpected, Call call, int status, String... fragments) {
        try {
            HttpResponse<String> response = call.send();
            boolean ok = response.statusCode() == status
                    && List.of(fragments).stream().allMatch(response.body()::contains);
            if (!ok) {
                unexpected.add(response.request().method() + " " + response.uri().getPath() + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (Exception e) {
            unexpected.add(e.toString());
        }
    }

    @Test
    void reset_is_401_without_a_token_and_403_for_a_token_without_every_privilege() throws Exception {
        try (ServeRun serve = ephemeral()) {
            Http http = new Http(serve.port());
            assertThat(http.send("POST", ENTRIES, WRITER_TOKEN, "{\"key\": \"kept\", \"value\": \"v\"}").statusCode())
                    .isEqualTo(201);

            HttpResponse<String> anonymous = http.send("POST", RESET, null, null);
            HttpResponse<String> writer = http.send("POST", RESET, WRITER_TOKEN, null);

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"errorCode\":\"INVALID_TOKEN\"");
            assertThat(writer.statusCode()).isEqualTo(403);
            assertThat(writer.body()).contains("\"errorCode\":\"ACCESS_DENIED\"");
            assertThat(http.get(ENTRIES + "/kept", ADMIN_TOKEN).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void reset_is_404_like_any_unknown_route_on_a_persistent_vault() throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            String admin = Files.readString(root.resolve("data/admin.token"), UTF_8).strip();
            Http http = new Http(serve.port());
            assertThat(http.send("POST", ENTRIES, admin, "{\"key\": \"kept\", \"value\": \"v\"}").statusCode())
                    .isEqualTo(201);

            HttpResponse<String> reset = http.send("POST", RESET, admin, null);

            assertThat(reset.statusCode()).isEqualTo(404);
            assertThat(reset.body()).contains("\"errorCode\":\"NOT_FOUND\"");
            assertThat(http.get(ENTRIES + "/kept", admin).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
    }
}

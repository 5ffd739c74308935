package io.offlinevault.app.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.offlinevault.app.cli.Http;
import io.offlinevault.app.serve.EphemeralServer;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process server alone: seeds from a file and from code, reset, several servers in one JVM, its threads. */
class OfflineVaultServerTest {
    private static final String ADMIN_TOKEN = "test-admin-token-server-0123456789abc";
    private static final String SNAPSHOT = """
            {"resources": {"SOURCE": [{"resourceName": "db_source",
              "model": {"configuration": {"password": "{{ VAULT.db.password }}"}}}]}}""";

    @TempDir
    Path dir;

    @Test
    void two_servers_in_one_jvm_have_their_own_port_and_vault() throws Exception {
        try (OfflineVaultServer one = OfflineVaultServer.start(VaultSeed.empty().withEntry("acme", "shared", "1"));
             OfflineVaultServer two = OfflineVaultServer.start(VaultSeed.empty().withEntry("acme", "shared", "2"))) {
            // when
            int created = new Http(one.port()).send("POST", "/rest/organizations/acme/vaultentries", one.adminToken(),
                    "{\"key\": \"only.in.one\", \"value\": \"v\"}").statusCode();

            // then
            assertThat(created).isEqualTo(201);
            assertThat(one.port()).isNotEqualTo(two.port());
            assertThat(one.adminToken()).isNotEqualTo(two.adminToken());
            assertThat(entries(one)).contains("only.in.one", "\"totalEntries\":2");
            assertThat(entries(two)).doesNotContain("only.in.one").contains("\"totalEntries\":1");
            assertThat(new Http(two.port()).get("/rest/organizations", one.adminToken()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void the_threads_of_a_server_are_gone_after_close() throws Exception {
        // given: the threads of the JVM before, and a server that answered requests
        Set<Thread> before = liveThreads();
        OfflineVaultServer server = OfflineVaultServer.start(VaultSeed.empty(), ADMIN_TOKEN);
        for (int i = 0; i < 5; i++) {
            assertThat(rawGet(server.port(), "/health")).startsWith("HTTP/1.1 200");
        }
        // (threads left by earlier tests in this JVM may end meanwhile: count the server's, not the JVM's)
        Set<String> serving = startedSince(before);

        // when
        server.close();

        // then
        assertThat(serving).isNotEmpty();
        Await.until("the server's threads to end", Duration.ofSeconds(30), () -> startedSince(before).isEmpty(),
                () -> startedSince(before));
    }

    @Test
    void the_server_is_the_one_of_serve_ephemeral_with_its_routes() throws Exception {
        try (OfflineVaultServer server = OfflineVaultServer.start(VaultSeed.empty().withEntry("acme", "k", "v"),
                ADMIN_TOKEN)) {
            Http http = new Http(server.port());
            http.send("DELETE", "/rest/organizations/acme/vaultentries/k", ADMIN_TOKEN, null);

            assertThat(http.get("/_offline-vault/info", ADMIN_TOKEN).body()).contains("\"mode\":\"EPHEMERAL\"");
            assertThat(http.send("POST", "/_offline-vault/reset", ADMIN_TOKEN, null).statusCode()).isEqualTo(204);
            assertThat(http.get("/rest/organizations/acme/vaultentries/k", ADMIN_TOKEN).statusCode()).isEqualTo(200);
            assertThat(http.send("POST", "/_offline-vault/verify", ADMIN_TOKEN, null).statusCode()).isEqualTo(404);
            assertThat(http.get("/_offline-vault/openapi.json", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reset_goes_back_to_the_seed_and_its_tokens() throws Exception {
        try (OfflineVaultServer server = OfflineVaultServer.start(VaultSeed.empty()
                .withEntry("acme", Map.of("key", "page.size", "value", "25", "valueType", "INTEGER",
                        "vaultVisibilityType", "PUBLIC"))
                .withTokenForAllOrganizations("ci", "test-ci-token-0123456789abcdefghijklmn", List.of("VAULT_ENTRY:VIEW")),
                ADMIN_TOKEN)) {
            Http http = new Http(server.port());
            http.send("PUT", "/rest/organizations/acme/vaultentries/page.size", ADMIN_TOKEN, "{\"value\": \"50\"}");
            http.send("DELETE", "/_offline-vault/tokens/ci", ADMIN_TOKEN, null);

            server.reset();

            assertThat(http.get("/rest/organizations/acme/vaultentries/page.size",
                    "test-ci-token-0123456789abcdefghijklmn").body()).contains("\"value\":\"25\"");
        }
    }

    @Test
    void a_seed_file_loads_with_its_snapshot_files_and_more_from_code() throws Exception {
        // given: a seed file naming a snapshot file beside it, and a snapshot given in code
        Files.writeString(dir.resolve("snapshot.json"), SNAPSHOT, UTF_8);
        Path seedFile = Files.writeString(dir.resolve("seed.json"), """
                {"organizations": [{"id": "acme",
                   "entries": [{"key": "db.password", "value": "s3cr3t"}],
                   "snapshots": [{"id": "acme-aaaaaaaaaaaaaaaaaaaaaaaaaa", "file": "snapshot.json"}]}]}""", UTF_8);
        VaultSeed seed = VaultSeed.fromFile(seedFile).withSnapshotContent("acme", SNAPSHOT)
                .withEntry("beta", "other", "v");

        try (OfflineVaultServer server = OfflineVaultServer.start(seed, ADMIN_TOKEN)) {
            Http http = new Http(server.port());

            assertThat(http.get("/rest/organizations/acme/snapshots", ADMIN_TOKEN).body())
                    .contains("acme-aaaaaaaaaaaaaaaaaaaaaaaaaa", "\"createdBy\":\"seed\"");
            assertThat(http.get("/rest/organizations/acme/vaultentries/missing?snapshotId=acme-aaaaaaaaaaaaaaaaaaaaaaaaaa",
                    ADMIN_TOKEN).body()).isEqualTo("{\"missingVaultEntries\":[]}");
            assertThat(http.get("/_offline-vault/info", ADMIN_TOKEN).body()).contains(
                    "{\"id\":\"acme\",\"entries\":1,\"snapshots\":2}", "{\"id\":\"beta\",\"entries\":1,\"snapshots\":0}");
            assertThat(seed.toString()).isEqualTo("VaultSeed[2 organizations, 0 tokens]");
            assertThat(EphemeralServer.readSeedFile(seedFile).toString()).doesNotContain("s3cr3t");
        }
    }

    @Test
    void a_bad_seed_starts_nothing_and_lists_every_problem_without_a_value() {
        VaultSeed seed = VaultSeed.empty()
                .withEntry("acme", Map.of("key", "page.size", "value", "twenty-five-secret", "valueType", "INTEGER"))
                .withToken("reader", "short-secret", List.of("VAULT_ENTRY:VIEW"), List.of("acme"));

        assertThatIllegalArgumentException().isThrownBy(() -> OfflineVaultServer.start(seed))
                .withMessageContaining("2 problems")
                .withMessageContaining("organizations[0].entries[0].value")
                .withMessageContaining("tokens[0].value")
                .withMessageNotContaining("twenty-five-secret")
                .withMessageNotContaining("short-secret");
    }

    @Test
    void a_bad_admin_token_or_seed_file_is_refused_with_a_clear_message() throws IOException {
        Path notJson = Files.writeString(dir.resolve("seed.json"), "{\"organizations\": [ secret", UTF_8);

        assertThatIllegalArgumentException().isThrownBy(() -> OfflineVaultServer.start(VaultSeed.empty(), "too-short"))
                .withMessageContaining("32 to 512").withMessageNotContaining("too-short");
        assertThatIllegalArgumentException().isThrownBy(() -> VaultSeed.fromFile(notJson))
                .withMessageContaining(notJson.toString()).withMessageNotContaining("secret");
        assertThatIllegalArgumentException().isThrownBy(() -> VaultSeed.fromFile(dir.resolve("absent.json")))
                .withMessage("the seed file " + dir.resolve("absent.json") + " does not exist.");
    }

    private static String entries(OfflineVaultServer server) throws Exception {
        return new Http(server.port()).get("/rest/organizations/acme/vaultentries", server.adminToken()).body();
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    // The carrier threads of virtual threads (Java 21+) belong to the JVM's scheduler, shared by every virtual
    // thread of the JVM, and outlive any one server.
    private static Set<String> startedSince(Set<Thread> before) {
        return liveThreads().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !thread.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    // A plain socket: a JDK HttpClient would start threads of its own, which outlive the server.
    private static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), UTF_8);
            }
        }
    }
}

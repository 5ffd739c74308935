package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.AppLog;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault serve} in-process, through picocli, against a real server on 127.0.0.1, port 0. */
class ServeCommandTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";

    @TempDir
    Path root;

    @RegisterExtension
    final AppLog appLog = new AppLog();

    private Path dataDir() {
        return root.resolve("data");
    }

    private StoreLocation location() {
        return StoreLocation.of(dataDir(), root.resolve("keys/vault.key"));
    }

    private String adminToken() throws Exception {
        return Files.readString(dataDir().resolve("admin.token"), UTF_8).strip();
    }

    private String log() {
        return appLog.text();
    }

    @Test
    void first_start_creates_the_vault_serves_it_and_a_restart_keeps_the_entry() throws Exception {
        // given: a first start on an empty temp dir
        try (ServeRun first = ServeRun.start(root, "--port", "0")) {
            Http http = new Http(first.port());
            assertThat(first.out()).contains(
                    "created a new vault in " + dataDir() + " (key file " + root.resolve("keys/vault.key")
                            + "; keep it safe: losing every key loses every secret)",
                    "admin token written to " + dataDir().resolve("admin.token"));
            assertThat(first.out()).containsPattern("(?m)^listening on http://127\\.0\\.0\\.1:" + first.port() + "$");
            // when
            HttpResponse<String> health = http.get("/health", null);
            HttpResponse<String> created = http.send("POST", ENTRIES, adminToken(),
                    "{\"key\": \"db.password\", \"value\": \"kept-across-restarts\", \"vaultVisibilityType\": \"PUBLIC\"}");
            // then
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(first.stop()).isZero();
            assertThat(first.out()).endsWith("stopped" + System.lineSeparator());
        }
        // when: stopped and started again on the same data dir
        try (ServeRun second = ServeRun.start(root, "--port", "0")) {
            HttpResponse<String> entry = new Http(second.port()).get(ENTRIES + "/db.password", adminToken());
            // then: the same vault, not a new one
            assertThat(second.out()).doesNotContain("created a new vault", "admin token");
            assertThat(entry.statusCode()).isEqualTo(200);
            assertThat(entry.body()).contains("\"value\":\"kept-across-restarts\"");
            assertThat(second.stop()).isZero();
        }
    }

    @Test
    void the_stop_that_a_signal_runs_releases_the_lock() throws Exception {
        // given
        ServeRun serve = ServeRun.start(root, "--port", "0");
        int port = serve.port();
        // when
        int exitCode = serve.stop();
        // then: the port is closed, and the data dir opens again, unsealed
        assertThat(exitCode).isZero();
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isEmpty();
            assertThat(store.repository().view().token("admin")).isPresent();
        }
    }

    @Test
    void a_damaged_checkpoint_starts_sealed_with_503_and_says_why_and_how_to_recover() throws Exception {
        // given: a vault whose checkpoint has bytes appended
        try (ServeRun first = ServeRun.start(root, "--port", "0")) {
            assertThat(first.stop()).isZero();
        }
        String token = adminToken();
        Files.write(dataDir().resolve("checkpoint"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        // when
        try (ServeRun sealed = ServeRun.start(root, "--port", "0")) {
            Http http = new Http(sealed.port());
            HttpResponse<String> health = http.get("/health", null);
            HttpResponse<String> list = http.get(ENTRIES, token);
            HttpResponse<String> anonymous = http.get("/rest/organizations", null);
            // then
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"sealed\"", "\"storeError\":\"STORE_CORRUPT\"");
            assertThat(list.statusCode()).isEqualTo(503);
            assertThat(list.body()).contains("\"errorCode\":\"STORE_UNAVAILABLE\"");
            assertThat(anonymous.statusCode()).as("503 comes before authentication").isEqualTo(503);
            assertThat(sealed.err()).contains("the vault in " + dataDir() + " did not open (STORE_CORRUPT): ",
                    "to recover: restore the data dir from a backup",
                    "then run: offline-vault serve --data-dir " + dataDir() + " --key-file "
                            + root.resolve("keys/vault.key"));
            assertThat(sealed.out()).contains("listening on http://127.0.0.1:" + sealed.port());
            assertThat(sealed.stop()).isZero();
        }
        // and the sealed server released its lock and changed nothing
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).hasValueSatisfying(e -> assertThat(e.reason().name()).isEqualTo("STORE_CORRUPT"));
        }
    }

    @Test
    void a_data_dir_that_cannot_be_listed_starts_sealed_too() throws Exception {
        // given: a regular file where the data dir should be
        Files.writeString(Files.createDirectories(root).resolve("data"), "not a directory");
        // when
        try (ServeRun sealed = ServeRun.start(root, "--port", "0")) {
            HttpResponse<String> health = new Http(sealed.port()).get("/health", null);
            HttpResponse<String> organizations = new Http(sealed.port()).get("/rest/organizations", "x".repeat(40));
            // then
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"storeError\":\"STORE_PERMISSIONS\"");
            assertThat(organizations.statusCode()).isEqualTo(503);
            assertThat(sealed.err()).contains("did not open (STORE_PERMISSIONS)", "to recover: ");
            assertThat(sealed.stop()).isZero();
        }
        assertThat(Files.readString(dataDir())).isEqualTo("not a directory");
    }

    @Test
    void the_admin_token_is_not_printed_without_a_console() throws Exception {
        // given / when
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            new Http(serve.port()).get("/rest/organizations", adminToken());
            assertThat(serve.stop()).isZero();
            // then
            String token = adminToken();
            assertThat(token).startsWith("ovt_");
            assertThat(serve.out()).contains("admin token written to").doesNotContain(token);
            assertThat(serve.err()).doesNotContain(token);
            assertThat(serve.console()).isEmpty();
            assertThat(log()).contains("access GET /rest/organizations 200 ").doesNotContain(token);
        }
    }

    @Test
    void the_admin_token_is_printed_on_the_console_when_there_is_one() throws Exception {
        // given / when
        try (ServeRun serve = ServeRun.start(root.resolve("home"), true, Map.of(),
                "--data-dir", dataDir().toString(), "--key-file", root.resolve("keys/vault.key").toString(),
                "--port", "0")) {
            assertThat(serve.stop()).isZero();
            // then: on the console, and only there
            String token = adminToken();
            assertThat(serve.console()).startsWith("admin token (shown once, on this console only): " + token
                    + System.lineSeparator());
            assertThat(serve.console()).as("then how the command line reaches the server, without the token")
                    .containsOnlyOnce(token).contains("runs through this server by itself", "OFFLINE_VAULT_ADDR=http://");
            assertThat(serve.out()).doesNotContain(token);
            assertThat(serve.err()).doesNotContain(token);
        }
    }

    @Test
    void an_existing_key_file_is_reused_for_a_new_vault() throws Exception {
        // given: a key file made by a first vault, and a fresh data dir
        try (ServeRun first = ServeRun.start(root, "--port", "0")) {
            assertThat(first.stop()).isZero();
        }
        byte[] key = Files.readAllBytes(root.resolve("keys/vault.key"));
        Path otherData = root.resolve("other-data");
        // when
        try (ServeRun second = ServeRun.start(root.resolve("home"), false, Map.of(), "--data-dir", otherData.toString(),
                "--key-file", root.resolve("keys/vault.key").toString(), "--port", "0")) {
            assertThat(second.stop()).isZero();
            // then
            assertThat(second.out()).contains("created a new vault in " + otherData + " (existing key file "
                    + root.resolve("keys/vault.key") + ";");
        }
        assertThat(Files.readAllBytes(root.resolve("keys/vault.key"))).isEqualTo(key);
    }

    @Test
    void port_0_prints_the_port_it_bound() throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            int port = serve.port();

            assertThat(port).isPositive();
            assertThat(new Http(port).get("/health", null).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void a_stale_port_file_is_removed_before_the_server_binds() throws Exception {
        Path portFile = Files.writeString(root.resolve("vault.port"), "1\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // when the new server cannot even bind
            ServeRun failed = ServeRun.start(root, "--port", Integer.toString(taken.getLocalPort()), "--port-file",
                    portFile.toString());
            // then nobody waiting for the file reads the old port
            assertThat(failed.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
            assertThat(portFile).doesNotExist();
        }
        Files.writeString(portFile, "1\n");
        try (ServeRun serve = ServeRun.start(root, "--port", "0", "--port-file", portFile.toString())) {
            assertThat(Files.readString(portFile).strip()).isEqualTo(Integer.toString(serve.port()));
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void a_port_in_use_exits_1_with_a_clear_message_and_releases_the_lock() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // when
            ServeRun serve = ServeRun.start(root, "--port", Integer.toString(taken.getLocalPort()));
            // then
            assertThat(serve.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
            assertThat(serve.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": address already in use", "--port");
            assertThat(serve.out()).doesNotContain("listening on");
        }
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isEmpty();
        }
    }

    @Test
    void a_remote_host_without_allow_remote_exits_2_and_creates_nothing() throws Exception {
        ServeRun serve = ServeRun.start(root, "--host", "0.0.0.0", "--port", "0");

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--host 0.0.0.0 is reachable from other machines", "clear text",
                "--allow-remote");
        assertThat(dataDir()).doesNotExist();
        assertThat(root.resolve("keys")).doesNotExist();
    }

    @Test
    void a_remote_host_with_allow_remote_serves_and_warns_that_tokens_travel_in_clear_text() throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--host", "0.0.0.0", "--allow-remote", "--port", "0")) {
            int port = serve.port();

            assertThat(serve.err()).containsPattern("(?m)^warning: listening on 0\\.0\\.0\\.0 .*bearer tokens.*"
                    + " travel in clear text$");
            assertThat(serve.out()).contains("listening on http://0.0.0.0:" + port);
            assertThat(new Http(port).get("/health", null).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void a_loopback_host_needs_no_allow_remote() throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--host", "localhost", "--port", "0")) {
            assertThat(serve.out()).contains("listening on http://localhost:" + serve.port());
            assertThat(serve.err()).doesNotContain("warning");
            assertThat(serve.stop()).isZero();
        }
    }
}

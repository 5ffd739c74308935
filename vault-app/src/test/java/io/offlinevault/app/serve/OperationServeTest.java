package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.StoreMaintenance;
import io.offlinevault.store.file.VaultKeys;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin routes that operate a running server, end to end on the jar's own serve: info, verify, backup, rotate. */
class OperationServeTest {
    private static final String SENTINEL = "operation-sentinel-value";

    @TempDir
    Path root;

    private String adminToken() throws Exception {
        return Files.readString(root.resolve("data/admin.token"), UTF_8).strip();
    }

    @Test
    void a_running_server_answers_info_verify_a_hot_backup_and_rotate_to_the_admin_token() throws Exception {
        Path backups = root.resolve("backups");
        try (ServeRun serve = ServeRun.start(root, "--port", "0", "--backup-dir", backups.toString())) {
            Http http = new Http(serve.port());
            String token = adminToken();
            assertThat(http.send("POST", "/rest/organizations/acme/vaultentries", token,
                    "{\"key\": \"k\", \"value\": \"" + SENTINEL + "\"}").statusCode()).isEqualTo(201);

            HttpResponse<String> info = http.get("/_offline-vault/info", token);
            HttpResponse<String> verify = http.send("POST", "/_offline-vault/verify", token, null);
            HttpResponse<String> backup = http.send("POST", "/_offline-vault/backup", token, "{\"name\": \"monday\"}");
            HttpResponse<String> again = http.send("POST", "/_offline-vault/backup", token, "{\"name\": \"monday\"}");
            HttpResponse<String> path = http.send("POST", "/_offline-vault/backup", token, "{\"name\": \"../out\"}");
            HttpResponse<String> rotate = http.send("POST", "/_offline-vault/rotate", token, null);

            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("\"mode\":\"PERSISTENT\"", "\"organizations\":[{\"id\":\"acme\","
                    + "\"entries\":1,\"snapshots\":0}]");
            assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
            assertThat(verify.body()).contains("\"currentIntact\":true");
            assertThat(backup.statusCode()).as(backup.body()).isEqualTo(200);
            assertThat(backup.body()).contains("\"name\":\"monday\"").doesNotContain(root.toString());
            assertThat(again.statusCode()).as("an existing backup is never overwritten").isNotEqualTo(200);
            assertThat(path.statusCode()).isEqualTo(400);
            assertThat(rotate.statusCode()).isEqualTo(200);
            assertThat(rotate.body()).isEqualTo("{\"keyTerm\":2}");
            assertThat(serve.stop()).isZero();
            assertThat(serve.out() + serve.err()).doesNotContain(SENTINEL);
        }
        // the hot backup opens as a vault of its own, with the entry, and never holds the key file
        StoreLocation backup = StoreLocation.of(backups.resolve("monday"), root.resolve("keys/vault.key"));
        assertThat(StoreMaintenance.verify(backup, VaultKeys.keyFileOnly()).currentIntact()).isTrue();
        try (var files = Files.walk(backups)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("vault.key");
        }
    }

    @Test
    void server_json_names_the_running_server_owner_only_replaces_a_stale_one_and_goes_on_a_clean_stop()
            throws Exception {
        Path serverJson = root.resolve("data/server.json");
        try (ServeRun first = ServeRun.start(root, "--port", "0")) {
            assertThat(first.stop()).isZero();
        }
        Files.writeString(serverJson, "{\"pid\": 1, \"startedAt\": \"2020-01-01T00:00:00Z\", \"url\": \"http://x\"}");
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            String json = Files.readString(serverJson, UTF_8);
            assertThat(json).contains("\"pid\":" + ProcessHandle.current().pid(),
                    "\"url\":\"http://127.0.0.1:" + serve.port() + "\"", "\"startedAt\":\"");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverJson))).isEqualTo("rw-------");
            assertThat(serve.stop()).isZero();
        }
        assertThat(serverJson).doesNotExist();
    }

    @Test
    void without_backup_dir_there_is_no_backup_route_and_ephemeral_has_none_that_needs_files() throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            Http http = new Http(serve.port());
            assertThat(http.send("POST", "/_offline-vault/backup", adminToken(), "{\"name\": \"b\"}").statusCode())
                    .isEqualTo(404);
            assertThat(http.send("POST", "/_offline-vault/verify", adminToken(), null).statusCode()).isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
        ServeRun refused = ServeRun.start(root.resolve("other"), "--ephemeral", "--port", "0", "--backup-dir",
                root.resolve("b").toString());
        assertThat(refused.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(refused.err()).contains("--ephemeral", "--backup-dir");
    }
}

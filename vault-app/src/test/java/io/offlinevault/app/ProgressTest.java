package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: long imports, checks and uploads say how far they got on standard error when it is the console, and
 * never in a pipe or CI; progress never holds a value.
 */
class ProgressTest {
    private static final String ADMIN = "ovt_progress-admin-token-0123456789abcdefghij";
    private static final String VALUE = "s3ntinel-Value-4711";

    @TempDir
    Path root;

    @Test
    void a_long_local_import_shows_progress_on_the_console_only() throws Exception {
        Path items = entries(root.resolve("items.json"), 2500, 0);

        OfflineRun console = new OfflineRun(root.resolve("console"), true);
        console.createVault();
        OfflineRun.Run shown = console.vault("entry", "import", "-f", items.toString(), "--org", "acme");
        OfflineRun pipe = new OfflineRun(root.resolve("pipe"), false);
        pipe.createVault();
        OfflineRun.Run quiet = pipe.vault("entry", "import", "-f", items.toString(), "--org", "acme");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.err().lines()).containsExactly("checked 1000 of 2500 entries", "checked 2000 of 2500 entries",
                "writing 2500 entries in one commit");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEqualTo(shown.out());
        assertThat(console.output() + pipe.output()).doesNotContain(VALUE);
    }

    @Test
    void a_snapshot_check_shows_progress_on_the_console_only() throws Exception {
        Path snapshot = Files.writeString(root.resolve("snapshot.json"), "{\"resources\": {\"SOURCE\": [{"
                + "\"resourceName\": \"web\", \"model\": {\"secret\": \"{{ VAULT.web-secret }}\"}}]}}");

        OfflineRun console = new OfflineRun(root.resolve("console"), true);
        console.createVault();
        OfflineRun.Run shown = console.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        OfflineRun pipe = new OfflineRun(root.resolve("pipe"), false);
        pipe.createVault();
        OfflineRun.Run quiet = pipe.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");

        assertThat(shown.exitCode()).isEqualTo(3);
        assertThat(shown.err().lines()).containsExactly("reading " + snapshot,
                "checking 1 referenced key (1 reference) in acme");
        assertThat(quiet.exitCode()).isEqualTo(3);
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEqualTo(shown.out());
    }

    @Test
    void uploads_to_a_server_show_progress_on_the_console_only() throws Exception {
        // an import body over 1 MiB, and a snapshot whose ZIP stays over 1 MiB (random text does not compress)
        Path items = entries(root.resolve("items.json"), 20000, 0);
        byte[] noise = new byte[1536 * 1024];
        new SecureRandom().nextBytes(noise);
        Path snapshot = Files.writeString(root.resolve("snapshot.json"), "{\"resources\": {\"SOURCE\": [{"
                + "\"resourceName\": \"web\", \"model\": {\"noise\": \"" + Base64.getEncoder().encodeToString(noise)
                + "\"}}]}}");

        try (ServeRun serve = ServeRun.start(root.resolve("home"), false, Map.of("OFFLINE_VAULT_ADMIN_TOKEN", ADMIN),
                "--ephemeral", "--port", "0")) {
            String url = "http://127.0.0.1:" + serve.port();
            Map<String, String> server = Map.of("OFFLINE_VAULT_ADDR", url, "OFFLINE_VAULT_TOKEN", ADMIN);
            OfflineRun console = new OfflineRun(root.resolve("console"), true);
            console.environment(server);
            OfflineRun pipe = new OfflineRun(root.resolve("pipe"), false);
            pipe.environment(server);

            OfflineRun.Run imported = console.run("entry", "import", "-f", items.toString(), "--org", "acme");
            OfflineRun.Run registered = console.run("snapshot", "register", "-f", snapshot.toString(), "--org",
                    "acme");
            OfflineRun.Run quietImport = pipe.run("entry", "import", "-f", items.toString(), "--org", "other");
            OfflineRun.Run quietRegister = pipe.run("snapshot", "register", "-f", snapshot.toString(), "--org",
                    "acme");

            for (OfflineRun.Run shown : new OfflineRun.Run[] {imported, registered}) {
                assertThat(shown.exitCode()).as(shown.err()).isZero();
                assertThat(shown.err()).containsPattern("uploading \\d+\\.\\d MiB to " + url + "\n")
                        .contains("uploaded 25% (", "uploaded 50% (", "uploaded 75% (")
                        .containsPattern("uploaded 100% \\((\\d+\\.\\d MiB) of \\1\\); waiting for the server\n");
            }
            assertThat(registered.err()).startsWith("reading " + snapshot + "\n");
            // the server checks and commits after the upload: nothing says it is writing before that
            assertThat(imported.err()).startsWith("uploading ").doesNotContain("writing");
            for (OfflineRun.Run quiet : new OfflineRun.Run[] {quietImport, quietRegister}) {
                assertThat(quiet.exitCode()).as(quiet.err()).isZero();
                assertThat(quiet.err()).isEmpty();
            }
            assertThat(console.output() + pipe.output()).doesNotContain(VALUE, ADMIN);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void the_real_terminal_shows_no_progress_when_standard_error_is_not_one() {
        // the test JVM's standard streams are pipes, as in CI
        assertThat(Terminal.system().errorIsConsole()).isFalse();
        assertThat(Terminal.none().errorIsConsole()).isFalse();
    }

    private static Path entries(Path file, int count, int from) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = from; i < from + count; i++) {
            json.append(i == from ? "" : ",").append("{\"key\": \"k").append(i).append("\", \"value\": \"").append(VALUE)
                    .append(i).append("\", \"vaultVisibilityType\": \"STRICT\"}");
        }
        return Files.writeString(file, json.append(']').toString());
    }
}

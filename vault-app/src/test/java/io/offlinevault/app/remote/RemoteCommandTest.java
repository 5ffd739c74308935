package io.offlinevault.app.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.ServerProcess;
import io.offlinevault.http.codec.WireJson;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the command line against a running server. The same commands run on a local vault, through the server
 * that holds the data dir (its server.json) and through a server named by {@code --server}, and print the same
 * thing with the same exit codes.
 */
class RemoteCommandTest {
    private static final String SECRET = "s3cr3t-never-printed";
    private static final String MISMATCHED = "wrong-key";
    private static final String EXPECTED_KEY = "helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value";

    @TempDir
    Path root;

    private Path files;

    @BeforeEach
    void writeInputs() throws Exception {
        files = Files.createDirectories(root.resolve("files"));
        Files.writeString(files.resolve("url.txt"), "https://example.com/api\n");
        Files.writeString(files.resolve("secret.txt"), SECRET);
        Files.writeString(files.resolve("import.json"), "[{\"key\": \"batch-one\", \"value\": \"1\", \"valueType\":"
                + " \"INTEGER\", \"vaultVisibilityType\": \"PUBLIC\"}, {\"key\": \"batch-two\", \"value\": \"x\"}]");
        Files.writeString(files.resolve("invalid.json"), "{\"key\": \"bad key!\", \"value\": \"\"}");
        Files.writeString(files.resolve("snapshot.json"), "{\"resources\": {\"SOURCE\": [{\"resourceName\":"
                + " \"helpcenter_Qm7xK2\", \"model\": {\"configuration\": {\"parameters\": {\"ClientSecret\": {\"value\":"
                + " \"{{ VAULT." + EXPECTED_KEY + " }}\"}, \"ApiKey\": {\"value\":"
                + " \"{{ VAULT.helpcenter_Qm7xK2-configuration.parameters.ApiKey.value }}\"}}}}}]}}");
    }

    /** One command line of the shared scenario, without any data dir or server option. */
    private List<String[]> scenario() {
        String file = files.toString();
        return List.of(
                args("entry", "create", "--org", "acme", "--key", "api-url", "--value-file", file + "/url.txt",
                        "--visibility", "PUBLIC"),
                args("entry", "create", "--org", "acme", "--key", MISMATCHED, "--value-file", file + "/secret.txt",
                        "--reference", "SOURCE:helpcenter_Qm7xK2:configuration.parameters.ClientSecret.value"),
                args("entry", "create", "--org", "acme", "-f", file + "/invalid.json"),
                args("entry", "create", "--org", "acme", "--key", "api-url", "--value-file", file + "/url.txt"),
                args("entry", "list", "--org", "acme"),
                args("entry", "get", "--org", "acme", "--key", "api-url"),
                args("entry", "get", "--org", "acme", "--key", MISMATCHED),
                args("snapshot", "check", "-f", file + "/snapshot.json", "--org", "acme"),
                args("entry", "import", "-f", file + "/import.json", "--org", "acme"),
                args("entry", "import", "-f", file + "/import.json", "--org", "acme"),
                args("entry", "rename", "--org", "acme", "--key", MISMATCHED, "--to", EXPECTED_KEY),
                args("entry", "list", "--org", "acme", "--json"),
                args("snapshot", "check", "-f", file + "/snapshot.json", "--org", "acme"),
                args("entry", "delete", "--org", "acme", "--key", "api-url"),
                args("entry", "get", "--org", "acme", "--key", "api-url"),
                args("token", "revoke", "--name", "nobody"));
    }

    @Test
    @Tag("slow")
    void the_same_commands_print_the_same_locally_through_server_json_and_with_server() throws Exception {
        OfflineRun local = new OfflineRun(root.resolve("local"), false);
        local.createVault();
        List<OfflineRun.Run> locally = new ArrayList<>();
        for (String[] command : scenario()) {
            locally.add(local.vault(command));
        }

        OfflineRun held = new OfflineRun(root.resolve("held"), false);
        held.createVault();
        List<OfflineRun.Run> throughServerFile = new ArrayList<>();
        try (ServeRun serve = ServeRun.start(held.root(), "--port", "0")) {
            for (String[] command : scenario()) {
                throughServerFile.add(held.vault(command));
            }
            assertThat(serve.stop()).isZero();
        }

        OfflineRun named = new OfflineRun(root.resolve("named"), false);
        named.createVault();
        Path adminToken = named.dataDir().resolve("admin.token");
        List<OfflineRun.Run> throughNamedServer = new ArrayList<>();
        try (ServeRun serve = ServeRun.start(named.root(), "--port", "0")) {
            OfflineRun client = new OfflineRun(root.resolve("client"), false);
            for (String[] command : scenario()) {
                throughNamedServer.add(client.run(with(command, "--server", "http://127.0.0.1:" + serve.port(),
                        "--token-file", adminToken.toString())));
            }
            assertThat(serve.stop()).isZero();
        }

        assertThat(locally.get(0).exitCode()).as(locally.get(0).err()).isZero();
        assertThat(locally.get(1).err()).as("the look-alike key warns").contains("key.reference_mismatch");
        assertThat(locally.get(2).exitCode()).as("an invalid entry").isEqualTo(2);
        assertThat(locally.get(3).exitCode()).as("an existing key").isEqualTo(1);
        assertThat(locally.get(6).exitCode()).isZero();
        assertThat(locally.get(7).exitCode()).as("one key missing").isEqualTo(3);
        assertThat(locally.get(9).exitCode()).as("importing twice: %s", locally.get(9)).isEqualTo(1);
        assertThat(locally.get(14).exitCode()).as("a deleted entry").isEqualTo(1);
        assertThat(locally.get(15).exitCode()).as("an unknown token").isEqualTo(1);
        for (int i = 0; i < locally.size(); i++) {
            String command = String.join(" ", scenario().get(i));
            assertThat(throughServerFile.get(i)).as("through server.json: %s", command).isEqualTo(locally.get(i));
            assertThat(throughNamedServer.get(i)).as("with --server: %s", command).isEqualTo(locally.get(i));
        }
        assertThat(local.output() + held.output()).doesNotContain(SECRET);
    }

    @Test
    void a_token_created_through_an_ephemeral_server_works_over_http() throws Exception {
        String admin = "ovt_test-admin-token-0123456789abcdefghijklmnop";
        try (ServeRun serve = ServeRun.start(root.resolve("home"), false,
                Map.of("OFFLINE_VAULT_ADMIN_TOKEN", admin), "--ephemeral", "--port", "0")) {
            OfflineRun client = new OfflineRun(root.resolve("client"), false);
            client.environment(Map.of("OFFLINE_VAULT_ADDR", "http://localhost:" + serve.port(),
                    "OFFLINE_VAULT_TOKEN", admin));
            OfflineRun.Run created = client.run("token", "create", "--name", "ci", "--org", "acme", "--privilege",
                    "VAULT_ENTRY:VIEW");
            assertThat(created.exitCode()).as(created.err()).isZero();
            String token = created.out().strip();
            assertThat(token).startsWith("ovt_");
            assertThat(created.err()).doesNotContain(token).contains("created token 'ci'");

            HttpResponse<String> listed = new Http(serve.port()).get("/rest/organizations/acme/vaultentries", token);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            HttpResponse<String> refused = new Http(serve.port()).get("/rest/organizations/other/vaultentries", token);
            assertThat(refused.statusCode()).isEqualTo(403);

            OfflineRun.Run tokens = client.run("token", "list");
            assertThat(tokens.exitCode()).as(tokens.err()).isZero();
            assertThat(tokens.out()).contains("ci", "admin").doesNotContain(token, admin);
            assertThat(client.run("token", "revoke", "--name", "ci").exitCode()).isZero();
            assertThat(new Http(serve.port()).get("/rest/organizations/acme/vaultentries", token).statusCode())
                    .isEqualTo(401);

            OfflineRun.Run verify = client.run("verify");
            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.err()).contains("in memory (serve --ephemeral)");
            assertThat(client.output()).doesNotContain(admin);
        }
    }

    @Test
    void backup_verify_and_rotate_run_through_the_server_that_holds_the_data_dir() throws Exception {
        OfflineRun held = new OfflineRun(root.resolve("held"), false);
        held.createVault();
        Path backups = Files.createDirectories(root.resolve("backups"));
        try (ServeRun serve = ServeRun.start(held.root(), "--port", "0", "--backup-dir", backups.toString())) {
            OfflineRun.Run backup = held.vault("backup", "--to", "nightly");
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            assertThat(backup.out()).startsWith("backed up generation ").contains(" to nightly: 1 checkpoint, ");
            assertThat(backup.err()).contains("the key file is not inside the backup");
            assertThat(backups.resolve("nightly")).isDirectory();

            OfflineRun.Run verify = held.vault("verify");
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("the vault is intact");

            OfflineRun.Run rotate = held.vault("rotate");
            assertThat(rotate.exitCode()).as(rotate.err()).isZero();
            assertThat(rotate.out()).startsWith("rotated: new data is sealed under key term 2");
            assertThat(serve.stop()).isZero();
        }
        OfflineRun copy = new OfflineRun(root.resolve("copy"), false);
        OfflineRun.Run verifyBackup = copy.run("verify", "--data-dir", backups.resolve("nightly").toString(),
                "--key-file", held.keyFile().toString());
        assertThat(verifyBackup.exitCode()).as(verifyBackup.out() + verifyBackup.err()).isZero();
    }

    @Test
    void reveal_and_ipe_params_never_run_through_a_server() throws Exception {
        OfflineRun held = new OfflineRun(root.resolve("held"), false);
        held.createVault();
        try (ServeRun serve = ServeRun.start(held.root(), "--port", "0")) {
            OfflineRun.Run reveal = held.vault("entry", "reveal", "--org", "acme", "--key", "api-url");
            assertThat(reveal.exitCode()).isEqualTo(4);
            assertThat(reveal.err()).contains("entry reveal reads the data directory itself and never runs through a"
                    + " server");
            OfflineRun.Run params = held.vault("ipe-params", "--org", "acme", "--extension", "my-extension");
            assertThat(params.exitCode()).isEqualTo(4);
            assertThat(params.err()).contains("ipe-params reads the data directory itself");
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void a_server_json_not_trusted_is_ignored() throws Exception {
        OfflineRun held = new OfflineRun(root.resolve("held"), false);
        held.createVault();
        try (ServeRun serve = ServeRun.start(held.root(), "--port", "0")) {
            Path serverFile = held.dataDir().resolve("server.json");
            @SuppressWarnings("unchecked")
            Map<String, Object> trusted = (Map<String, Object>) WireJson.read(Files.readAllBytes(serverFile), 4096,
                    "server.json");
            assertThat(held.vault("entry", "list", "--org", "acme").exitCode()).isZero();

            for (Map<String, Object> untrusted : List.of(
                    changed(trusted, "url", "http://10.1.2.3:" + serve.port()),
                    changed(trusted, "url", "https://127.0.0.1:" + serve.port()),
                    changed(trusted, "pid", ((Number) trusted.get("pid")).longValue() + 1))) {
                Files.write(serverFile, WireJson.write(untrusted));
                OfflineRun.Run list = held.vault("entry", "list", "--org", "acme");
                assertThat(list.exitCode()).as("%s: %s", untrusted, list.err()).isEqualTo(4);
                assertThat(list.err()).contains("server.json is missing or not trusted", "--server URL");
            }
            Files.delete(serverFile);
            assertThat(held.vault("entry", "list", "--org", "acme").exitCode()).isEqualTo(4);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    @Tag("slow")
    void a_stale_server_json_after_kill_9_lets_the_command_run_locally() throws Exception {
        OfflineRun vault = new OfflineRun(root, false);
        try (ServerProcess server = ServerProcess.start(root, Optional.empty())) {
            server.awaitPort();
            // the port file comes first, server.json right after it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(vault.dataDir().resolve("server.json")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(vault.dataDir().resolve("server.json")).exists();
            OfflineRun.Run through = vault.vault("entry", "list", "--org", "acme");
            assertThat(through.exitCode()).as("through the live server: %s", through.err()).isZero();
            server.kill();
        }
        assertThat(vault.dataDir().resolve("server.json")).as("left by the killed server").exists();
        OfflineRun.Run list = vault.vault("entry", "list", "--org", "acme");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo("no entries in acme\n");
    }

    @Test
    void a_server_is_named_safely() throws Exception {
        OfflineRun client = new OfflineRun(root, false);
        client.createVault();
        Path token = Files.writeString(root.resolve("token"), "ovt_not-a-real-token-0123456789abcdefghijklmno\n");

        OfflineRun.Run clear = client.run("entry", "list", "--org", "acme", "--server", "http://vault.example:8787",
                "--token-file", token.toString());
        assertThat(clear.exitCode()).isEqualTo(2);
        assertThat(clear.err()).contains("plain http:// to another machine", "--insecure-http");

        OfflineRun.Run argument = client.run("entry", "list", "--org", "acme", "--server", "http://127.0.0.1:9",
                "--token", "ovt_in-the-process-list");
        assertThat(argument.exitCode()).isEqualTo(2);
        assertThat(argument.err()).contains("--token is refused").doesNotContain("ovt_in-the-process-list");

        OfflineRun.Run noToken = client.vault("entry", "list", "--org", "acme", "--server", "http://127.0.0.1:9");
        assertThat(noToken.exitCode()).as("the data dir's admin.token is never sent to a named server").isEqualTo(2);
        assertThat(noToken.err()).contains("--token-file FILE or the environment variable OFFLINE_VAULT_TOKEN");

        OfflineRun.Run notAUrl = client.run("entry", "list", "--org", "acme", "--server", "ftp://127.0.0.1",
                "--token-file", token.toString());
        assertThat(notAUrl.exitCode()).isEqualTo(2);

        OfflineRun.Run down = client.run("entry", "list", "--org", "acme", "--server", "http://127.0.0.1:9",
                "--token-file", token.toString());
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("the server at http://127.0.0.1:9 does not answer");
        assertThat(client.output()).doesNotContain("ovt_not-a-real-token");
    }

    private static String[] args(String... args) {
        return args;
    }

    private static String[] with(String[] command, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Map<String, Object> changed(Map<String, Object> json, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(json);
        copy.put(name, value);
        return copy;
    }
}

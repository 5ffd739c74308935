package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.AppLog;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --ephemeral}, a known admin token and {@code --port-file}: the test-organization mode. */
class EphemeralServeTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String ENTRY = "{\"key\": \"db.password\", \"value\": \"gone-after-a-restart\","
            + " \"vaultVisibilityType\": \"PUBLIC\"}";
    private static final String KNOWN_TOKEN = "ci-known-admin-token-0123456789abcdefXYZ";
    private static final String VARIABLE = "OFFLINE_VAULT_ADMIN_TOKEN";

    @TempDir
    Path root;

    @RegisterExtension
    final AppLog appLog = new AppLog();

    private String log() {
        return appLog.text();
    }

    private Path home() throws IOException {
        return Files.createDirectories(root.resolve("home"));
    }

    private static String listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(file -> {
                try {
                    return directory.relativize(file) + (Files.isRegularFile(file) ? " " + Files.size(file) : "/");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().collect(Collectors.joining("\n"));
        }
    }

    private void assertNeverPrinted(ServeRun serve, String token) {
        assertThat(serve.out()).doesNotContain(token);
        assertThat(serve.err()).doesNotContain(token);
        assertThat(serve.console()).doesNotContain(token);
        assertThat(log()).doesNotContain(token);
    }

    @Test
    void an_ephemeral_start_writes_no_file_and_a_restart_forgets_everything() throws Exception {
        // given: a home and a working directory with one file each, and store variables that must be ignored
        Path home = home();
        Files.writeString(home.resolve(".profile"), "unchanged");
        Path work = Files.createDirectories(root.resolve("work"));
        Files.writeString(work.resolve("build.gradle"), "unchanged");
        Map<String, String> environment = Map.of(VARIABLE, KNOWN_TOKEN,
                "OFFLINE_VAULT_DATA", work.resolve("data").toString(),
                "OFFLINE_VAULT_KEY_FILE", work.resolve("vault.key").toString(),
                "OFFLINE_VAULT_ADMIN_TOKEN_FILE", work.resolve("admin.token").toString());
        String homeBefore = listing(home);
        String workBefore = listing(work);
        // when: a start, an entry created over HTTP, a stop
        try (ServeRun serve = ServeRun.start(home, false, environment, "--ephemeral", "--port", "0")) {
            HttpResponse<String> created = new Http(serve.port()).send("POST", ENTRIES, KNOWN_TOKEN, ENTRY);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(serve.out()).contains(
                    "ephemeral: nothing is written to disk; everything is lost when the server stops");
            assertThat(serve.stop()).isZero();
        }
        // then
        assertThat(listing(home)).isEqualTo(homeBefore);
        assertThat(listing(work)).isEqualTo(workBefore);
        // and a restart starts empty
        try (ServeRun again = ServeRun.start(home, false, environment, "--ephemeral", "--port", "0")) {
            HttpResponse<String> entry = new Http(again.port()).get(ENTRIES + "/db.password", KNOWN_TOKEN);
            assertThat(entry.statusCode()).isEqualTo(404);
            assertThat(again.stop()).isZero();
        }
        assertThat(listing(home)).isEqualTo(homeBefore);
        assertThat(listing(work)).isEqualTo(workBefore);
    }

    @Test
    void the_known_token_from_the_environment_works_and_is_never_printed() throws Exception {
        // given: a console too, where a generated token would be shown
        try (ServeRun serve = ServeRun.start(home(), true, Map.of(VARIABLE, KNOWN_TOKEN), "--ephemeral", "--port", "0")) {
            Http http = new Http(serve.port());
            // when
            HttpResponse<String> created = http.send("POST", ENTRIES, KNOWN_TOKEN, ENTRY);
            HttpResponse<String> refused = http.send("POST", ENTRIES, KNOWN_TOKEN.replace('X', 'Q'), ENTRY);
            // then
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(serve.stop()).isZero();
            assertThat(serve.out()).contains("admin token: the known one (" + VARIABLE + ")");
            assertThat(serve.console()).as("only how the command line reaches the server")
                    .startsWith("to run the command line against this server:").contains("OFFLINE_VAULT_ADDR=http://");
            assertThat(log()).contains("access POST ");
            assertNeverPrinted(serve, KNOWN_TOKEN);
        }
    }

    @Test
    void the_known_token_from_a_file_works_without_its_trailing_newline_and_is_never_printed() throws Exception {
        // given
        Path tokenFile = Files.writeString(root.resolve("ci-admin.token"), KNOWN_TOKEN + "\n", UTF_8);
        // when
        try (ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--admin-token-from", tokenFile.toString())) {
            HttpResponse<String> created = new Http(serve.port()).send("POST", ENTRIES, KNOWN_TOKEN, ENTRY);
            // then
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(serve.stop()).isZero();
            assertNeverPrinted(serve, KNOWN_TOKEN);
        }
    }

    @Test
    void the_file_wins_over_the_environment() throws Exception {
        Path tokenFile = Files.writeString(root.resolve("ci-admin.token"), KNOWN_TOKEN, UTF_8);
        String other = "another-known-admin-token-0123456789abcdef";

        try (ServeRun serve = ServeRun.start(home(), false, Map.of(VARIABLE, other), "--ephemeral", "--port", "0",
                "--admin-token-from", tokenFile.toString())) {
            Http http = new Http(serve.port());

            assertThat(http.send("POST", ENTRIES, KNOWN_TOKEN, ENTRY).statusCode()).isEqualTo(201);
            assertThat(http.get(ENTRIES, other).statusCode()).isEqualTo(401);
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void the_admin_token_argument_is_refused_with_exit_2_without_echoing_it() throws Exception {
        for (String[] args : List.of(new String[] {"--ephemeral", "--port", "0", "--admin-token", KNOWN_TOKEN},
                new String[] {"--ephemeral", "--port", "0", "--admin-token=" + KNOWN_TOKEN})) {
            ServeRun serve = ServeRun.start(home(), false, Map.of(), args);

            assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
            assertThat(serve.err()).contains("--admin-token is refused", "process list", VARIABLE,
                    "--admin-token-from FILE");
            assertThat(serve.out()).doesNotContain("listening on");
            assertNeverPrinted(serve, KNOWN_TOKEN);
        }
    }

    @Test
    void a_too_short_known_token_exits_2_without_echoing_it() throws Exception {
        String tooShort = "short-token-0123456789";
        Path tokenFile = Files.writeString(root.resolve("short.token"), tooShort + "\n", UTF_8);

        ServeRun fromEnvironment = ServeRun.start(home(), false, Map.of(VARIABLE, tooShort), "--ephemeral", "--port", "0");
        ServeRun fromFile = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--admin-token-from", tokenFile.toString());

        assertThat(fromEnvironment.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(fromEnvironment.err()).contains("the admin token from " + VARIABLE
                + " must be 32 to 512 printable ASCII characters without spaces");
        assertNeverPrinted(fromEnvironment, tooShort);
        assertThat(fromFile.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(fromFile.err()).contains("the admin token from --admin-token-from " + tokenFile + " must be 32");
        assertNeverPrinted(fromFile, tooShort);
    }

    @Test
    void a_token_with_a_space_or_a_missing_token_file_exits_2() throws Exception {
        String spaced = "a token with spaces 0123456789abcdefghij";

        ServeRun withSpace = ServeRun.start(home(), false, Map.of(VARIABLE, spaced), "--ephemeral", "--port", "0");
        ServeRun missing = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--admin-token-from", root.resolve("nowhere.token").toString());

        assertThat(withSpace.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertNeverPrinted(withSpace, spaced);
        assertThat(missing.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(missing.err()).contains("--admin-token-from " + root.resolve("nowhere.token") + " does not exist");
    }

    @Test
    void ephemeral_with_a_store_location_flag_exits_2_and_creates_nothing() throws Exception {
        Path data = root.resolve("data");

        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--data-dir", data.toString(), "--key-file", root.resolve("vault.key").toString());

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--ephemeral keeps the vault in memory and writes no file: --data-dir,"
                + " --key-file make no sense with it");
        assertThat(data).doesNotExist();
        assertThat(root.resolve("vault.key")).doesNotExist();
    }

    @Test
    void without_a_console_or_known_token_stdout_says_how_to_know_the_token() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0")) {
            assertThat(serve.stop()).isZero();

            assertThat(serve.out()).contains("admin token: generated and shown nowhere (no console); to know it, set "
                    + VARIABLE + " or use --admin-token-from FILE");
        }
    }

    @Test
    void with_a_console_a_generated_token_is_shown_there_and_works() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), true, Map.of(), "--ephemeral", "--port", "0")) {
            String shown = "admin token (shown once, on this console only): ";
            assertThat(serve.console()).startsWith(shown);
            String token = serve.console().substring(shown.length()).lines().findFirst().orElseThrow().strip();

            assertThat(new Http(serve.port()).send("POST", ENTRIES, token, ENTRY).statusCode()).isEqualTo(201);
            assertThat(serve.stop()).isZero();
            assertThat(serve.out()).contains("admin token: generated and shown on the console only");
            assertThat(serve.out()).doesNotContain(token);
            assertThat(serve.err()).doesNotContain(token);
        }
    }

    @Test
    void a_known_token_becomes_the_admin_token_of_a_new_persistent_vault() throws Exception {
        // given / when
        try (ServeRun serve = ServeRun.start(root, "--port", "0", "--admin-token-from",
                Files.writeString(root.resolve("ci.token"), KNOWN_TOKEN, UTF_8).toString())) {
            HttpResponse<String> created = new Http(serve.port()).send("POST", ENTRIES, KNOWN_TOKEN, ENTRY);
            // then
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(serve.stop()).isZero();
            assertNeverPrinted(serve, KNOWN_TOKEN);
        }
    }

    @Test
    void a_known_token_for_an_existing_vault_exits_2_and_the_vault_keeps_its_token() throws Exception {
        // given: an existing vault
        try (ServeRun first = ServeRun.start(root, "--port", "0")) {
            assertThat(first.stop()).isZero();
        }
        String own = Files.readString(root.resolve("data/admin.token"), UTF_8).strip();
        // when
        ServeRun refused = ServeRun.start(root.resolve("home"), false, Map.of(VARIABLE, KNOWN_TOKEN),
                "--data-dir", root.resolve("data").toString(), "--key-file", root.resolve("keys/vault.key").toString(),
                "--port", "0");
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(refused.err()).contains("the vault in " + root.resolve("data") + " already has its admin token");
        assertNeverPrinted(refused, KNOWN_TOKEN);
        try (ServeRun again = ServeRun.start(root, "--port", "0")) {
            assertThat(new Http(again.port()).get(ENTRIES, own).statusCode()).isEqualTo(200);
            assertThat(again.stop()).isZero();
        }
    }

    @Test
    void the_port_file_appears_only_once_the_server_answers_and_holds_exactly_the_port() throws Exception {
        // given: a watcher that, the moment the file appears, reads it and asks the server
        Path portDir = Files.createDirectories(root.resolve("run"));
        Path portFile = portDir.resolve("vault.port");
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!done.get() && System.nanoTime() - deadline < 0) {
                if (Files.exists(portFile)) {
                    try {
                        String content = Files.readString(portFile, UTF_8);
                        int status = new Http(Integer.parseInt(content.strip())).get("/health", null).statusCode();
                        return content + "|" + status;
                    } catch (Exception e) {
                        return "failed: " + e;
                    }
                }
                // 1 ms, not the 10 ms of other polls: the watcher asks the server the moment the file appears, to
                // catch a file written before the server answers; parking, not spinning, leaves the core to it
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            return "never appeared within 60 s";
        });
        // when
        try (ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--port-file", portFile.toString())) {
            String observed = seen.get(60, TimeUnit.SECONDS);
            done.set(true);
            // then
            int port = serve.port();
            assertThat(observed).isEqualTo(port + "\n|200");
            assertThat(Files.readString(portFile, UTF_8)).isEqualTo(port + "\n");
            assertThat(new Http(port).get("/health", null).statusCode()).isEqualTo(200);
            assertThat(serve.out()).contains("listening on http://127.0.0.1:" + port);
            assertThat(listing(portDir)).isEqualTo("/\nvault.port " + (Integer.toString(port).length() + 1));
            assertThat(serve.stop()).isZero();
        } finally {
            done.set(true);
        }
    }

    @Test
    void a_port_file_that_cannot_be_written_exits_1_and_stops_the_server() throws Exception {
        Path portFile = root.resolve("missing-dir/vault.port");

        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--port-file", portFile.toString());

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(serve.err()).contains("cannot write --port-file " + portFile);
        assertThat(portFile).doesNotExist();
    }

    @Test
    void help_lists_the_new_options_and_an_example_but_not_the_refused_one() {
        StringWriter out = new StringWriter();
        Surroundings surroundings = new Surroundings(Map.of(), root, Terminal.none(), stop -> { });

        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "serve", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--ephemeral", "--admin-token-from=FILE", "Env (the token itself): "
                + VARIABLE, "--port-file=FILE", "--admin-token VALUE is refused",
                "offline-vault serve --ephemeral --port 0 --port-file ./vault.port");
        assertThat(out.toString()).doesNotContain("--admin-token=");
    }
}

package io.offlinevault.app.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault init} in-process, through picocli, under a temp dir. */
class InitCommandTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path root;

    private final StringWriter console = new StringWriter();

    private Path dataDir() {
        return root.resolve("data");
    }

    private Path keyFile() {
        return root.resolve("keys/vault.key");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Surroundings surroundings = new Surroundings(Map.of(), root.resolve("home"),
                () -> Optional.of(new PrintWriter(console, true)), stop -> { });
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run init() {
        return run("init", "--data-dir", dataDir().toString(), "--key-file", keyFile().toString());
    }

    @Test
    void init_creates_the_vault_and_prints_the_key_file_the_admin_token_file_and_the_warning() throws Exception {
        // when
        Run init = init();
        // then
        assertThat(init.exitCode()).as("stderr: %s", init.err()).isZero();
        assertThat(init.out()).isEqualTo("created a new vault in " + dataDir() + " (key file " + keyFile()
                + "; keep it safe: losing every key loses every secret)" + NL
                + "admin token written to " + dataDir().resolve("admin.token") + NL);
        assertThat(dataDir().resolve("checkpoint")).exists();
        assertThat(keyFile()).exists();
        String adminToken = Files.readString(dataDir().resolve("admin.token"), UTF_8).strip();
        assertThat(init.out() + init.err() + console).doesNotContain(adminToken);
    }

    @Test
    void init_on_an_existing_vault_says_so_and_changes_nothing() throws Exception {
        // given
        init();
        byte[] checkpoint = Files.readAllBytes(dataDir().resolve("checkpoint"));
        byte[] key = Files.readAllBytes(keyFile());
        byte[] adminToken = Files.readAllBytes(dataDir().resolve("admin.token"));
        // when
        Run again = init();
        // then
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("a vault already exists in " + dataDir() + " (key file " + keyFile()
                + "); nothing changed" + NL);
        assertThat(Files.readAllBytes(dataDir().resolve("checkpoint"))).isEqualTo(checkpoint);
        assertThat(Files.readAllBytes(keyFile())).isEqualTo(key);
        assertThat(Files.readAllBytes(dataDir().resolve("admin.token"))).isEqualTo(adminToken);
    }

    @Test
    void init_over_an_existing_key_file_reuses_it_and_says_so() throws Exception {
        // given: a key file from another vault
        run("init", "--data-dir", root.resolve("first").toString(), "--key-file", keyFile().toString());
        byte[] key = Files.readAllBytes(keyFile());
        // when
        Run init = init();
        // then
        assertThat(init.exitCode()).isZero();
        assertThat(init.out()).contains("(existing key file " + keyFile());
        assertThat(Files.readAllBytes(keyFile())).isEqualTo(key);
    }

    @Test
    void init_over_a_non_empty_directory_that_is_no_vault_fails_and_writes_nothing() throws Exception {
        Files.createDirectories(dataDir());
        Files.writeString(dataDir().resolve("notes.txt"), "mine", UTF_8);

        Run init = init();

        assertThat(init.exitCode()).as("out: %s", init.out()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(init.err()).isNotBlank();
        assertThat(keyFile()).doesNotExist();
        assertThat(dataDir().resolve("checkpoint")).doesNotExist();
        assertThat(dataDir().resolve("admin.token")).doesNotExist();
        assertThat(Files.readString(dataDir().resolve("notes.txt"), UTF_8)).isEqualTo("mine");
    }

    @Test
    void a_data_dir_holding_only_admin_token_is_a_missing_store_for_init_and_entry_list_never_a_new_vault()
            throws Exception {
        // given: a vault whose checkpoint and journal were removed (before: init made a new, empty vault)
        assertThat(init().exitCode()).isZero();
        try (var files = Files.list(dataDir())) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("admin.token")) {
                    Files.delete(file);
                }
            }
        }
        Run missing = run("entry", "list", "--org", "acme", "--data-dir", root.resolve("nowhere").toString(),
                "--key-file", keyFile().toString());
        // when
        Run init = init();
        Run list = run("entry", "list", "--org", "acme", "--data-dir", dataDir().toString(), "--key-file",
                keyFile().toString());
        // then
        assertThat(init.exitCode()).isEqualTo(list.exitCode()).isEqualTo(missing.exitCode())
                .isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(init.err()).contains("STORE_MISSING").contains("holds admin.token but no checkpoint, and no"
                + " creating marker of an interrupted creation");
        assertThat(list.err()).contains("holds admin.token but no checkpoint");
        assertThat(dataDir().resolve("checkpoint")).doesNotExist();
    }

    @Test
    void init_while_a_server_serves_the_data_dir_exits_4_naming_the_pid() throws Exception {
        init();
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            serve.port();

            Run init = init();

            assertThat(init.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code());
            assertThat(init.err()).contains("pid " + ProcessHandle.current().pid(), "nothing to initialize");
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void init_help_warns_about_the_keys_and_has_examples_and_exit_codes() {
        Run help = run("init", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: offline-vault init", "--data-dir=DIR", "--key-file=FILE",
                "--admin-token-file=FILE", "Examples:", "offline-vault init", "Exit codes:");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Losing every key (key file and passphrase) loses"
                + " every secret");
    }
}

package io.offlinevault.app.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun.Run;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The help of {@code offline-vault entry ...} and the exit codes it promises for a locked or a missing vault. */
class EntryCommandHelpTest {
    private final EntryCommandRun vault;

    EntryCommandHelpTest(@TempDir Path root) {
        vault = EntryCommandRun.initialized(root);
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "update", "delete", "reveal", "import"})
    void every_entry_command_has_help_with_examples_and_exit_codes(String command) {
        Run help = vault.run("entry", command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: offline-vault entry " + command, "--data-dir=DIR", "Examples:",
                "offline-vault entry " + command, "Exit codes:", ExitStatus.STORE_LOCKED.meaning());
    }

    @Test
    void reveal_help_says_it_is_a_guard_not_a_security_boundary_and_create_help_says_no_value_argument() {
        assertThat(vault.run("entry", "reveal", "--help").out().replaceAll("\\s+", " ")).contains(
                "A STRICT entry is refused (exit 1). This is a guard against mistakes, not a security boundary");
        assertThat(vault.run("entry", "create", "--help").out().replaceAll("\\s+", " ")).contains("--value-file=FILE",
                "--value-stdin",
                "never a command-line argument", "-f, --file=FILE", "--reference=TYPE:NAME:JSONPATH", "--scope=TYPE:ID");
    }

    @Test
    void entry_without_a_subcommand_exits_2_and_the_top_level_help_lists_entry_and_init() {
        Run bare = vault.run("entry");
        Run top = vault.run("--help");

        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("Missing an entry command")
                .contains("Missing an entry command: create, get, list, update, rename, delete, reveal or import.");
        assertThat(top.out()).containsPattern("(?m)^\\s+entry\\s+Creates, reads, lists")
                .containsPattern("(?m)^\\s+init\\s+Creates a new vault");
    }

    @Test
    void a_data_dir_locked_by_a_server_it_cannot_reach_exits_4_naming_the_pid_and_the_way_through() throws Exception {
        // given: a running server whose server.json is gone, so the command line cannot trust where it listens
        vault.create("k", "v");
        Path items = vault.file("items.json", "[{\"key\": \"a\", \"value\": \"v\"}]");
        try (ServeRun serve = ServeRun.start(vault.root(), "--port", "0")) {
            serve.port();
            Files.delete(vault.root().resolve("data/server.json"));
            // when
            List<Run> runs = List.of(
                    vault.entry("create", "--org", "acme", "--key", "k2", "--value-file",
                            vault.file("v2", "v").toString()),
                    vault.entry("get", "--org", "acme", "--key", "k"),
                    vault.entry("list", "--org", "acme"),
                    vault.entry("update", "--org", "acme", "--key", "k", "--type", "STRING"),
                    vault.entry("delete", "--org", "acme", "--key", "k"),
                    vault.entry("reveal", "--org", "acme", "--key", "k"),
                    vault.entry("import", "-f", items.toString(), "--org", "acme"));
            // then
            for (Run run : runs) {
                assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code()).isEqualTo(4);
                assertThat(run.err()).contains("pid " + ProcessHandle.current().pid()).containsAnyOf(
                        "run this command through that server with --server URL and --token-file FILE",
                        "entry reveal reads the data directory itself and never runs through a server");
                assertThat(run.out()).isEmpty();
            }
            assertThat(serve.stop()).isZero();
        }
        assertThat(vault.stored()).extracting(entry -> entry.key().value()).containsExactly("k");
    }

    @Test
    void a_missing_vault_exits_5_and_creates_nothing() {
        Path elsewhere = vault.root().resolve("elsewhere");

        Run run = vault.run("entry", "list", "--org", "acme", "--data-dir", elsewhere.toString(), "--key-file",
                vault.keyFile().toString());

        assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(elsewhere).doesNotExist();
    }
}

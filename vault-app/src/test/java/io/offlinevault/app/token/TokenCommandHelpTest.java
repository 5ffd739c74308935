package io.offlinevault.app.token;

import static io.offlinevault.app.token.TokenCommandRun.ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun.Run;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The help of {@code offline-vault token ...}, its bad input and the exit codes it promises for a locked, sealed or
 * missing vault.
 */
class TokenCommandHelpTest {
    private final TokenCommandRun vault;

    TokenCommandHelpTest(@TempDir Path root) {
        vault = new TokenCommandRun(root);
    }

    static Stream<Arguments> bad_input() {
        return Stream.of(
                Arguments.of(List.of("--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:READ"),
                        "--privilege 'VAULT_ENTRY:READ' is not a privilege: use DOMAIN:LEVEL, one of VAULT_ENTRY:VIEW,"),
                Arguments.of(List.of("--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY"),
                        "--privilege 'VAULT_ENTRY' is not a privilege"),
                Arguments.of(List.of("--name", "viewer", "--org", "acme"),
                        "Give at least one --privilege, such as --privilege VAULT_ENTRY:VIEW"),
                Arguments.of(List.of("--name", "viewer", "--org", "not an org", "--privilege", "VAULT_ENTRY:VIEW"),
                        "--org 'not an org' is not an organization id. An organization id is 1 to 128 letters"),
                Arguments.of(List.of("--name", "viewer", "--privilege", "VAULT_ENTRY:VIEW"),
                        "Say which organizations the token reaches: --org ORG (repeatable) or --all-orgs."),
                Arguments.of(List.of("--name", "viewer", "--org", "acme", "--all-orgs", "--privilege", "VAULT_ENTRY:VIEW"),
                        "--org and --all-orgs exclude each other"),
                Arguments.of(List.of("--name", "-starts-with-a-dash", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                        "--name '-starts-with-a-dash' is not a token name. A token name is 1 to 64 letters"),
                Arguments.of(List.of("--name", "x".repeat(65), "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                        "is not a token name"),
                Arguments.of(List.of("--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                        "Missing required option: '--name=NAME'"));
    }

    @ParameterizedTest
    @MethodSource
    void bad_input(List<String> args, String message) {
        List<String> all = new ArrayList<>(List.of("create"));
        all.addAll(args);

        Run run = vault.token(all.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).contains(message));
        assertThat(run.out()).isEmpty();
        assertThat(vault.dataDir()).as("bad input creates no vault").doesNotExist();
        assertThat(vault.keyFile()).doesNotExist();
    }

    @Test
    void a_data_dir_locked_by_a_server_it_cannot_reach_exits_4_naming_the_pid_and_the_way_through()
            throws Exception {
        // given: a running server whose server.json is gone, so the command line cannot trust where it listens
        String viewer = vault.create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        try (ServeRun serve = ServeRun.start(vault.root(), "--port", "0")) {
            serve.port();
            Files.delete(vault.root().resolve("data/server.json"));
            // when
            List<Run> runs = List.of(
                    vault.token("create", "--name", "other", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                    vault.token("list"),
                    vault.token("revoke", "--name", "viewer"));
            // then
            for (Run run : runs) {
                assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code()).isEqualTo(4);
                assertThat(run.err()).contains("pid " + ProcessHandle.current().pid(),
                        "run this command through that server with --server URL and --token-file FILE");
                assertThat(run.out()).isEmpty();
            }
            assertThat(new Http(serve.port()).get(ENTRIES, viewer).statusCode()).as("still served").isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
        assertThat(vault.token("list").out()).contains("viewer").doesNotContain("other");
    }

    @Test
    void a_sealed_store_exits_5_saying_why_and_how_to_recover() throws Exception {
        // given: a vault whose checkpoint has bytes appended
        vault.create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        Files.write(vault.dataDir().resolve("checkpoint"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        byte[] damaged = Files.readAllBytes(vault.dataDir().resolve("checkpoint"));
        // when
        List<Run> runs = List.of(
                vault.token("create", "--name", "other", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                vault.token("list"),
                vault.token("revoke", "--name", "viewer"));
        // then
        for (Run run : runs) {
            assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code()).isEqualTo(5);
            assertThat(run.err()).contains("the vault in " + vault.dataDir() + " did not open (STORE_CORRUPT): ",
                    "to recover: restore the data dir from a backup", "then run this command again");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Files.readAllBytes(vault.dataDir().resolve("checkpoint"))).as("nothing changed").isEqualTo(damaged);
        // and the lock was released each time
        try (FileVaultStore store = FileVaultStore.open(vault.location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "revoke"})
    void list_and_revoke_on_a_missing_vault_exit_5_and_create_nothing(String command) {
        Run run = command.equals("list") ? vault.token("list") : vault.token("revoke", "--name", "viewer");

        assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(run.err()).contains("The data dir " + vault.dataDir() + " does not exist",
                "offline-vault init (or serve) creates a new vault there.");
        assertThat(vault.dataDir()).doesNotExist();
        assertThat(vault.keyFile()).doesNotExist();
    }

    @Test
    void create_help_lists_the_options_every_privilege_an_example_and_the_exit_codes() {
        Run help = vault.run("token", "create", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: offline-vault token create", "--name=NAME", "--org=ORG",
                "--all-orgs", "--privilege=DOMAIN:LEVEL", "--data-dir=DIR", "Env: OFFLINE_VAULT_DATA",
                "--key-file=FILE", "--admin-token-file=FILE", "standard output", "Examples:",
                "TOKEN=$(offline-vault token create --name viewer --org acme", "Exit codes:",
                ExitStatus.STORE_LOCKED.meaning(), ExitStatus.STORE_SEALED.meaning());
        for (Privilege privilege : Privilege.values()) {
            assertThat(help.out()).contains(privilege.wireName());
        }
    }

    @Test
    void list_and_revoke_help_have_an_example_and_the_exit_codes() {
        Run list = vault.run("token", "list", "--help");
        Run revoke = vault.run("token", "revoke", "--help");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Usage: offline-vault token list", "--data-dir=DIR", "never their values",
                "Examples:", "offline-vault token list", "Exit codes:");
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).contains("Usage: offline-vault token revoke", "--name=NAME", "Examples:",
                "offline-vault token revoke --name viewer", "Exit codes:");
    }

    @Test
    void token_without_a_subcommand_prints_its_help_and_exits_2_and_the_top_level_help_lists_it() {
        Run bare = vault.run("token");
        Run top = vault.run("--help");

        assertThat(bare.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(bare.err()).contains("Missing a token command: create, list or revoke.",
                "Usage: offline-vault token COMMAND", "See 'offline-vault token --help' for more.");
        assertThat(top.out()).containsPattern("(?m)^\\s+token\\s+Creates, lists and revokes the bearer tokens");
    }
}

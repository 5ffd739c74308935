package io.offlinevault.app.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code offline-vault token create|list|revoke} in-process, through picocli, on a vault under a temp dir. */
class TokenCommandTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String NL = System.lineSeparator();

    @TempDir
    Path root;

    // Everything every command of a test printed, on any stream, the console included.
    private final StringWriter everything = new StringWriter();
    private final StringWriter console = new StringWriter();

    private Path dataDir() {
        return root.resolve("data");
    }

    private Path keyFile() {
        return root.resolve("keys/vault.key");
    }

    private StoreLocation location() {
        return StoreLocation.of(dataDir(), keyFile());
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code offline-vault token <args> --data-dir .. --key-file ..}, with a console that must stay silent. */
    private Run token(String... args) {
        List<String> command = new ArrayList<>(List.of("token"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir().toString(), "--key-file", keyFile().toString()));
        return run(command.toArray(String[]::new));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Surroundings surroundings = new Surroundings(Map.of(), root.resolve("home"),
                () -> Optional.of(new PrintWriter(console, true)), stop -> { });
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true), args);
        everything.append(out.toString()).append(err.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    private String create(String name, String... grant) {
        List<String> args = new ArrayList<>(List.of("create", "--name", name));
        args.addAll(List.of(grant));
        Run created = token(args.toArray(String[]::new));
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        return created.out().strip();
    }

    private String output() {
        return everything + console.toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private Caller authenticate(String token) {
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isEmpty();
            return new TokenService(store.repository(), IdGenerator.secure(), Clock.system()).authenticate(token);
        }
    }

    @Test
    void create_on_a_missing_vault_creates_it_and_prints_only_the_token_on_stdout() throws Exception {
        // when
        Run created = token("create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // then: stdout is the token and a line break, nothing else
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        String token = created.out().strip();
        assertThat(created.out()).isEqualTo(token + NL);
        assertThat(token).matches("ovt_[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains(
                "created a new vault in " + dataDir() + " (key file " + keyFile()
                        + "; keep it safe: losing every key loses every secret)",
                "admin token written to " + dataDir().resolve("admin.token"),
                "created token 'viewer' (VAULT_ENTRY:VIEW in acme)");
        // and the admin token is in its file only: not on stdout, stderr or the console
        String adminToken = Files.readString(dataDir().resolve("admin.token"), UTF_8).strip();
        assertThat(output()).doesNotContain(adminToken);
        assertThat(console.toString()).isEmpty();
        // and the printed token authenticates with exactly what was asked
        Caller caller = authenticate(token);
        assertThat(caller.name()).isEqualTo("viewer");
        assertThat(caller.grant()).isEqualTo(Grant.of(Set.of(OrganizationId.of("acme")), Set.of(Privilege.VAULT_ENTRY_VIEW)));
    }

    @Test
    void a_created_token_works_over_http_with_its_privileges_only() throws Exception {
        // given
        String viewer = create("viewer", "--org", "acme", "--privilege", "vault_entry:view");
        // when
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            Http http = new Http(serve.port());
            HttpResponse<String> list = http.get(ENTRIES, viewer);
            HttpResponse<String> create = http.send("POST", ENTRIES, viewer, "{\"key\": \"k\", \"value\": \"v\"}");
            HttpResponse<String> otherOrganization = http.get("/rest/organizations/other/vaultentries", viewer);
            assertThat(serve.stop()).isZero();
            // then
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(create.statusCode()).isEqualTo(403);
            assertThat(create.body()).contains("\"errorCode\":\"ACCESS_DENIED\"");
            assertThat(otherOrganization.statusCode()).isEqualTo(403);
            assertThat(serve.out()).doesNotContain("created a new vault");
        }
    }

    @Test
    void create_in_an_existing_vault_leaves_the_admin_token_alone_and_says_nothing_of_a_creation() {
        // given
        create("first", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // when
        Run second = token("create", "--name", "second", "--all-orgs", "--privilege", "SNAPSHOTS:CREATE",
                "--privilege", "snapshots:view");
        // then
        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).doesNotContain("created a new vault", "admin token")
                .contains("created token 'second' (SNAPSHOTS:VIEW,SNAPSHOTS:CREATE in every organization)");
        Caller caller = authenticate(second.out().strip());
        assertThat(caller.grant()).isEqualTo(Grant.inAllOrganizations(
                EnumSet.of(Privilege.SNAPSHOTS_CREATE, Privilege.SNAPSHOTS_VIEW)));
    }

    @Test
    void options_repeat_or_take_comma_separated_values() {
        String token = create("both", "--org", "acme,beta", "--org", "gamma", "--privilege", "VAULT_ENTRY:VIEW,vault_entry:edit");

        assertThat(authenticate(token).grant()).isEqualTo(Grant.of(
                Set.of(OrganizationId.of("acme"), OrganizationId.of("beta"), OrganizationId.of("gamma")),
                Set.of(Privilege.VAULT_ENTRY_VIEW, Privilege.VAULT_ENTRY_EDIT)));
    }

    @Test
    void list_shows_names_organizations_privileges_and_dates_but_no_token_or_digest() throws Exception {
        // given
        String viewer = create("viewer", "--org", "acme", "--org", "beta", "--privilege", "VAULT_ENTRY:VIEW");
        String ci = create("ci", "--all-orgs", "--privilege", "SNAPSHOTS:CREATE", "--privilege", "VAULT_ENTRY:VIEW");
        String adminToken = Files.readString(dataDir().resolve("admin.token"), UTF_8).strip();
        // when
        Run list = token("list");
        // then
        assertThat(list.exitCode()).isZero();
        assertThat(list.err()).isEmpty();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("NAME +ORGANIZATIONS +PRIVILEGES +CREATED");
        assertThat(lines.get(1)).matches("admin +\\* +VAULT_ENTRY:VIEW,VAULT_ENTRY:EDIT,VAULT_ENTRY:CREATE,"
                + "SNAPSHOTS:VIEW,SNAPSHOTS:EDIT,SNAPSHOTS:CREATE +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(lines.get(2)).matches("ci +\\* +VAULT_ENTRY:VIEW,SNAPSHOTS:CREATE +\\S+Z");
        assertThat(lines.get(3)).matches("viewer +acme,beta +VAULT_ENTRY:VIEW +\\S+Z");
        int privilegesColumn = lines.get(0).indexOf("PRIVILEGES");
        int createdColumn = lines.get(0).indexOf("CREATED");
        assertThat(lines.subList(1, 4)).as("aligned columns").allSatisfy(line -> {
            assertThat(line.substring(privilegesColumn)).matches("[A-Z_]+:[A-Z].*");
            assertThat(line.substring(createdColumn)).matches("\\d{4}-.*");
        });
        for (String token : List.of(viewer, ci, adminToken)) {
            assertThat(list.out()).doesNotContain(token, token.substring(4, 16), TokenDigest.of(token).hex(),
                    TokenDigest.of(token).hex().substring(0, 12));
        }
    }

    @Test
    void each_token_appears_exactly_once_in_all_output() throws Exception {
        // when: every command, each failure included
        Run created = token("create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        token("create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        token("list");
        token("revoke", "--name", "viewer");
        token("revoke", "--name", "viewer");
        token("list");
        // then
        String viewer = created.out().strip();
        assertThat(occurrences(output(), viewer)).isEqualTo(1);
        assertThat(output()).doesNotContain(Files.readString(dataDir().resolve("admin.token"), UTF_8).strip());
    }

    @Test
    void revoke_makes_the_token_stop_authenticating_and_a_second_revoke_exits_1() {
        // given
        String viewer = create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        String other = create("other", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // when
        Run revoked = token("revoke", "--name", "viewer");
        // then
        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).isEqualTo("revoked token 'viewer'" + NL);
        assertThatThrownBy(() -> authenticate(viewer)).isInstanceOf(InvalidTokenException.class);
        assertThat(authenticate(other).name()).isEqualTo("other");
        assertThat(token("list").out()).doesNotContain("viewer").contains("other");
        // when: again
        Run again = token("revoke", "--name", "viewer");
        // then
        assertThat(again.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(again.err()).contains("No token named 'viewer' exists.");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void a_duplicate_name_exits_1_and_prints_no_token() {
        // given
        String first = create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // when
        Run duplicate = token("create", "--name", "viewer", "--all-orgs", "--privilege", "VAULT_ENTRY:EDIT");
        // then
        assertThat(duplicate.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(duplicate.err()).contains("A token named 'viewer' already exists.");
        assertThat(duplicate.out()).isEmpty();
        assertThat(authenticate(first).grant().allOrganizations()).as("the first one is unchanged").isFalse();
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

        Run run = token(all.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).contains(message));
        assertThat(run.out()).isEmpty();
        assertThat(dataDir()).as("bad input creates no vault").doesNotExist();
        assertThat(keyFile()).doesNotExist();
    }

    @Test
    void a_data_dir_locked_by_a_running_serve_exits_4_naming_the_pid_and_saying_to_stop_the_server()
            throws Exception {
        // given
        String viewer = create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            serve.port();
            // when
            List<Run> runs = List.of(
                    token("create", "--name", "other", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                    token("list"),
                    token("revoke", "--name", "viewer"));
            // then
            for (Run run : runs) {
                assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code()).isEqualTo(4);
                assertThat(run.err()).contains("pid " + ProcessHandle.current().pid(),
                        "the HTTP API has no token routes", "stop that server");
                assertThat(run.out()).isEmpty();
            }
            assertThat(new Http(serve.port()).get(ENTRIES, viewer).statusCode()).as("still served").isEqualTo(200);
            assertThat(serve.stop()).isZero();
        }
        assertThat(token("list").out()).contains("viewer").doesNotContain("other");
    }

    @Test
    void a_sealed_store_exits_5_saying_why_and_how_to_recover() throws Exception {
        // given: a vault whose checkpoint has bytes appended
        create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        Files.write(dataDir().resolve("checkpoint"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        byte[] damaged = Files.readAllBytes(dataDir().resolve("checkpoint"));
        // when
        List<Run> runs = List.of(
                token("create", "--name", "other", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW"),
                token("list"),
                token("revoke", "--name", "viewer"));
        // then
        for (Run run : runs) {
            assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code()).isEqualTo(5);
            assertThat(run.err()).contains("the vault in " + dataDir() + " did not open (STORE_CORRUPT): ",
                    "to recover: restore the data dir from a backup", "then run this command again");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Files.readAllBytes(dataDir().resolve("checkpoint"))).as("nothing changed").isEqualTo(damaged);
        // and the lock was released each time
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "revoke"})
    void list_and_revoke_on_a_missing_vault_exit_5_and_create_nothing(String command) {
        Run run = command.equals("list") ? token("list") : token("revoke", "--name", "viewer");

        assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(run.err()).contains("The data dir " + dataDir() + " does not exist",
                "offline-vault init (or serve) creates a new vault there.");
        assertThat(dataDir()).doesNotExist();
        assertThat(keyFile()).doesNotExist();
    }

    @Test
    void the_environment_supplies_the_store_location_as_for_serve() {
        // given
        Path data = root.resolve("env-data");
        Path key = root.resolve("env-keys/k.key");
        Surroundings surroundings = new Surroundings(Map.of("OFFLINE_VAULT_DATA", data.toString(),
                "OFFLINE_VAULT_KEY_FILE", key.toString()), root.resolve("home"), Terminal.none(), stop -> { });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // when
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true),
                "token", "create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // then
        assertThat(exitCode).as("stderr: %s", err).isZero();
        assertThat(err.toString()).contains("created a new vault in " + data + " (key file " + key + ";");
        assertThat(data.resolve("checkpoint")).exists();
        assertThat(root.resolve("home")).doesNotExist();
    }

    @Test
    void create_help_lists_the_options_every_privilege_an_example_and_the_exit_codes() {
        Run help = run("token", "create", "--help");

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
        Run list = run("token", "list", "--help");
        Run revoke = run("token", "revoke", "--help");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Usage: offline-vault token list", "--data-dir=DIR", "never their values",
                "Examples:", "offline-vault token list", "Exit codes:");
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).contains("Usage: offline-vault token revoke", "--name=NAME", "Examples:",
                "offline-vault token revoke --name viewer", "Exit codes:");
    }

    @Test
    void token_without_a_subcommand_prints_its_help_and_exits_2_and_the_top_level_help_lists_it() {
        Run bare = run("token");
        Run top = run("--help");

        assertThat(bare.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(bare.err()).contains("Missing a token command: create, list or revoke.",
                "Usage: offline-vault token", "create", "list", "revoke", "the HTTP API has no token routes");
        assertThat(top.out()).containsPattern("(?m)^\\s+token\\s+Creates, lists and revokes the bearer tokens");
    }
}

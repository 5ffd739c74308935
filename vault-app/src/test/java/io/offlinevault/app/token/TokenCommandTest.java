package io.offlinevault.app.token;

import static io.offlinevault.app.token.TokenCommandRun.ENTRIES;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.OfflineRun.Run;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault token create|list|revoke} in-process, through picocli, on a vault under a temp dir. */
class TokenCommandTest {
    private static final String NL = System.lineSeparator();

    private final TokenCommandRun vault;

    TokenCommandTest(@TempDir Path root) {
        vault = new TokenCommandRun(root);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void create_on_a_missing_vault_creates_it_and_prints_only_the_token_on_stdout() throws Exception {
        // when
        Run created = vault.token("create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // then: stdout is the token and a line break, nothing else
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        String token = created.out().strip();
        assertThat(created.out()).isEqualTo(token + NL);
        assertThat(token).matches("ovt_[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains(
                "created a new vault in " + vault.dataDir() + " (key file " + vault.keyFile()
                        + "; keep it safe: losing every key loses every secret)",
                "admin token written to " + vault.dataDir().resolve("admin.token"),
                "created token 'viewer' (VAULT_ENTRY:VIEW in acme)");
        // and the admin token is in its file only: not on stdout, stderr or the console
        String adminToken = Files.readString(vault.dataDir().resolve("admin.token"), UTF_8).strip();
        assertThat(vault.output()).doesNotContain(adminToken);
        assertThat(vault.console()).isEmpty();
        // and the printed token authenticates with exactly what was asked
        Caller caller = vault.authenticate(token);
        assertThat(caller.name()).isEqualTo("viewer");
        assertThat(caller.grant()).isEqualTo(Grant.of(Set.of(OrganizationId.of("acme")), Set.of(Privilege.VAULT_ENTRY_VIEW)));
    }

    @Test
    void a_created_token_works_over_http_with_its_privileges_only() throws Exception {
        // given
        String viewer = vault.create("viewer", "--org", "acme", "--privilege", "vault_entry:view");
        // when
        try (ServeRun serve = ServeRun.start(vault.root(), "--port", "0")) {
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
        vault.create("first", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // when
        Run second = vault.token("create", "--name", "second", "--all-orgs", "--privilege", "SNAPSHOTS:CREATE",
                "--privilege", "snapshots:view");
        // then
        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).doesNotContain("created a new vault", "admin token")
                .contains("created token 'second' (SNAPSHOTS:VIEW,SNAPSHOTS:CREATE in every organization)");
        Caller caller = vault.authenticate(second.out().strip());
        assertThat(caller.grant()).isEqualTo(Grant.inAllOrganizations(
                EnumSet.of(Privilege.SNAPSHOTS_CREATE, Privilege.SNAPSHOTS_VIEW)));
    }

    @Test
    void options_repeat_or_take_comma_separated_values() {
        String token = vault.create("both", "--org", "acme,beta", "--org", "gamma", "--privilege",
                "VAULT_ENTRY:VIEW,vault_entry:edit");

        assertThat(vault.authenticate(token).grant()).isEqualTo(Grant.of(
                Set.of(OrganizationId.of("acme"), OrganizationId.of("beta"), OrganizationId.of("gamma")),
                Set.of(Privilege.VAULT_ENTRY_VIEW, Privilege.VAULT_ENTRY_EDIT)));
    }

    @Test
    void list_shows_names_organizations_privileges_and_dates_but_no_token_or_digest() throws Exception {
        // given
        String viewer = vault.create("viewer", "--org", "acme", "--org", "beta", "--privilege", "VAULT_ENTRY:VIEW");
        String ci = vault.create("ci", "--all-orgs", "--privilege", "SNAPSHOTS:CREATE", "--privilege",
                "VAULT_ENTRY:VIEW");
        String adminToken = Files.readString(vault.dataDir().resolve("admin.token"), UTF_8).strip();
        // when
        Run list = vault.token("list");
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
        Run created = vault.token("create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        vault.token("create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        vault.token("list");
        vault.token("revoke", "--name", "viewer");
        vault.token("revoke", "--name", "viewer");
        vault.token("list");
        // then
        String viewer = created.out().strip();
        assertThat(occurrences(vault.output(), viewer)).isEqualTo(1);
        assertThat(vault.output())
                .doesNotContain(Files.readString(vault.dataDir().resolve("admin.token"), UTF_8).strip());
    }

    @Test
    void revoke_makes_the_token_stop_authenticating_and_a_second_revoke_exits_1() {
        // given
        String viewer = vault.create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        String other = vault.create("other", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // when
        Run revoked = vault.token("revoke", "--name", "viewer");
        // then
        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).isEqualTo("revoked token 'viewer'" + NL);
        assertThatThrownBy(() -> vault.authenticate(viewer)).isInstanceOf(InvalidTokenException.class);
        assertThat(vault.authenticate(other).name()).isEqualTo("other");
        assertThat(vault.token("list").out()).doesNotContain("viewer").contains("other");
        // when: again
        Run again = vault.token("revoke", "--name", "viewer");
        // then
        assertThat(again.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(again.err()).contains("No token named 'viewer' exists.");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void a_duplicate_name_exits_1_and_prints_no_token() {
        // given
        String first = vault.create("viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // when
        Run duplicate = vault.token("create", "--name", "viewer", "--all-orgs", "--privilege", "VAULT_ENTRY:EDIT");
        // then
        assertThat(duplicate.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(duplicate.err()).contains("A token named 'viewer' already exists.");
        assertThat(duplicate.out()).isEmpty();
        assertThat(vault.authenticate(first).grant().allOrganizations()).as("the first one is unchanged").isFalse();
    }

    @Test
    void the_environment_supplies_the_store_location_as_for_serve() {
        // given
        Path data = vault.root().resolve("env-data");
        Path key = vault.root().resolve("env-keys/k.key");
        Surroundings surroundings = new Surroundings(Map.of("OFFLINE_VAULT_DATA", data.toString(),
                "OFFLINE_VAULT_KEY_FILE", key.toString()), vault.root().resolve("home"), Terminal.none(), stop -> { });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // when
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true),
                "token", "create", "--name", "viewer", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW");
        // then
        assertThat(exitCode).as("stderr: %s", err).isZero();
        assertThat(err.toString()).contains("created a new vault in " + data + " (key file " + key + ";");
        assertThat(data.resolve("checkpoint")).exists();
        assertThat(vault.root().resolve("home")).doesNotExist();
    }
}

package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.AppLog;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --seed}: a seed read back over HTTP, its tokens in use, and an invalid seed that loads nothing. */
class SeedServeTest {
    private static final String ADMIN_TOKEN = "seed-test-admin-token-0123456789abcdef";
    private static final String VIEWER_TOKEN = "seed-test-viewer-token-0123456789abcdef";
    private static final String CI_TOKEN = "seed-test-ci-token-0123456789abcdefghij";
    private static final String STRICT_VALUE = "strict-s3cr3t-from-the-seed";
    private static final String OBFUSCATED_VALUE = "obfuscated-s3cr3t-from-the-seed";
    private static final String SNAPSHOT_ID = "acme-" + "seed".repeat(6) + "aa";
    private static final String ACME = "/rest/organizations/acme";
    private static final Map<String, String> ENVIRONMENT = Map.of(KnownAdminToken.VARIABLE, ADMIN_TOKEN);

    @TempDir
    Path root;

    @RegisterExtension
    final AppLog appLog = new AppLog();

    /** A seed with every kind of thing: entries of each visibility, three snapshots (inline, JSON file, ZIP file), two tokens. */
    private Path seedFile() throws IOException {
        Path seeds = Files.createDirectories(root.resolve("seeds"));
        Files.createDirectories(seeds.resolve("snapshots"));
        Files.writeString(seeds.resolve("snapshots/extension.json"), document("pim_api_password"), UTF_8);
        Files.write(seeds.resolve("snapshots/source.zip"), SnapshotFiles.writeZip(SnapshotContentReader.read(
                WireJson.read(document("db.password").getBytes(UTF_8), 1 << 20, "test"), "test"),
                SnapshotFiles.ContentFormat.SPLIT_PER_TYPE));
        return Files.writeString(seeds.resolve("seed.json"), """
                {"organizations": [
                  {"id": "acme",
                   "entries": [
                     {"key": "db.password", "value": "%s", "vaultVisibilityType": "STRICT",
                      "attributeReferences": [{"jsonPath": "configuration.parameters.password.value",
                                               "resourceName": "db_source", "resourceType": "source"}]},
                     {"key": "pim_api_password", "value": "%s", "vaultVisibilityType": "OBFUSCATED",
                      "scopes": [{"id": "acme-pim_enrichment", "resourceType": "EXTENSION"}]},
                     {"key": "page.size", "value": "25", "valueType": "INTEGER", "vaultVisibilityType": "PUBLIC"}],
                   "snapshots": [
                     {"id": "%s", "developerNote": "inline", "content": %s},
                     {"file": "snapshots/extension.json"},
                     {"file": "snapshots/source.zip", "developerNote": "zipped"}]},
                  {"id": "origin", "entries": [{"key": "db.password", "value": "origin-value"}]}],
                 "tokens": [
                   {"name": "viewer", "organizations": ["acme"], "privileges": ["VAULT_ENTRY:VIEW"], "value": "%s"},
                   {"name": "ci", "allOrganizations": true, "privileges": ["vault_entry:view", "SNAPSHOTS:VIEW"],
                    "value": "%s"}]}
                """.formatted(STRICT_VALUE, OBFUSCATED_VALUE, SNAPSHOT_ID, document("missing.key"), VIEWER_TOKEN,
                CI_TOKEN), UTF_8);
    }

    private static String document(String key) {
        return "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"s_" + key.replace('.', '_')
                + "\", \"model\": {\"password\": \"{{ VAULT." + key + " }}\"}}]}}";
    }

    private Path home() throws IOException {
        return Files.createDirectories(root.resolve("home"));
    }

    private void assertNoSecretPrinted(ServeRun serve) {
        for (String secret : List.of(ADMIN_TOKEN, VIEWER_TOKEN, CI_TOKEN, STRICT_VALUE, OBFUSCATED_VALUE)) {
            assertThat(serve.out()).doesNotContain(secret);
            assertThat(serve.err()).doesNotContain(secret);
            assertThat(appLog.text()).doesNotContain(secret);
        }
    }

    @Test
    void a_seed_reads_back_over_http_and_its_tokens_work_like_created_ones() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, ENVIRONMENT, "--ephemeral", "--port", "0",
                "--seed", seedFile().toString())) {
            Http http = new Http(serve.port());

            // entries, as the API shows them: only the PUBLIC value comes back
            HttpResponse<String> list = http.get(ACME + "/vaultentries", ADMIN_TOKEN);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"totalEntries\":3", "\"key\":\"db.password\"",
                    "\"resourceType\":\"SOURCE\"", "\"id\":\"acme-pim_enrichment\"", "\"value\":\"25\"");
            assertThat(list.body()).doesNotContain(STRICT_VALUE, OBFUSCATED_VALUE);
            assertThat(http.get(ACME + "/vaultentries/db.password", ADMIN_TOKEN).body())
                    .contains("\"vaultVisibilityType\":\"STRICT\"", "\"valueType\":\"STRING\"");
            assertThat(http.get("/rest/organizations/origin/vaultentries", ADMIN_TOKEN).body())
                    .contains("\"totalEntries\":1");
            // snapshots: the chosen id, a note, a file read as JSON and one as ZIP, as registered by the seed
            HttpResponse<String> snapshots = http.get(ACME + "/snapshots", ADMIN_TOKEN);
            assertThat(snapshots.body()).contains("\"id\":\"" + SNAPSHOT_ID + "\"", "\"developerNote\":\"inline\"",
                    "\"developerNote\":\"zipped\"", "\"createdBy\":\"seed\"");
            assertThat((List<?>) WireJson.read(snapshots.body().getBytes(UTF_8), 1 << 20, "test")).hasSize(3);
            assertThat(http.get(ACME + "/vaultentries/missing?snapshotId=" + SNAPSHOT_ID, ADMIN_TOKEN).body())
                    .isEqualTo("{\"missingVaultEntries\":[\"missing.key\"]}");
            // tokens: what each one grants, and no more
            assertThat(http.get(ACME + "/vaultentries/page.size", VIEWER_TOKEN).statusCode()).isEqualTo(200);
            assertThat(http.send("POST", ACME + "/vaultentries", VIEWER_TOKEN, "{\"key\": \"k\", \"value\": \"v\"}")
                    .statusCode()).isEqualTo(403);
            assertThat(http.get("/rest/organizations/origin/vaultentries", VIEWER_TOKEN).statusCode()).isEqualTo(403);
            assertThat(http.get("/rest/organizations/origin/vaultentries", CI_TOKEN).statusCode()).isEqualTo(200);
            assertThat(http.get(ACME + "/snapshots", CI_TOKEN).statusCode()).isEqualTo(200);
            assertThat(http.get(ACME + "/snapshots", VIEWER_TOKEN).statusCode()).isEqualTo(403);
            assertThat(http.send("POST", ACME + "/snapshots/file", CI_TOKEN, document("x")).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> organizations = http.get("/rest/organizations", VIEWER_TOKEN);
            assertThat(organizations.body()).isEqualTo("[{\"id\":\"acme\",\"displayName\":\"acme\"}]");
            assertThat(serve.stop()).isZero();
            assertThat(serve.out()).contains("seed: loaded 4 entries and 3 snapshots in 2 organizations, and 2 tokens,"
                    + " from " + root.resolve("seeds/seed.json"));
            assertNoSecretPrinted(serve);
        }
    }

    @Test
    void an_invalid_seed_reports_every_problem_with_its_place_loads_nothing_and_echoes_no_secret() throws Exception {
        // given: a seed with many distinct problems, and a new data dir that must not be created
        Path data = root.resolve("data");
        Path seed = Files.writeString(root.resolve("bad-seed.json"), """
                {"organizations": [
                  {"id": "acme",
                   "entries": [
                     {"key": "ok", "value": "fine"},
                     {"key": "db{port}", "value": "%s", "valueType": "INTEGER"},
                     {"key": "ok", "value": "again"},
                     {"key": "visibility", "value": "v", "vaultVisibilityType": "SECRET",
                      "attributeReferences": [{"resourceName": "r", "resourceType": "SOURCE"}]}],
                   "snapshots": [
                     {"id": "acme-not-a-snapshot-id", "content": {"resources": {"SOURCE": [{"model": {}}]}}},
                     {"file": "nowhere.zip"},
                     {"developerNote": "neither"}]},
                  {"id": "bad org!", "entres": []},
                  {"id": "acme"}],
                 "tokens": [
                   {"name": "admin", "organizations": ["acme"], "privileges": ["VAULT_ENTRY:VIEW"], "value": "%s"},
                   {"name": "viewer", "organizations": [], "privileges": ["VAULT_ENTRY:READ"], "value": "short-secret"},
                   {"name": "copy", "allOrganizations": true, "privileges": ["SNAPSHOTS:VIEW"], "value": "%s"}],
                 "extra": true}
                """.formatted(STRICT_VALUE, VIEWER_TOKEN, ADMIN_TOKEN), UTF_8);

        // when
        ServeRun serve = ServeRun.start(home(), false, ENVIRONMENT, "--data-dir", data.toString(), "--key-file",
                root.resolve("keys/vault.key").toString(), "--port", "0", "--seed", seed.toString());

        // then
        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("The seed file " + seed + " is invalid (18 problems); nothing was loaded:");
        assertThat(serve.err().lines().map(String::strip)).contains(
                "organizations[0].entries[1].key: must not contain whitespace, control, format or brace characters"
                        + " (key.invalid_character)",
                "organizations[0].entries[1].value: must be a whole number in the signed 64-bit range for valueType"
                        + " INTEGER (value.invalid_for_type)",
                "organizations[0].entries[2].key: appears twice in the organization (organizations[0].entries[0])"
                        + " (key.duplicate)",
                "organizations[0].snapshots[1].file: nowhere.zip does not exist (a path is relative to the seed file's"
                        + " directory, " + root + ")",
                "organizations[0].snapshots[2]: needs either content (the snapshot document) or file (a path to a JSON"
                        + " or ZIP snapshot file, relative to the seed file's directory), not neither",
                "organizations[1].entres: is not a field of a seed here (known: id, entries, snapshots)",
                "organizations[2].id: names organization acme again (organizations[0]); give each organization once",
                "tokens[1].organizations: needs at least one organization id (or set allOrganizations to true)",
                "tokens[1].privileges[0]: is not a privilege: use DOMAIN:LEVEL, one of VAULT_ENTRY:VIEW,"
                        + " VAULT_ENTRY:EDIT, VAULT_ENTRY:CREATE, SNAPSHOTS:VIEW, SNAPSHOTS:EDIT, SNAPSHOTS:CREATE"
                        + " (any case)",
                "tokens[2].value: is the value of the admin token too; give each token its own value (the value is"
                        + " not shown)",
                "extra: is not a field of a seed here (known: organizations, tokens)");
        assertThat(serve.err()).contains(
                "organizations[0].entries[3].vaultVisibilityType: must be one of PUBLIC, OBFUSCATED, STRICT",
                "organizations[0].entries[3].attributeReferences[0].jsonPath: is required",
                "organizations[0].snapshots[0].id: A snapshot id is the organization id, '-' and 26 characters",
                "organizations[0].snapshots[0].content: resources.SOURCE[0]",
                "organizations[1].id: is not an organization id",
                "tokens[0].name: 'admin' is the vault's own admin token",
                "tokens[1].value: A token must be 32 to 512 printable ASCII characters without spaces.");
        assertThat(serve.err()).doesNotContain("short-secret", STRICT_VALUE, VIEWER_TOKEN, ADMIN_TOKEN);
        assertThat(serve.out()).doesNotContain("listening on");
        assertThat(data).doesNotExist();
        assertThat(root.resolve("keys")).doesNotExist();
    }

    @Test
    void a_seeded_entry_whose_references_spell_out_another_key_loads_with_a_warning_naming_its_place() throws Exception {
        Path seed = Files.writeString(root.resolve("warned.json"), """
                {"organizations": [{"id": "acme", "entries": [
                  {"key": "fine", "value": "v"},
                  {"key": "src_iyn07x-a.b", "value": "%s", "attributeReferences": [
                    {"resourceName": "src_iynO7X", "resourceType": "SOURCE", "jsonPath": "a.b"}]}]}]}"""
                .formatted(STRICT_VALUE), UTF_8);

        try (ServeRun serve = ServeRun.start(home(), false, ENVIRONMENT, "--ephemeral", "--port", "0",
                "--seed", seed.toString())) {
            assertThat(new Http(serve.port()).get(ACME + "/vaultentries/src_iyn07x-a.b", ADMIN_TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(serve.err()).contains("warning: " + seed + " organizations[0].entries[1]: ",
                    "Rename the entry to src_iynO7X-a.b", "(key.reference_mismatch)")
                    .doesNotContain("entries[0]");
            assertNoSecretPrinted(serve);
        }
    }

    @Test
    void a_seed_that_is_not_json_or_missing_exits_2() throws Exception {
        Path notJson = Files.writeString(root.resolve("seed.json"), "{\"organizations\": [", UTF_8);

        ServeRun broken = ServeRun.start(home(), false, ENVIRONMENT, "--ephemeral", "--port", "0",
                "--seed", notJson.toString());
        ServeRun missing = ServeRun.start(home(), false, ENVIRONMENT, "--ephemeral", "--port", "0",
                "--seed", root.resolve("nowhere.json").toString());

        assertThat(broken.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(broken.err()).contains("The seed file " + notJson + " is not valid JSON", "Nothing was loaded.");
        assertThat(missing.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(missing.err()).contains("--seed " + root.resolve("nowhere.json") + " does not exist.");
    }

    @Test
    void a_new_persistent_vault_takes_the_seed_once_and_an_existing_one_refuses_it() throws Exception {
        // given / when: a new vault, seeded
        Path seed = seedFile();
        try (ServeRun serve = ServeRun.start(root, "--port", "0", "--seed", seed.toString())) {
            assertThat(serve.stop()).isZero();
            assertThat(serve.out()).contains("seed: loaded 4 entries and 3 snapshots");
        }
        // then: the seed is in the vault after a restart, and the seeded token works
        try (ServeRun again = ServeRun.start(root, "--port", "0")) {
            HttpResponse<String> entries = new Http(again.port()).get(ACME + "/vaultentries", VIEWER_TOKEN);
            assertThat(entries.body()).contains("\"totalEntries\":3");
            assertThat(again.stop()).isZero();
            assertThat(again.out()).doesNotContain("seed:");
        }
        // and a second seeding of the same vault is refused, with no route served
        ServeRun refused = ServeRun.start(root, "--port", "0", "--seed", seed.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(refused.err()).contains("the vault in " + root.resolve("data") + " is not a new vault: --seed loads"
                + " only a new vault");
        assertThat(refused.out()).doesNotContain("listening on");
    }
}

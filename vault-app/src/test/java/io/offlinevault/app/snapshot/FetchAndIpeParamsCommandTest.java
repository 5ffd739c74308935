package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.http.codec.WireJson;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault fetch} and {@code offline-vault ipe-params} in-process on a vault under a temp dir. */
class FetchAndIpeParamsCommandTest {
    private static final String SECRET_KEY = SnapshotCommandTest.SECRET_KEY;
    private static final String PASSWORD_KEY = SnapshotCommandTest.PASSWORD_KEY;
    private static final String STRICT_SENTINEL = "str1ct-Sentinel-0815";
    private static final String EXTENSION = "pim_enrichment_T4xW9q";
    private static final List<Map<String, Object>> SCOPES = List.of(Map.of("id", EXTENSION, "resourceType", "EXTENSION"));

    @TempDir
    Path root;

    private OfflineRun vault;
    private String snapshotId;

    @BeforeEach
    void registerTheExampleInAcme() throws Exception {
        vault = new OfflineRun(root, true);
        vault.createVault();
        Path snapshot = SnapshotCommandTest.copyExample(root);
        OfflineRun.Run registered = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme");
        assertThat(registered.exitCode()).as("stderr: %s", registered.err()).isZero();
        snapshotId = registered.out().strip();
    }

    private String value(String organization, String key) {
        try (FileVaultStore store = FileVaultStore.open(vault.location(), OpenOptions.of(Clock.system()))) {
            return new VaultEntryService(store.repository()).get(Caller.owner(), OrganizationId.of(organization),
                    EntryKey.of(key)).value().reveal();
        }
    }

    private boolean exists(String organization, String key) {
        try (FileVaultStore store = FileVaultStore.open(vault.location(), OpenOptions.of(Clock.system()))) {
            return store.repository().view().entry(OrganizationId.of(organization), EntryKey.of(key)).isPresent();
        }
    }

    private OfflineRun.Run fetch(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("fetch", "--from", "staging", "--to", "acme",
                "--snapshot", snapshotId));
        args.addAll(List.of(extra));
        return vault.vault(args.toArray(String[]::new));
    }

    @Test
    void all_or_nothing_with_a_key_missing_on_both_sides_exits_1_naming_it_and_copies_nothing() {
        vault.createEntries("staging", List.of(Map.of("key", SECRET_KEY, "value", STRICT_SENTINEL)));

        OfflineRun.Run conflict = fetch();

        assertThat(conflict.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(conflict.err()).contains("nothing was copied", "missing from both organizations: " + PASSWORD_KEY,
                "offline-vault snapshot template --org acme", "--strategy ONLY_MISSING copies the others now")
                .doesNotContain("wrong organization id");
        assertThat(conflict.out()).isEmpty();
        assertThat(exists("acme", SECRET_KEY)).isFalse();
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void a_fetch_from_an_organization_without_entries_asks_whether_its_id_is_wrong() {
        OfflineRun.Run dryRun = fetch("--strategy", "ONLY_MISSING", "--dry-run");
        OfflineRun.Run conflict = fetch();

        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.err()).contains("staging holds no vault entry at all: wrong organization id?");
        assertThat(conflict.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(conflict.err()).contains("holds no vault entry at all: is its id right?");
    }

    @Test
    void only_missing_copies_what_the_origin_has_and_dry_run_writes_nothing() {
        // given
        vault.createEntries("staging", List.of(Map.of("key", SECRET_KEY, "value", STRICT_SENTINEL)));
        // when
        OfflineRun.Run dryRun = fetch("--strategy", "only_missing", "--dry-run");
        // then
        assertThat(dryRun.exitCode()).as("stderr: %s", dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("dry run: nothing was written", "would copy (1): " + SECRET_KEY,
                "skipped, already in acme (0)", "skipped, not in staging (1): " + PASSWORD_KEY);
        assertThat(dryRun.err()).doesNotContain("wrong organization id");
        assertThat(exists("acme", SECRET_KEY)).isFalse();
        // when
        OfflineRun.Run copied = fetch("--strategy", "ONLY_MISSING");
        // then
        assertThat(copied.exitCode()).isZero();
        assertThat(copied.out()).contains("copied (1): " + SECRET_KEY, "overwritten (0)");
        assertThat(value("acme", SECRET_KEY)).isEqualTo(STRICT_SENTINEL);
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void all_or_nothing_copies_every_key_and_overwrite_replaces_existing_values() {
        // given
        vault.createEntries("staging", List.of(Map.of("key", SECRET_KEY, "value", STRICT_SENTINEL),
                Map.of("key", PASSWORD_KEY, "value", STRICT_SENTINEL + "-pw")));
        vault.createEntries("acme", List.of(Map.of("key", SECRET_KEY, "value", "old")));
        // when
        OfflineRun.Run all = fetch();
        // then
        assertThat(all.exitCode()).as("stderr: %s", all.err()).isZero();
        assertThat(all.out()).contains("copied (1): " + PASSWORD_KEY, "skipped, already in acme (1): " + SECRET_KEY);
        assertThat(value("acme", SECRET_KEY)).isEqualTo("old");
        // when
        OfflineRun.Run overwrite = fetch("--strategy", "OVERWRITE");
        // then
        assertThat(overwrite.exitCode()).isZero();
        assertThat(overwrite.out()).contains("overwritten (2): " + SECRET_KEY + ", " + PASSWORD_KEY);
        assertThat(value("acme", SECRET_KEY)).isEqualTo(STRICT_SENTINEL);
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void fetch_bad_input_exits_2_and_an_unknown_snapshot_exits_1() {
        assertThat(fetch("--strategy", "SOME").exitCode()).isEqualTo(2);
        assertThat(vault.vault("fetch", "--from", "acme", "--to", "acme", "--snapshot", snapshotId).exitCode())
                .isEqualTo(2);
        assertThat(vault.vault("fetch", "--from", "staging", "--to", "acme", "--snapshot", "acme-nope").exitCode())
                .isEqualTo(1);
    }

    private void createScopedEntries() {
        vault.createEntries("acme", List.of(
                Map.of("key", "pim_api_password", "value", STRICT_SENTINEL, "vaultVisibilityType", "STRICT",
                        "scopes", SCOPES),
                Map.of("key", "pim_api_user", "value", "indexer", "vaultVisibilityType", "PUBLIC", "scopes", SCOPES),
                Map.of("key", "pim_region", "value", "eu-west", "vaultVisibilityType", "OBFUSCATED", "scopes", SCOPES),
                Map.of("key", "other_extension_secret", "value", "not-for-pim", "vaultVisibilityType", "PUBLIC",
                        "scopes", List.of(Map.of("id", "other", "resourceType", "EXTENSION"))),
                Map.of("key", "source_named_alike", "value", "not-an-extension", "vaultVisibilityType", "PUBLIC",
                        "scopes", List.of(Map.of("id", EXTENSION, "resourceType", "SOURCE")))));
    }

    @Test
    void ipe_params_prints_the_scoped_entries_with_strict_values_redacted() {
        // given
        createScopedEntries();
        // when
        OfflineRun.Run params = vault.vault("ipe-params", "--org", "acme", "--extension", EXTENSION);
        // then
        assertThat(params.exitCode()).as("stderr: %s", params.err()).isZero();
        assertThat(WireJson.read(params.out().getBytes(UTF_8), Integer.MAX_VALUE, "the output")).isEqualTo(Map.of(
                "pim_api_password", IpeParamsCommand.REDACTED, "pim_api_user", "indexer", "pim_region", "eu-west"));
        assertThat(params.err()).contains("3 entries of acme are scoped to the extension " + EXTENSION);
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    @Tag("slow")
    void the_child_of_ipe_params_run_sees_no_token_variable() throws Exception {
        // given a command line whose environment holds tokens (a real process: the child inherits the real one)
        createScopedEntries();
        Path seen = root.resolve("child-environment.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "ipe-params", "--org", "acme",
                "--extension", EXTENSION, "--data-dir", vault.dataDir().toString(), "--key-file",
                vault.keyFile().toString(), "--run", "--", "/bin/sh", "-c", "cat > /dev/null; env > '" + seen + "'")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OFFLINE_VAULT_TOKEN", "ovt_held-by-the-caller-0123456789abcdefghijkl");
        builder.environment().put("OFFLINE_VAULT_ADMIN_TOKEN", "ovt_admin-held-by-the-caller-0123456789abcdefgh");
        builder.environment().put("OFFLINE_VAULT_ADDR", "http://127.0.0.1:8787");
        // when
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ipe-params ended").isTrue();
        // then
        assertThat(process.exitValue()).isZero();
        String environment = Files.readString(seen);
        assertThat(environment).contains("OFFLINE_VAULT_ADDR=").doesNotContain("TOKEN=", "ovt_");
    }

    @Test
    void ipe_params_run_gives_the_full_dictionary_to_the_child_on_stdin_and_exits_with_its_code() throws Exception {
        // given
        createScopedEntries();
        Path received = root.resolve("received.json");
        // when
        OfflineRun.Run run = vault.vault("ipe-params", "--org", "acme", "--extension", EXTENSION, "--run", "--",
                "/bin/sh", "-c", "cat > '" + received + "'; exit 7");
        // then
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(7);
        assertThat(WireJson.read(Files.readAllBytes(received), Integer.MAX_VALUE, "the child's input")).isEqualTo(
                Map.of("pim_api_password", STRICT_SENTINEL, "pim_api_user", "indexer", "pim_region", "eu-west"));
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
        // and a child that succeeds exits 0, one that cannot start exits 1
        assertThat(vault.vault("ipe-params", "--org", "acme", "--extension", EXTENSION, "--run", "--",
                "/bin/sh", "-c", "cat > /dev/null").exitCode()).isZero();
        OfflineRun.Run missing = vault.vault("ipe-params", "--org", "acme", "--extension", EXTENSION, "--run", "--",
                root.resolve("no-such-command").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Could not start");
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void ipe_params_bad_input_exits_2_and_help_says_the_child_receives_strict_values() {
        assertThat(vault.vault("ipe-params", "--org", "acme", "--extension", EXTENSION, "--run").exitCode())
                .isEqualTo(2);
        assertThat(vault.vault("ipe-params", "--org", "acme", "--extension", EXTENSION, "--", "cat").exitCode())
                .isEqualTo(2);
        assertThat(vault.vault("ipe-params", "--org", "acme").exitCode()).isEqualTo(2);

        OfflineRun.Run help = vault.run("ipe-params", "--help");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("the child receives STRICT values", "--run",
                "standard input", "redacted");
    }
}

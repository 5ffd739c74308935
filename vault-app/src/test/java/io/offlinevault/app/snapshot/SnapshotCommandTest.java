package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.WireJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault snapshot check|template|register|apply} in-process on a vault under a temp dir. */
class SnapshotCommandTest {
    static final String EXAMPLE = "/examples/snapshot-content-with-vault-placeholders.json";
    static final String SECRET_KEY = "helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value";
    static final String PASSWORD_KEY = "helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password";
    private static final String SENTINEL = "s3ntinel-Secret-4711";

    @TempDir
    Path root;

    private OfflineRun vault;
    private Path snapshot;

    @BeforeEach
    void createVaultAndSnapshotFile() throws Exception {
        vault = new OfflineRun(root, false);
        vault.createVault();
        snapshot = copyExample(root);
    }

    static Path copyExample(Path root) throws Exception {
        Path file = root.resolve("snapshot.json");
        try (InputStream in = SnapshotCommandTest.class.getResourceAsStream(EXAMPLE)) {
            assertThat(in).as("the example on the test classpath").isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> array(String json) {
        return (List<Map<String, Object>>) WireJson.read(json.getBytes(UTF_8), Integer.MAX_VALUE, "the output");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return (Map<String, Object>) WireJson.read(json.getBytes(UTF_8), Integer.MAX_VALUE, "the output");
    }

    @Test
    void the_migration_scenario_check_template_fill_in_create_check_register_apply() throws Exception {
        // when: the first check
        OfflineRun.Run first = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        // then: both keys are missing, each with its resource and path
        assertThat(first.exitCode()).as("stderr: %s", first.err()).isEqualTo(ExitStatus.MISSING_ENTRIES.code())
                .isEqualTo(3);
        assertThat(first.out()).containsPattern("(?m)^STATUS +KEY +RESOURCE +JSON PATH$")
                .containsPattern("(?m)^MISSING +" + SECRET_KEY.replace(".", "\\.")
                        + " +SOURCE/helpcenter_Qm7xK2 +configuration\\.parameters\\.ClientSecret\\.value$")
                .containsPattern("(?m)^MISSING +" + PASSWORD_KEY.replace(".", "\\.")
                        + " +SOURCE/helpcenter_Qm7xK2 +configuration\\.userIdentities\\.UserIdentity\\.password$")
                .contains("2 of 2 referenced keys are missing in acme");
        assertThat(first.err()).as("no console: no progress").isEmpty();

        // when: the template
        OfflineRun.Run template = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme");
        // then
        assertThat(template.exitCode()).as("stderr: %s", template.err()).isZero();
        List<Map<String, Object>> skeletons = array(template.out());
        assertThat(skeletons).extracting(skeleton -> skeleton.get("key")).containsExactly(SECRET_KEY, PASSWORD_KEY);
        assertThat(skeletons.get(0)).containsEntry("value", "").containsEntry("valueType", "STRING")
                .containsEntry("vaultVisibilityType", "STRICT")
                .containsEntry("attributeReferences", List.of(Map.of("jsonPath",
                        "configuration.parameters.ClientSecret.value", "resourceName", "helpcenter_Qm7xK2",
                        "resourceType", "SOURCE")));

        // when: the values are filled in the template and the file imported
        List<Map<String, Object>> filled = new ArrayList<>();
        for (Map<String, Object> skeleton : skeletons) {
            Map<String, Object> entry = new LinkedHashMap<>(skeleton);
            entry.put("value", SENTINEL + skeleton.get("key").hashCode());
            filled.add(entry);
        }
        Path filledIn = root.resolve("missing-filled.json");
        Files.write(filledIn, WireJson.write(filled));
        OfflineRun.Run imported = vault.vault("entry", "import", "-f", filledIn.toString(), "--org", "acme");
        assertThat(imported.exitCode()).as("stderr: %s", imported.err()).isZero();
        OfflineRun.Run second = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        // then
        assertThat(second.exitCode()).as("stdout: %s", second.out()).isZero();
        assertThat(second.out()).containsPattern("(?m)^found +" + SECRET_KEY.replace(".", "\\."))
                .contains("All 2 referenced keys exist in acme.").doesNotContain("MISSING");
        assertThat(array(vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme").out()))
                .as("nothing missing: an empty array").isEmpty();

        // when: registered and applied
        OfflineRun.Run registered = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme",
                "--note", "from staging");
        assertThat(registered.exitCode()).as("stderr: %s", registered.err()).isZero();
        String id = registered.out().strip();
        assertThat(registered.out()).isEqualTo(id + System.lineSeparator());
        assertThat(id).startsWith("acme-");
        OfflineRun.Run applied = vault.vault("snapshot", "apply", "--snapshot", id, "--org", "acme");
        // then
        assertThat(applied.exitCode()).as("stdout: %s", applied.out()).isZero();
        assertThat(applied.out()).startsWith("APPLY report acme-").contains(": SUCCESS (4 resources processed)",
                "SOURCE: created 1, updated 0, recreated 0, deleted 0, in error 0, unchanged 0");
        assertThat(vault.output()).doesNotContain(SENTINEL);
    }

    @Test
    void check_json_lists_every_reference_with_similar_keys_and_the_missing_keys() {
        // given: a look-alike of one key (upper case, O for 0) exists
        String lookAlike = "HELPCENTER_QM7XK2-configuration.parameters.ClientSecret.value";
        vault.createEntries("acme", List.of(Map.of("key", lookAlike, "value", SENTINEL)));
        // when
        OfflineRun.Run check = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme", "--json");
        // then
        assertThat(check.exitCode()).isEqualTo(3);
        Map<String, Object> document = object(check.out());
        assertThat(document).containsEntry("organizationId", "acme")
                .containsEntry("missing", List.of(SECRET_KEY, PASSWORD_KEY));
        assertThat(document.get("references")).isEqualTo(List.of(
                Map.of("key", SECRET_KEY, "resourceType", "SOURCE", "resourceName", "helpcenter_Qm7xK2",
                        "jsonPath", "configuration.parameters.ClientSecret.value", "in", "model", "found", false,
                        "similarKeys", List.of(lookAlike)),
                Map.of("key", PASSWORD_KEY, "resourceType", "SOURCE", "resourceName", "helpcenter_Qm7xK2",
                        "jsonPath", "configuration.userIdentities.UserIdentity.password", "in", "model",
                        "found", false, "similarKeys", List.of())));
        // and the text form says it too
        assertThat(vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme").out())
                .contains("similar to the missing " + SECRET_KEY + ": " + lookAlike);
        assertThat(vault.output()).doesNotContain(SENTINEL);
    }

    @Test
    void check_reads_a_zip_export_as_the_upload_route_does() throws Exception {
        // given: the example as a ZIP with one document per resource type
        SnapshotContent content = SnapshotFiles.read(Files.readAllBytes(snapshot), Optional.empty(), "example");
        Path zip = Files.write(root.resolve("export.zip"),
                SnapshotFiles.writeZip(content, SnapshotFiles.ContentFormat.SPLIT_PER_TYPE));
        // when
        OfflineRun.Run check = vault.vault("snapshot", "check", "-f", zip.toString(), "--org", "acme", "--json");
        // then
        assertThat(check.exitCode()).as("stderr: %s", check.err()).isEqualTo(3);
        assertThat(object(check.out())).containsEntry("missing", List.of(SECRET_KEY, PASSWORD_KEY));
    }

    @Test
    void a_sealed_store_exits_5_and_a_missing_one_too_without_creating_anything() throws Exception {
        // given
        Files.write(vault.dataDir().resolve("checkpoint"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        OfflineRun elsewhere = new OfflineRun(root.resolve("elsewhere"), false);
        // when
        OfflineRun.Run sealed = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        OfflineRun.Run missing = elsewhere.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        // then
        assertThat(sealed.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(sealed.err()).contains("did not open (STORE_CORRUPT)", "to recover:");
        assertThat(missing.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(elsewhere.dataDir()).doesNotExist();
        assertThat(elsewhere.keyFile()).doesNotExist();
    }

    @Test
    void progress_goes_to_stderr_only_when_a_console_is_attached() {
        OfflineRun withConsole = new OfflineRun(root, true);

        OfflineRun.Run check = withConsole.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme", "--json");

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.err()).contains("reading " + snapshot, "checking 2 referenced keys (2 references) in acme");
        assertThat(object(check.out())).containsKey("references");
    }

    @Test
    void a_bad_snapshot_file_exits_2_with_the_readers_message() throws Exception {
        Path notJson = Files.writeString(root.resolve("bad.json"), "{\"resources\": [", UTF_8);
        Path zip = Files.write(root.resolve("bad.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});

        for (String command : List.of("check", "template", "register")) {
            OfflineRun.Run bad = vault.vault("snapshot", command, "-f", notJson.toString(), "--org", "acme");
            OfflineRun.Run truncated = vault.vault("snapshot", command, "-f", zip.toString(), "--org", "acme");
            OfflineRun.Run absent = vault.vault("snapshot", command, "-f", root.resolve("nope.json").toString(),
                    "--org", "acme");
            assertThat(bad.exitCode()).as("%s: %s", command, bad.err()).isEqualTo(ExitStatus.USAGE.code());
            assertThat(bad.err()).contains("bad.json");
            assertThat(truncated.exitCode()).isEqualTo(2);
            assertThat(truncated.err()).contains("bad.zip", "ZIP");
            assertThat(absent.exitCode()).isEqualTo(2);
            assertThat(absent.err()).contains("nope.json does not exist");
            assertThat(bad.out() + truncated.out() + absent.out()).isEmpty();
        }
        assertThat(vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "not an org").exitCode())
                .isEqualTo(2);
    }

    @Test
    void template_writes_a_new_0600_file_and_never_overwrites_one() throws Exception {
        Path out = root.resolve("missing.json");

        OfflineRun.Run written = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme",
                "--output-file", out.toString());
        OfflineRun.Run again = vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme",
                "--output-file", out.toString());

        assertThat(written.exitCode()).isZero();
        assertThat(written.out()).isEmpty();
        assertThat(written.err()).contains("wrote 2 entry skeletons to " + out);
        assertThat(array(Files.readString(out, UTF_8))).hasSize(2);
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(out))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists; it is never overwritten");
    }

    @Test
    void apply_with_missing_entries_exits_3_naming_each_key_and_path_and_applies_nothing() {
        // given
        String id = vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme").out().strip();
        // when
        OfflineRun.Run dryRun = vault.vault("snapshot", "apply", "--snapshot", id, "--org", "acme", "--dry-run");
        OfflineRun.Run apply = vault.vault("snapshot", "apply", "--snapshot", id, "--org", "acme", "--delete-missing");
        // then
        for (OfflineRun.Run run : List.of(dryRun, apply)) {
            assertThat(run.exitCode()).as("stdout: %s", run.out()).isEqualTo(3);
            assertThat(run.out()).contains(": RESOURCES_IN_ERROR",
                    "INVALID_PLACEHOLDER SOURCE/helpcenter_Qm7xK2: missing key " + SECRET_KEY
                            + " at configuration.parameters.ClientSecret.value",
                    "INVALID_PLACEHOLDER SOURCE/helpcenter_Qm7xK2: missing key " + PASSWORD_KEY,
                    "Nothing was applied");
        }
        assertThat(dryRun.out()).startsWith("DRY_RUN report ");
        assertThat(apply.out()).startsWith("APPLY report ");
        assertThat(vault.vault("snapshot", "apply", "--snapshot", "acme-nope", "--org", "acme").exitCode()).isEqualTo(1);
    }

    @Test
    void a_server_the_command_line_cannot_reach_makes_every_command_exit_4_naming_the_pid() throws Exception {
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            serve.port();
            Files.delete(root.resolve("data/server.json"));
            List<OfflineRun.Run> runs = List.of(
                    vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme"),
                    vault.vault("snapshot", "template", "-f", snapshot.toString(), "--org", "acme"),
                    vault.vault("snapshot", "register", "-f", snapshot.toString(), "--org", "acme"),
                    vault.vault("snapshot", "apply", "--snapshot", "acme-x", "--org", "acme"),
                    vault.vault("fetch", "--from", "a", "--to", "b", "--snapshot", "b-x"),
                    vault.vault("ipe-params", "--org", "acme", "--extension", "x"));
            for (OfflineRun.Run run : runs) {
                assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(ExitStatus.STORE_LOCKED.code());
                assertThat(run.err()).contains("pid " + ProcessHandle.current().pid()).containsAnyOf(
                        "run this command through that server with --server URL and --token-file FILE",
                        "ipe-params reads the data directory itself and never runs through a server");
                assertThat(run.out()).isEmpty();
            }
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void help_of_every_command_has_examples_and_the_exit_codes() {
        for (List<String> command : List.of(List.of("snapshot", "check"), List.of("snapshot", "template"),
                List.of("snapshot", "register"), List.of("snapshot", "apply"), List.of("fetch"),
                List.of("ipe-params"), List.of("snapshot"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            OfflineRun.Run help = vault.run(args.toArray(String[]::new));
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: offline-vault " + String.join(" ", command), "Exit codes:",
                    ExitStatus.STORE_SEALED.meaning());
            // 3 only where entries can be missing: check, template, apply (and their group)
            boolean canMissEntries = command.size() == 1 ? command.get(0).equals("snapshot")
                    : List.of("check", "template", "apply").contains(command.get(1));
            assertThat(help.out().contains(ExitStatus.MISSING_ENTRIES.meaning())).as(String.join(" ", command))
                    .isEqualTo(canMissEntries);
            if (command.size() > 1 || !command.get(0).equals("snapshot")) {
                assertThat(help.out()).contains("Examples:", "--data-dir=DIR");
            }
        }
        OfflineRun.Run bare = vault.run("snapshot");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("Missing a snapshot command");
    }
}

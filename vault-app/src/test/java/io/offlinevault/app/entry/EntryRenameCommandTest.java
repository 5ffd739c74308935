package io.offlinevault.app.entry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coveo's "Create a Vault Entry" article, through the command line: the snapshot references the source
 * {@code originorganizationid_iynO7X}, the entry is created as {@code ..._iyn07x} (zero, small x); the command
 * line warns where the mistake is made, the check names the look-alike, and a rename fixes it without the
 * STRICT value being typed again.
 */
class EntryRenameCommandTest {
    private static final String REFERENCED = "originorganizationid_iynO7X-configuration.parameters.secretKey.value";
    private static final String MISTYPED = "originorganizationid_iyn07x-configuration.parameters.secretKey.value";
    private static final String SENTINEL = "strict-sentinel-article";

    @TempDir
    Path root;

    private OfflineRun vault;

    @BeforeEach
    void a_vault() {
        vault = new OfflineRun(root, true);
        vault.createVault();
    }

    private Path file(String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }

    @Test
    void the_articles_entry_is_created_with_a_warning_then_renamed_and_the_check_passes() throws Exception {
        Path snapshot = file("snapshot.json", """
                {"resources": {"SOURCE": [{"resourceName": "originorganizationid_iynO7X",
                  "model": {"configuration": {"parameters": {"secretKey": {"value":
                    "{{ VAULT.originorganizationid_iynO7X-configuration.parameters.secretKey.value }}"}}}}}]}}""");
        Path entry = file("entry.json", """
                {"key": "%s", "value": "%s", "vaultVisibilityType": "STRICT",
                 "attributeReferences": [{"resourceName": "originorganizationid_iynO7X", "resourceType": "SOURCE",
                                          "jsonPath": "configuration.parameters.secretKey.value"}]}"""
                .formatted(MISTYPED, SENTINEL));

        OfflineRun.Run created = vault.vault("entry", "create", "--org", "acme", "-f", entry.toString());
        OfflineRun.Run before = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");

        assertThat(created.exitCode()).as("a warning keeps the exit code").isZero();
        assertThat(created.err()).contains("warning: ", "key.reference_mismatch", "Rename the entry to " + REFERENCED,
                "offline-vault entry rename --org acme --key " + MISTYPED + " --to " + REFERENCED);
        assertThat(before.exitCode()).isEqualTo(ExitStatus.MISSING_ENTRIES.code());
        assertThat(before.out()).contains(MISTYPED);

        OfflineRun.Run renamed = vault.vault("entry", "rename", "--org", "acme", "--key", MISTYPED,
                "--to", REFERENCED);
        OfflineRun.Run after = vault.vault("snapshot", "check", "-f", snapshot.toString(), "--org", "acme");
        OfflineRun.Run revealed = vault.vault("entry", "get", "--org", "acme", "--key", REFERENCED);

        assertThat(renamed.exitCode()).as(renamed.err()).isZero();
        assertThat(renamed.out()).contains("renamed entry '" + MISTYPED + "' to '" + REFERENCED + "' in acme");
        assertThat(renamed.err()).as("the new key is the referenced one").doesNotContain("warning");
        assertThat(after.exitCode()).as(after.out()).isZero();
        assertThat(revealed.out()).contains("\"vaultVisibilityType\":\"STRICT\"");
        assertThat(vault.output()).doesNotContain(SENTINEL);
    }

    @Test
    void rename_of_an_unknown_key_or_to_an_existing_one_exits_1_and_to_an_invalid_key_exits_2() {
        vault.createEntries("acme", List.of(Map.of("key", "a", "value", SENTINEL), Map.of("key", "b", "value", "v")));

        OfflineRun.Run unknown = vault.vault("entry", "rename", "--org", "acme", "--key", "none", "--to", "c");
        OfflineRun.Run taken = vault.vault("entry", "rename", "--org", "acme", "--key", "a", "--to", "b");
        OfflineRun.Run unchanged = vault.vault("entry", "rename", "--org", "acme", "--key", "a", "--to", "a");
        OfflineRun.Run invalid = vault.vault("entry", "rename", "--org", "acme", "--key", "a", "--to", "bad key");

        assertThat(unknown.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(taken.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(unchanged.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(unchanged.err()).contains("newKey  newKey.unchanged");
        assertThat(invalid.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(invalid.err()).contains("newKey  newKey.invalid_character");
        assertThat(vault.output()).doesNotContain(SENTINEL);
    }

    @Test
    void an_update_that_sets_mismatching_references_warns_and_one_that_does_not_stays_quiet() throws Exception {
        vault.createEntries("acme", List.of(Map.of("key", "k", "value", "v")));

        OfflineRun.Run value = vault.vault("entry", "update", "--org", "acme", "--key", "k", "--value-file",
                file("v", "w\n").toString());
        OfflineRun.Run references = vault.vault("entry", "update", "--org", "acme", "--key", "k", "--reference",
                "SOURCE:src:a.b");

        assertThat(value.exitCode()).isZero();
        assertThat(value.err()).doesNotContain("warning");
        assertThat(references.exitCode()).as(references.err()).isZero();
        assertThat(references.err()).contains("warning: ", "src-a.b");
    }

    @Test
    void import_warns_for_each_item_whose_key_its_references_do_not_spell_out() throws Exception {
        Path entries = file("entries.json", """
                [{"key": "right-a.b", "value": "v", "attributeReferences": [
                   {"resourceName": "right", "resourceType": "SOURCE", "jsonPath": "a.b"}]},
                 {"key": "wrong", "value": "v", "attributeReferences": [
                   {"resourceName": "src", "resourceType": "SOURCE", "jsonPath": "a.b"}]}]""");

        OfflineRun.Run imported = vault.vault("entry", "import", "-f", entries.toString(), "--org", "acme");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("--key wrong --to src-a.b").doesNotContain("--key right-a.b");
    }
}

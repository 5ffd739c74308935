package io.offlinevault.app.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun.Run;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code offline-vault entry import} in-process, through picocli, on a vault under a temp dir. */
class EntryImportCommandTest {
    private static final String NL = System.lineSeparator();

    private final EntryCommandRun vault;

    EntryImportCommandTest(@TempDir Path root) {
        vault = EntryCommandRun.initialized(root);
    }

    @Test
    void import_creates_every_entry_in_one_commit() throws Exception {
        // given
        Path items = vault.file("items.json", "[{\"key\": \"a\", \"value\": \"1\", \"valueType\": \"INTEGER\"},"
                + " {\"key\": \"s-p\", \"value\": \"x\", \"vaultVisibilityType\": \"PUBLIC\","
                + " \"attributeReferences\": [{\"resourceType\": \"SOURCE\", \"resourceName\": \"s\", \"jsonPath\": \"p\"}]}]");
        // when
        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme");
        // then
        assertThat(imported.exitCode()).as("stderr: %s", imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported 2 entries into acme (2 created, 0 updated) in one commit" + NL);
        assertThat(imported.err()).isEqualTo("writing 2 entries in one commit" + NL);
        assertThat(vault.stored()).extracting(entry -> entry.key().value()).containsExactly("a", "s-p");
    }

    @Test
    void import_without_a_console_prints_no_progress() throws Exception {
        vault.withoutConsole();
        Path items = vault.file("items.json", "[{\"key\": \"a\", \"value\": \"1\"}]");

        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme");

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.err()).isEmpty();
    }

    @Test
    void import_reports_every_invalid_item_at_once_and_writes_nothing() throws Exception {
        // given: items 1, 2 and 3 are invalid, items 0 and 4 valid
        Path items = vault.file("items.json", "[{\"key\": \"ok\", \"value\": \"v\"},"
                + " {\"key\": \"n\", \"value\": \"1.5\", \"valueType\": \"INTEGER\"},"
                + " {\"key\": \"fetch\", \"value\": \"v\"},"
                + " {\"key\": \"blank\", \"value\": \"  \", \"vaultVisibilityType\": \"LOUD\"},"
                + " {\"key\": \"ok2\", \"value\": \"v\"}]");
        // when
        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme");
        // then
        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("Nothing was imported: 3 of 5 items in " + items + " are invalid (4 rules broken):",
                "item 1 (key 'n'): value  value.invalid_for_type", "item 2 (key 'fetch'): key  key.reserved",
                "item 3 (key 'blank'): vaultVisibilityType  vaultVisibilityType.invalid",
                "item 3 (key 'blank'): value  value.blank",
                "Fill in the values that offline-vault snapshot template left empty, then import again.");
        assertThat(imported.err()).doesNotContain("item 0", "item 4");
        assertThat(imported.out()).isEmpty();
        assertThat(vault.stored()).isEmpty();
    }

    @Test
    void import_of_a_repeated_key_is_invalid() throws Exception {
        Path items = vault.file("items.json",
                "[{\"key\": \"a\", \"value\": \"v\"}, {\"key\": \"a\", \"value\": \"w\"}]");

        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("item 1 (key 'a'): key  key.duplicate");
        assertThat(vault.stored()).isEmpty();
    }

    @Test
    void import_over_an_existing_key_without_update_exits_1_naming_it_and_writes_nothing() throws Exception {
        // given
        vault.create("taken", "stored");
        Path items = vault.file("items.json",
                "[{\"key\": \"new\", \"value\": \"v\"}, {\"key\": \"taken\", \"value\": \"w\"}]");
        // when
        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme");
        // then
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).contains("Nothing was imported: 1 key already exists in acme: taken", "--update");
        assertThat(vault.stored()).extracting(entry -> entry.key().value()).containsExactly("taken");
        assertThat(vault.stored("taken").orElseThrow().value().reveal()).isEqualTo("stored");
    }

    @Test
    void import_with_update_updates_existing_keys_keeping_absent_fields() throws Exception {
        // given
        vault.create("taken", "stored", "--visibility", "OBFUSCATED", "--scope", "EXTENSION:e", "--reference",
                "SOURCE:s:p");
        Path items = vault.file("items.json",
                "[{\"key\": \"new\", \"value\": \"v\"}, {\"key\": \"taken\", \"value\": \"w\"}]");
        // when
        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme", "--update");
        // then
        assertThat(imported.exitCode()).as("stderr: %s", imported.err()).isZero();
        assertThat(imported.out()).contains("(1 created, 1 updated)");
        VaultEntry taken = vault.stored("taken").orElseThrow();
        assertThat(taken.value().reveal()).isEqualTo("w");
        assertThat(taken.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(taken.scopes()).hasSize(1);
        assertThat(taken.attributeReferences()).hasSize(1);
        assertThat(vault.stored("new")).isPresent();
    }

    @Test
    void import_with_update_keeps_the_escalation_rule() throws Exception {
        vault.create("taken", "stored");
        Path items = vault.file("items.json", "[{\"key\": \"taken\", \"vaultVisibilityType\": \"PUBLIC\"}]");

        Run imported = vault.entry("import", "-f", items.toString(), "--org", "acme", "--update");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("item 0 (key 'taken'): vaultVisibilityType  vaultVisibilityType.downgrade_requires_value");
        assertThat(vault.stored("taken").orElseThrow().visibility()).isEqualTo(Visibility.STRICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"key\": \"a\"}", "[1, {\"key\": \"a\", \"value\": \"v\"}]", "[{", ""})
    void import_of_a_file_that_is_not_an_array_of_objects_exits_2(String content) throws Exception {
        Run imported = vault.entry("import", "-f", vault.file("items.json", content).toString(), "--org", "acme");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.out()).isEmpty();
        assertThat(vault.stored()).isEmpty();
    }
}

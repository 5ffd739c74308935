package io.offlinevault.app.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun.Run;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code offline-vault entry create|get|list|update|delete|reveal} in-process, through picocli, on a vault under a
 * temp dir.
 */
class EntryCommandTest {
    private static final String NL = System.lineSeparator();
    // Values that no command but reveal may print.
    private static final String STRICT_SENTINEL = "strict-sentinel-7f3a9c";
    private static final String OBFUSCATED_SENTINEL = "obfuscated-sentinel-b41d2e";

    private final EntryCommandRun vault;

    EntryCommandTest(@TempDir Path root) {
        vault = EntryCommandRun.initialized(root);
    }

    @Test
    void create_from_a_value_file_stores_the_value_without_its_trailing_newline_and_prints_no_value()
            throws Exception {
        // when
        Run created = vault.entry("create", "--org", "acme", "--key", "db-password", "--value-file",
                vault.file("v.txt", STRICT_SENTINEL + "\n").toString(), "--reference",
                "SOURCE:my-source:configuration.password",
                "--scope", "EXTENSION:ext-1");
        // then
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        assertThat(created.out()).isEqualTo("created entry 'db-password' in acme (STRING, STRICT)" + NL);
        VaultEntry entry = vault.stored("db-password").orElseThrow();
        assertThat(entry.value().reveal()).isEqualTo(STRICT_SENTINEL);
        assertThat(entry.visibility()).isEqualTo(Visibility.STRICT);
        assertThat(entry.attributeReferences()).hasSize(1);
        assertThat(entry.attributeReferences().get(0).resourceName()).isEqualTo("my-source");
        assertThat(entry.scopes()).hasSize(1);
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void create_from_stdin_drops_one_trailing_newline_only() {
        // given
        vault.stdin("  two lines\nof value\n\n");
        // when
        Run created = vault.entry("create", "--org", "acme", "--key", "multi", "--value-stdin", "--visibility",
                "obfuscated");
        // then
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        assertThat(vault.stored("multi").orElseThrow().value().reveal()).isEqualTo("  two lines\nof value\n");
    }

    @Test
    void create_from_a_json_file_takes_the_api_shape() throws Exception {
        // given
        Path json = vault.file("entry.json", "{\"key\": \"port\", \"value\": \"8080\", \"valueType\": \"integer\","
                + " \"vaultVisibilityType\": \"PUBLIC\", \"scopes\": [{\"resourceType\": \"EXTENSION\", \"id\": \"e\"}]}");
        // when
        Run created = vault.entry("create", "--org", "acme", "-f", json.toString());
        // then
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        assertThat(created.out()).contains("created entry 'port' in acme (INTEGER, PUBLIC)");
        assertThat(vault.stored("port").orElseThrow().scopes()).hasSize(1);
    }

    @Test
    void create_reports_every_broken_rule_with_field_and_code_and_exits_2_writing_nothing() throws Exception {
        // when
        Run invalid = vault.entry("create", "--org", "acme", "--key", "fetch", "--value-file",
                vault.file("v", "1.5").toString(),
                "--type", "INTEGER", "--visibility", "LOUD", "--reference", "SOURCE:src:");
        // then
        assertThat(invalid.exitCode()).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("The vault entry is invalid (", "key  key.reserved",
                "vaultVisibilityType  vaultVisibilityType.invalid  must be one of");
        assertThat(invalid.err().lines().filter(line -> line.startsWith("  ")).count()).isGreaterThanOrEqualTo(3);
        assertThat(invalid.out()).isEmpty();
        assertThat(vault.stored()).isEmpty();
    }

    @Test
    void create_a_value_of_the_wrong_type_is_reported_without_the_value() throws Exception {
        Run invalid = vault.entry("create", "--org", "acme", "--key", "n", "--value-file",
                vault.file("v", STRICT_SENTINEL).toString(), "--type", "INTEGER");

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("value  value.invalid_for_type").doesNotContain(STRICT_SENTINEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-value", "json-and-key", "no-key", "bad-org", "both-value-sources", "bad-reference",
            "bad-scope", "missing-value-file"})
    void create_bad_input_exits_2_and_writes_nothing(String problem) throws Exception {
        String value = vault.file("v", "x").toString();
        List<String> args = switch (problem) {
            case "no-value" -> List.of("--org", "acme", "--key", "k");
            case "json-and-key" -> List.of("--org", "acme", "--key", "k", "-f",
                    vault.file("e.json", "{}").toString());
            case "no-key" -> List.of("--org", "acme", "--value-file", value);
            case "bad-org" -> List.of("--org", "not an org", "--key", "k", "--value-file", value);
            case "both-value-sources" -> List.of("--org", "acme", "--key", "k", "--value-file", value, "--value-stdin");
            case "bad-reference" -> List.of("--org", "acme", "--key", "k", "--value-file", value, "--reference", "SOURCE");
            case "bad-scope" -> List.of("--org", "acme", "--key", "k", "--value-file", value, "--scope", "EXTENSION");
            case "missing-value-file" -> List.of("--org", "acme", "--key", "k", "--value-file",
                    vault.root().resolve("absent").toString());
            default -> throw new IllegalArgumentException(problem);
        };
        List<String> all = new ArrayList<>(List.of("create"));
        all.addAll(args);

        Run run = vault.entry(all.toArray(String[]::new));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(vault.stored()).isEmpty();
    }

    @Test
    void create_of_an_existing_key_exits_1() throws Exception {
        vault.create("k", "first");

        Run again = vault.entry("create", "--org", "acme", "--key", "k", "--value-file",
                vault.file("v2", "second").toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(vault.stored("k").orElseThrow().value().reveal()).isEqualTo("first");
    }

    @Test
    void get_prints_the_wire_json_with_a_value_only_when_public() throws Exception {
        // given
        vault.create("secret", STRICT_SENTINEL);
        vault.create("hidden", OBFUSCATED_SENTINEL, "--visibility", "OBFUSCATED");
        vault.create("url", "https://example.com", "--visibility", "PUBLIC");
        // when
        Run secret = vault.entry("get", "--org", "acme", "--key", "secret");
        Run hidden = vault.entry("get", "--org", "acme", "--key", "hidden");
        Run url = vault.entry("get", "--org", "acme", "--key", "url");
        // then
        assertThat(secret.exitCode()).isZero();
        assertThat(secret.out()).isEqualTo("{\"organizationId\":\"acme\",\"key\":\"secret\",\"valueType\":\"STRING\","
                + "\"vaultVisibilityType\":\"STRICT\",\"public\":false,\"attributeReferences\":[],\"scopes\":[]}" + NL);
        assertThat(hidden.out()).doesNotContain("\"value\"");
        assertThat(url.out()).contains("\"value\":\"https://example.com\"", "\"public\":true");
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL, OBFUSCATED_SENTINEL);
    }

    @Test
    void get_of_an_unknown_key_exits_1_and_of_a_bad_key_exits_2() {
        Run unknown = vault.entry("get", "--org", "acme", "--key", "nope");
        Run bad = vault.entry("get", "--org", "acme", "--key", "a{b");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("No vault entry with key 'nope' exists in organization 'acme'.");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("key  key.");
    }

    @Test
    void list_prints_a_table_or_the_api_page_and_pages() throws Exception {
        // given
        vault.create("b-key", STRICT_SENTINEL);
        vault.create("a-key", "1", "--type", "INTEGER", "--visibility", "PUBLIC");
        // when
        Run table = vault.entry("list", "--org", "acme");
        Run json = vault.entry("list", "--org", "acme", "--json", "--page-size", "1", "--page", "1");
        Run secondPage = vault.entry("list", "--org", "acme", "--page-size", "1", "--page", "1");
        Run empty = vault.entry("list", "--org", "other");
        Run badSize = vault.entry("list", "--org", "acme", "--page-size", "0");
        // then
        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().toList()).containsExactly(
                "KEY    TYPE     VISIBILITY",
                "a-key  INTEGER  PUBLIC",
                "b-key  STRING   STRICT");
        assertThat(json.out()).startsWith("{\"items\":[{\"organizationId\":\"acme\",\"key\":\"b-key\"")
                .contains("\"totalEntries\":2,\"totalPages\":2");
        assertThat(secondPage.out()).contains("b-key", "page 1 of 2");
        assertThat(empty.out()).isEqualTo("no entries in other" + NL);
        assertThat(badSize.exitCode()).isEqualTo(2);
        assertThat(badSize.err()).contains("pageSize must be between 1 and 1000.");
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void update_changes_the_given_fields_and_keeps_the_others() throws Exception {
        // given
        vault.create("k", "old", "--visibility", "OBFUSCATED", "--reference", "SOURCE:s:a.b", "--scope", "EXTENSION:e");
        // when
        Run updated = vault.entry("update", "--org", "acme", "--key", "k", "--value-file",
                vault.file("new", "new\n").toString());
        // then
        assertThat(updated.exitCode()).as("stderr: %s", updated.err()).isZero();
        assertThat(updated.out()).isEqualTo("updated entry 'k' in acme (STRING, OBFUSCATED)" + NL);
        VaultEntry entry = vault.stored("k").orElseThrow();
        assertThat(entry.value().reveal()).isEqualTo("new");
        assertThat(entry.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(entry.attributeReferences()).hasSize(1);
        assertThat(entry.scopes()).hasSize(1);
        assertThat(vault.output()).doesNotContain("old" + NL, "new" + NL + "updated");
    }

    @Test
    void update_to_a_more_visible_entry_without_a_value_exits_2_and_changes_nothing() throws Exception {
        vault.create("k", STRICT_SENTINEL);

        Run escalated = vault.entry("update", "--org", "acme", "--key", "k", "--visibility", "PUBLIC");

        assertThat(escalated.exitCode()).isEqualTo(2);
        assertThat(escalated.err()).contains("vaultVisibilityType  vaultVisibilityType.downgrade_requires_value");
        assertThat(vault.stored("k").orElseThrow().visibility()).isEqualTo(Visibility.STRICT);
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void update_with_nothing_to_change_exits_2_and_of_an_unknown_key_exits_1() throws Exception {
        Run nothing = vault.entry("update", "--org", "acme", "--key", "k");
        Run unknown = vault.entry("update", "--org", "acme", "--key", "k", "--type", "STRING");

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to update");
        assertThat(unknown.exitCode()).isEqualTo(1);
    }

    @Test
    void delete_removes_the_entry_and_a_second_delete_exits_1() throws Exception {
        vault.create("k", "v");

        Run deleted = vault.entry("delete", "--org", "acme", "--key", "k");
        Run again = vault.entry("delete", "--org", "acme", "--key", "k");

        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted entry 'k' in acme" + NL);
        assertThat(vault.stored()).isEmpty();
        assertThat(again.exitCode()).isEqualTo(1);
    }

    @Test
    void reveal_prints_public_and_obfuscated_values_alone_and_refuses_strict() throws Exception {
        // given
        vault.create("secret", STRICT_SENTINEL);
        vault.create("hidden", OBFUSCATED_SENTINEL, "--visibility", "OBFUSCATED");
        vault.create("url", "https://example.com", "--visibility", "PUBLIC");
        // when
        Run hidden = vault.entry("reveal", "--org", "acme", "--key", "hidden");
        Run url = vault.entry("reveal", "--org", "acme", "--key", "url");
        Run secret = vault.entry("reveal", "--org", "acme", "--key", "secret");
        // then
        assertThat(hidden.exitCode()).isZero();
        assertThat(hidden.out()).isEqualTo(OBFUSCATED_SENTINEL + NL);
        assertThat(hidden.err()).isEmpty();
        assertThat(url.out()).isEqualTo("https://example.com" + NL);
        assertThat(secret.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(secret.out()).isEmpty();
        assertThat(secret.err()).contains("The entry 'secret' in acme is STRICT: its value is never revealed.");
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void no_command_but_reveal_prints_a_value() throws Exception {
        // given: a STRICT and an OBFUSCATED sentinel, through every way in
        vault.stdin(OBFUSCATED_SENTINEL + "\n");
        assertThat(vault.entry("create", "--org", "acme", "--key", "o", "--value-stdin", "--visibility", "OBFUSCATED")
                .exitCode()).isZero();
        vault.create("s", STRICT_SENTINEL);
        Path items = vault.file("items.json", "[{\"key\": \"i\", \"value\": \"" + STRICT_SENTINEL + "-i\"},"
                + " {\"key\": \"s\", \"value\": \"" + STRICT_SENTINEL + "-2\"}]");
        // when: every command but reveal, failures included
        vault.entry("get", "--org", "acme", "--key", "o");
        vault.entry("get", "--org", "acme", "--key", "s");
        vault.entry("list", "--org", "acme");
        vault.entry("list", "--org", "acme", "--json");
        vault.entry("import", "-f", items.toString(), "--org", "acme");
        vault.entry("import", "-f", items.toString(), "--org", "acme", "--update");
        vault.entry("create", "--org", "acme", "--key", "s", "--value-file",
                vault.file("v", STRICT_SENTINEL).toString());
        vault.entry("create", "--org", "acme", "--key", "bad", "--type", "INTEGER", "--value-file",
                vault.file("w", STRICT_SENTINEL).toString());
        vault.entry("update", "--org", "acme", "--key", "s", "--type", "BOOLEAN", "--value-file",
                vault.file("x", STRICT_SENTINEL).toString());
        vault.entry("update", "--org", "acme", "--key", "o", "--visibility", "PUBLIC");
        vault.entry("delete", "--org", "acme", "--key", "i");
        // then
        assertThat(vault.output()).doesNotContain(STRICT_SENTINEL, OBFUSCATED_SENTINEL);
        assertThat(vault.stored("s").orElseThrow().value().reveal()).isEqualTo(STRICT_SENTINEL + "-2");
    }
}

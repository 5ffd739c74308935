package io.offlinevault.app.entry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code offline-vault entry ...} in-process, through picocli, on a vault under a temp dir. */
class EntryCommandTest {
    private static final String NL = System.lineSeparator();
    private static final OrganizationId ACME = OrganizationId.of("acme");
    // Values that no command but reveal may print.
    private static final String STRICT_SENTINEL = "strict-sentinel-7f3a9c";
    private static final String OBFUSCATED_SENTINEL = "obfuscated-sentinel-b41d2e";

    @TempDir
    Path root;

    private final StringWriter everything = new StringWriter();
    private final StringWriter console = new StringWriter();
    private boolean withConsole = true;
    private String stdin = "";

    private Path dataDir() {
        return root.resolve("data");
    }

    private Path keyFile() {
        return root.resolve("keys/vault.key");
    }

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void a_vault() {
        Run init = run("init", "--data-dir", dataDir().toString(), "--key-file", keyFile().toString());
        assertThat(init.exitCode()).as("stderr: %s", init.err()).isZero();
        everything.getBuffer().setLength(0);
    }

    /** Runs {@code offline-vault entry <args> --data-dir .. --key-file ..}. */
    private Run entry(String... args) {
        List<String> command = new ArrayList<>(List.of("entry"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir().toString(), "--key-file", keyFile().toString()));
        return run(command.toArray(String[]::new));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = withConsole ? () -> Optional.of(new PrintWriter(console, true)) : Terminal.none();
        byte[] input = stdin.getBytes(UTF_8);
        Surroundings surroundings = new Surroundings(Map.of(), root.resolve("home"), terminal, stop -> { },
                () -> new ByteArrayInputStream(input));
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true), args);
        everything.append(out.toString()).append(err.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }

    private void create(String key, String value, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "--org", "acme", "--key", key, "--value-file",
                file(key + ".value", value + "\n").toString()));
        args.addAll(List.of(options));
        Run created = entry(args.toArray(String[]::new));
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
    }

    private List<VaultEntry> stored() {
        try (FileVaultStore store = FileVaultStore.open(StoreLocation.of(dataDir(), keyFile()),
                OpenOptions.of(Clock.system()))) {
            return new VaultEntryService(store.repository()).list(Caller.owner(), ACME, PageRequest.first()).items();
        }
    }

    private Optional<VaultEntry> stored(String key) {
        return stored().stream().filter(entry -> entry.key().equals(EntryKey.of(key))).findFirst();
    }

    private String output() {
        return everything + console.toString();
    }

    @Test
    void create_from_a_value_file_stores_the_value_without_its_trailing_newline_and_prints_no_value()
            throws Exception {
        // when
        Run created = entry("create", "--org", "acme", "--key", "db-password", "--value-file",
                file("v.txt", STRICT_SENTINEL + "\n").toString(), "--reference", "SOURCE:my-source:configuration.password",
                "--scope", "EXTENSION:ext-1");
        // then
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        assertThat(created.out()).isEqualTo("created entry 'db-password' in acme (STRING, STRICT)" + NL);
        VaultEntry entry = stored("db-password").orElseThrow();
        assertThat(entry.value().reveal()).isEqualTo(STRICT_SENTINEL);
        assertThat(entry.visibility()).isEqualTo(Visibility.STRICT);
        assertThat(entry.attributeReferences()).hasSize(1);
        assertThat(entry.attributeReferences().get(0).resourceName()).isEqualTo("my-source");
        assertThat(entry.scopes()).hasSize(1);
        assertThat(output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void create_from_stdin_drops_one_trailing_newline_only() {
        // given
        stdin = "  two lines\nof value\n\n";
        // when
        Run created = entry("create", "--org", "acme", "--key", "multi", "--value-stdin", "--visibility", "obfuscated");
        // then
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        assertThat(stored("multi").orElseThrow().value().reveal()).isEqualTo("  two lines\nof value\n");
    }

    @Test
    void create_from_a_json_file_takes_the_api_shape() throws Exception {
        // given
        Path json = file("entry.json", "{\"key\": \"port\", \"value\": \"8080\", \"valueType\": \"integer\","
                + " \"vaultVisibilityType\": \"PUBLIC\", \"scopes\": [{\"resourceType\": \"EXTENSION\", \"id\": \"e\"}]}");
        // when
        Run created = entry("create", "--org", "acme", "--json", json.toString());
        // then
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        assertThat(created.out()).contains("created entry 'port' in acme (INTEGER, PUBLIC)");
        assertThat(stored("port").orElseThrow().scopes()).hasSize(1);
    }

    @Test
    void create_reports_every_broken_rule_with_field_and_code_and_exits_2_writing_nothing() throws Exception {
        // when
        Run invalid = entry("create", "--org", "acme", "--key", "fetch", "--value-file", file("v", "1.5").toString(),
                "--type", "INTEGER", "--visibility", "LOUD", "--reference", "SOURCE:src:");
        // then
        assertThat(invalid.exitCode()).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("The vault entry is invalid (", "key  key.reserved",
                "vaultVisibilityType  vaultVisibilityType.invalid  must be one of");
        assertThat(invalid.err().lines().filter(line -> line.startsWith("  ")).count()).isGreaterThanOrEqualTo(3);
        assertThat(invalid.out()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void create_a_value_of_the_wrong_type_is_reported_without_the_value() throws Exception {
        Run invalid = entry("create", "--org", "acme", "--key", "n", "--value-file",
                file("v", STRICT_SENTINEL).toString(), "--type", "INTEGER");

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("value  value.invalid_for_type").doesNotContain(STRICT_SENTINEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-value", "json-and-key", "no-key", "bad-org", "both-value-sources", "bad-reference",
            "bad-scope", "missing-value-file"})
    void create_bad_input_exits_2_and_writes_nothing(String problem) throws Exception {
        String value = file("v", "x").toString();
        List<String> args = switch (problem) {
            case "no-value" -> List.of("--org", "acme", "--key", "k");
            case "json-and-key" -> List.of("--org", "acme", "--key", "k", "--json", file("e.json", "{}").toString());
            case "no-key" -> List.of("--org", "acme", "--value-file", value);
            case "bad-org" -> List.of("--org", "not an org", "--key", "k", "--value-file", value);
            case "both-value-sources" -> List.of("--org", "acme", "--key", "k", "--value-file", value, "--value-stdin");
            case "bad-reference" -> List.of("--org", "acme", "--key", "k", "--value-file", value, "--reference", "SOURCE");
            case "bad-scope" -> List.of("--org", "acme", "--key", "k", "--value-file", value, "--scope", "EXTENSION");
            case "missing-value-file" -> List.of("--org", "acme", "--key", "k", "--value-file",
                    root.resolve("absent").toString());
            default -> throw new IllegalArgumentException(problem);
        };
        List<String> all = new ArrayList<>(List.of("create"));
        all.addAll(args);

        Run run = entry(all.toArray(String[]::new));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void create_of_an_existing_key_exits_1() throws Exception {
        create("k", "first");

        Run again = entry("create", "--org", "acme", "--key", "k", "--value-file", file("v2", "second").toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(stored("k").orElseThrow().value().reveal()).isEqualTo("first");
    }

    @Test
    void get_prints_the_wire_json_with_a_value_only_when_public() throws Exception {
        // given
        create("secret", STRICT_SENTINEL);
        create("hidden", OBFUSCATED_SENTINEL, "--visibility", "OBFUSCATED");
        create("url", "https://example.com", "--visibility", "PUBLIC");
        // when
        Run secret = entry("get", "--org", "acme", "--key", "secret");
        Run hidden = entry("get", "--org", "acme", "--key", "hidden");
        Run url = entry("get", "--org", "acme", "--key", "url");
        // then
        assertThat(secret.exitCode()).isZero();
        assertThat(secret.out()).isEqualTo("{\"organizationId\":\"acme\",\"key\":\"secret\",\"valueType\":\"STRING\","
                + "\"vaultVisibilityType\":\"STRICT\",\"public\":false,\"attributeReferences\":[],\"scopes\":[]}" + NL);
        assertThat(hidden.out()).doesNotContain("\"value\"");
        assertThat(url.out()).contains("\"value\":\"https://example.com\"", "\"public\":true");
        assertThat(output()).doesNotContain(STRICT_SENTINEL, OBFUSCATED_SENTINEL);
    }

    @Test
    void get_of_an_unknown_key_exits_1_and_of_a_bad_key_exits_2() {
        Run unknown = entry("get", "--org", "acme", "--key", "nope");
        Run bad = entry("get", "--org", "acme", "--key", "a{b");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("No vault entry with key 'nope' exists in organization 'acme'.");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("key  key.");
    }

    @Test
    void list_prints_a_table_or_the_api_page_and_pages() throws Exception {
        // given
        create("b-key", STRICT_SENTINEL);
        create("a-key", "1", "--type", "INTEGER", "--visibility", "PUBLIC");
        // when
        Run table = entry("list", "--org", "acme");
        Run json = entry("list", "--org", "acme", "--json", "--page-size", "1", "--page", "1");
        Run secondPage = entry("list", "--org", "acme", "--page-size", "1", "--page", "1");
        Run empty = entry("list", "--org", "other");
        Run badSize = entry("list", "--org", "acme", "--page-size", "0");
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
        assertThat(output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void update_changes_the_given_fields_and_keeps_the_others() throws Exception {
        // given
        create("k", "old", "--visibility", "OBFUSCATED", "--reference", "SOURCE:s:a.b", "--scope", "EXTENSION:e");
        // when
        Run updated = entry("update", "--org", "acme", "--key", "k", "--value-file", file("new", "new\n").toString());
        // then
        assertThat(updated.exitCode()).as("stderr: %s", updated.err()).isZero();
        assertThat(updated.out()).isEqualTo("updated entry 'k' in acme (STRING, OBFUSCATED)" + NL);
        VaultEntry entry = stored("k").orElseThrow();
        assertThat(entry.value().reveal()).isEqualTo("new");
        assertThat(entry.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(entry.attributeReferences()).hasSize(1);
        assertThat(entry.scopes()).hasSize(1);
        assertThat(output()).doesNotContain("old" + NL, "new" + NL + "updated");
    }

    @Test
    void update_to_a_more_visible_entry_without_a_value_exits_2_and_changes_nothing() throws Exception {
        create("k", STRICT_SENTINEL);

        Run escalated = entry("update", "--org", "acme", "--key", "k", "--visibility", "PUBLIC");

        assertThat(escalated.exitCode()).isEqualTo(2);
        assertThat(escalated.err()).contains("vaultVisibilityType  vaultVisibilityType.downgrade_requires_value");
        assertThat(stored("k").orElseThrow().visibility()).isEqualTo(Visibility.STRICT);
        assertThat(output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void update_with_nothing_to_change_exits_2_and_of_an_unknown_key_exits_1() throws Exception {
        Run nothing = entry("update", "--org", "acme", "--key", "k");
        Run unknown = entry("update", "--org", "acme", "--key", "k", "--type", "STRING");

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to update");
        assertThat(unknown.exitCode()).isEqualTo(1);
    }

    @Test
    void delete_removes_the_entry_and_a_second_delete_exits_1() throws Exception {
        create("k", "v");

        Run deleted = entry("delete", "--org", "acme", "--key", "k");
        Run again = entry("delete", "--org", "acme", "--key", "k");

        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted entry 'k' in acme" + NL);
        assertThat(stored()).isEmpty();
        assertThat(again.exitCode()).isEqualTo(1);
    }

    @Test
    void reveal_prints_public_and_obfuscated_values_alone_and_refuses_strict() throws Exception {
        // given
        create("secret", STRICT_SENTINEL);
        create("hidden", OBFUSCATED_SENTINEL, "--visibility", "OBFUSCATED");
        create("url", "https://example.com", "--visibility", "PUBLIC");
        // when
        Run hidden = entry("reveal", "--org", "acme", "--key", "hidden");
        Run url = entry("reveal", "--org", "acme", "--key", "url");
        Run secret = entry("reveal", "--org", "acme", "--key", "secret");
        // then
        assertThat(hidden.exitCode()).isZero();
        assertThat(hidden.out()).isEqualTo(OBFUSCATED_SENTINEL + NL);
        assertThat(hidden.err()).isEmpty();
        assertThat(url.out()).isEqualTo("https://example.com" + NL);
        assertThat(secret.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(secret.out()).isEmpty();
        assertThat(secret.err()).contains("The entry 'secret' in acme is STRICT: its value is never revealed.");
        assertThat(output()).doesNotContain(STRICT_SENTINEL);
    }

    @Test
    void no_command_but_reveal_prints_a_value() throws Exception {
        // given: a STRICT and an OBFUSCATED sentinel, through every way in
        stdin = OBFUSCATED_SENTINEL + "\n";
        assertThat(entry("create", "--org", "acme", "--key", "o", "--value-stdin", "--visibility", "OBFUSCATED")
                .exitCode()).isZero();
        create("s", STRICT_SENTINEL);
        Path items = file("items.json", "[{\"key\": \"i\", \"value\": \"" + STRICT_SENTINEL + "-i\"},"
                + " {\"key\": \"s\", \"value\": \"" + STRICT_SENTINEL + "-2\"}]");
        // when: every command but reveal, failures included
        entry("get", "--org", "acme", "--key", "o");
        entry("get", "--org", "acme", "--key", "s");
        entry("list", "--org", "acme");
        entry("list", "--org", "acme", "--json");
        entry("import", items.toString(), "--org", "acme");
        entry("import", items.toString(), "--org", "acme", "--update");
        entry("create", "--org", "acme", "--key", "s", "--value-file", file("v", STRICT_SENTINEL).toString());
        entry("create", "--org", "acme", "--key", "bad", "--type", "INTEGER", "--value-file",
                file("w", STRICT_SENTINEL).toString());
        entry("update", "--org", "acme", "--key", "s", "--type", "BOOLEAN", "--value-file",
                file("x", STRICT_SENTINEL).toString());
        entry("update", "--org", "acme", "--key", "o", "--visibility", "PUBLIC");
        entry("delete", "--org", "acme", "--key", "i");
        // then
        assertThat(output()).doesNotContain(STRICT_SENTINEL, OBFUSCATED_SENTINEL);
        assertThat(stored("s").orElseThrow().value().reveal()).isEqualTo(STRICT_SENTINEL + "-2");
    }

    @Test
    void import_creates_every_entry_in_one_commit() throws Exception {
        // given
        Path items = file("items.json", "[{\"key\": \"a\", \"value\": \"1\", \"valueType\": \"INTEGER\"},"
                + " {\"key\": \"b\", \"value\": \"x\", \"vaultVisibilityType\": \"PUBLIC\","
                + " \"attributeReferences\": [{\"resourceType\": \"SOURCE\", \"resourceName\": \"s\", \"jsonPath\": \"p\"}]}]");
        // when
        Run imported = entry("import", items.toString(), "--org", "acme");
        // then
        assertThat(imported.exitCode()).as("stderr: %s", imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported 2 entries into acme (2 created, 0 updated) in one commit" + NL);
        assertThat(imported.err()).isEqualTo("writing 2 entries in one commit" + NL);
        assertThat(stored()).extracting(entry -> entry.key().value()).containsExactly("a", "b");
    }

    @Test
    void import_without_a_console_prints_no_progress() throws Exception {
        withConsole = false;
        Path items = file("items.json", "[{\"key\": \"a\", \"value\": \"1\"}]");

        Run imported = entry("import", items.toString(), "--org", "acme");

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.err()).isEmpty();
    }

    @Test
    void import_reports_every_invalid_item_at_once_and_writes_nothing() throws Exception {
        // given: items 1, 2 and 3 are invalid, items 0 and 4 valid
        Path items = file("items.json", "[{\"key\": \"ok\", \"value\": \"v\"},"
                + " {\"key\": \"n\", \"value\": \"1.5\", \"valueType\": \"INTEGER\"},"
                + " {\"key\": \"fetch\", \"value\": \"v\"},"
                + " {\"key\": \"blank\", \"value\": \"  \", \"vaultVisibilityType\": \"LOUD\"},"
                + " {\"key\": \"ok2\", \"value\": \"v\"}]");
        // when
        Run imported = entry("import", items.toString(), "--org", "acme");
        // then
        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("Nothing was imported: 3 of 5 items in " + items + " are invalid (4 rules broken):",
                "item 1: value  value.invalid_for_type", "item 2: key  key.reserved",
                "item 3: vaultVisibilityType  vaultVisibilityType.invalid", "item 3: value  value.blank");
        assertThat(imported.err()).doesNotContain("item 0", "item 4");
        assertThat(imported.out()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void import_of_a_repeated_key_is_invalid() throws Exception {
        Path items = file("items.json", "[{\"key\": \"a\", \"value\": \"v\"}, {\"key\": \"a\", \"value\": \"w\"}]");

        Run imported = entry("import", items.toString(), "--org", "acme");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("item 1: key  key.duplicate");
        assertThat(stored()).isEmpty();
    }

    @Test
    void import_over_an_existing_key_without_update_exits_1_naming_it_and_writes_nothing() throws Exception {
        // given
        create("taken", "stored");
        Path items = file("items.json", "[{\"key\": \"new\", \"value\": \"v\"}, {\"key\": \"taken\", \"value\": \"w\"}]");
        // when
        Run imported = entry("import", items.toString(), "--org", "acme");
        // then
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).contains("Nothing was imported: 1 key already exists in acme: taken", "--update");
        assertThat(stored()).extracting(entry -> entry.key().value()).containsExactly("taken");
        assertThat(stored("taken").orElseThrow().value().reveal()).isEqualTo("stored");
    }

    @Test
    void import_with_update_updates_existing_keys_keeping_absent_fields() throws Exception {
        // given
        create("taken", "stored", "--visibility", "OBFUSCATED", "--scope", "EXTENSION:e", "--reference", "SOURCE:s:p");
        Path items = file("items.json", "[{\"key\": \"new\", \"value\": \"v\"}, {\"key\": \"taken\", \"value\": \"w\"}]");
        // when
        Run imported = entry("import", items.toString(), "--org", "acme", "--update");
        // then
        assertThat(imported.exitCode()).as("stderr: %s", imported.err()).isZero();
        assertThat(imported.out()).contains("(1 created, 1 updated)");
        VaultEntry taken = stored("taken").orElseThrow();
        assertThat(taken.value().reveal()).isEqualTo("w");
        assertThat(taken.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(taken.scopes()).hasSize(1);
        assertThat(taken.attributeReferences()).hasSize(1);
        assertThat(stored("new")).isPresent();
    }

    @Test
    void import_with_update_keeps_the_escalation_rule() throws Exception {
        create("taken", "stored");
        Path items = file("items.json", "[{\"key\": \"taken\", \"vaultVisibilityType\": \"PUBLIC\"}]");

        Run imported = entry("import", items.toString(), "--org", "acme", "--update");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("item 0: vaultVisibilityType  vaultVisibilityType.downgrade_requires_value");
        assertThat(stored("taken").orElseThrow().visibility()).isEqualTo(Visibility.STRICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"key\": \"a\"}", "[1, {\"key\": \"a\", \"value\": \"v\"}]", "[{", ""})
    void import_of_a_file_that_is_not_an_array_of_objects_exits_2(String content) throws Exception {
        Run imported = entry("import", file("items.json", content).toString(), "--org", "acme");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.out()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "get", "list", "update", "delete", "reveal", "import"})
    void every_entry_command_has_help_with_examples_and_exit_codes(String command) {
        Run help = run("entry", command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: offline-vault entry " + command, "--data-dir=DIR", "Examples:",
                "offline-vault entry " + command, "Exit codes:", ExitStatus.STORE_LOCKED.meaning());
    }

    @Test
    void reveal_help_says_it_is_a_guard_not_a_security_boundary_and_create_help_says_no_value_argument() {
        assertThat(run("entry", "reveal", "--help").out().replaceAll("\\s+", " ")).contains(
                "A STRICT entry is refused (exit 1). This is a guard against mistakes, not a security boundary");
        assertThat(run("entry", "create", "--help").out().replaceAll("\\s+", " ")).contains("--value-file=FILE", "--value-stdin",
                "never a command-line argument", "--json=FILE", "--reference=TYPE:NAME:JSONPATH", "--scope=TYPE:ID");
    }

    @Test
    void entry_without_a_subcommand_exits_2_and_the_top_level_help_lists_entry_and_init() {
        Run bare = run("entry");
        Run top = run("--help");

        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("Missing an entry command");
        assertThat(top.out()).containsPattern("(?m)^\\s+entry\\s+Creates, reads, lists")
                .containsPattern("(?m)^\\s+init\\s+Creates a new vault");
    }

    @Test
    void a_data_dir_locked_by_a_running_serve_exits_4_naming_the_pid_and_the_http_api() throws Exception {
        // given
        create("k", "v");
        Path items = file("items.json", "[{\"key\": \"a\", \"value\": \"v\"}]");
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            serve.port();
            // when
            List<Run> runs = List.of(
                    entry("create", "--org", "acme", "--key", "k2", "--value-file", file("v2", "v").toString()),
                    entry("get", "--org", "acme", "--key", "k"),
                    entry("list", "--org", "acme"),
                    entry("update", "--org", "acme", "--key", "k", "--type", "STRING"),
                    entry("delete", "--org", "acme", "--key", "k"),
                    entry("reveal", "--org", "acme", "--key", "k"),
                    entry("import", items.toString(), "--org", "acme"));
            // then
            for (Run run : runs) {
                assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code()).isEqualTo(4);
                assertThat(run.err()).contains("pid " + ProcessHandle.current().pid(), "Stop that server",
                        "use the server's HTTP API");
                assertThat(run.out()).isEmpty();
            }
            assertThat(serve.stop()).isZero();
        }
        assertThat(stored()).extracting(entry -> entry.key().value()).containsExactly("k");
    }

    @Test
    void a_missing_vault_exits_5_and_creates_nothing() {
        Path elsewhere = root.resolve("elsewhere");

        Run run = run("entry", "list", "--org", "acme", "--data-dir", elsewhere.toString(), "--key-file",
                keyFile().toString());

        assertThat(run.exitCode()).isEqualTo(ExitStatus.STORE_SEALED.code());
        assertThat(elsewhere).doesNotExist();
    }
}

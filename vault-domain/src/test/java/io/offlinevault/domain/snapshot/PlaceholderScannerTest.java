package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.testing.TestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholderScannerTest {

    private static SnapshotContent content(String json) {
        return SnapshotContentReader.read(TestJson.parse(json), "test.json");
    }

    // A content of one SOURCE named "src" whose model is modelJson.
    private static SnapshotContent model(String modelJson) {
        return content("{\"resources\": {\"SOURCE\": [{\"resourceName\": \"src\", \"model\": " + modelJson + "}]}}");
    }

    private static List<String> keys(SnapshotContent content) {
        return PlaceholderScanner.scan(content).stream().map(reference -> reference.key().value()).toList();
    }

    private static List<String> paths(SnapshotContent content) {
        return PlaceholderScanner.scan(content).stream().map(reference -> reference.jsonPath().value()).toList();
    }

    @Test
    void scan_finds_the_two_vault_references_of_the_example() {
        // given
        SnapshotContent content = SnapshotContentReader.read(
                TestJson.resource("/examples/snapshot-content-with-vault-placeholders.json"), "snapshot.json");

        // when
        List<VaultReference> references = PlaceholderScanner.scan(content);

        // then
        assertThat(references)
                .extracting(r -> r.key().value(), VaultReference::resourceType, VaultReference::resourceName,
                        r -> r.jsonPath().value(), VaultReference::in)
                .containsExactly(
                        tuple("helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value", ResourceType.SOURCE,
                                "helpcenter_Qm7xK2", "configuration.parameters.ClientSecret.value",
                                ReferenceLocation.MODEL),
                        tuple("helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password",
                                ResourceType.SOURCE, "helpcenter_Qm7xK2",
                                "configuration.userIdentities.UserIdentity.password", ReferenceLocation.MODEL));
        assertThat(references.get(0).placeholder())
                .isEqualTo("{{ VAULT.helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value }}");
    }

    @Test
    void scan_ignores_placeholders_of_other_kinds() {
        assertThat(keys(model("{\"f\": \"{{ FIELD.x }}\", \"s\": \"{{ SOURCE.x }}\", \"v\": \"{{ VAULTS.x }}\"}")))
                .isEmpty();
    }

    @Test
    void scan_writes_array_indexes_into_the_path() {
        SnapshotContent content = model(
                "{\"rules\": [{\"content\": [\"plain\"]}, {\"content\": [\"{{ VAULT.k }}\", [\"{{ VAULT.j }}\"]]}]}");

        assertThat(paths(content)).containsExactly("rules[1].content[0]", "rules[1].content[1][0]");
    }

    @Test
    void scan_finds_every_placeholder_embedded_in_a_string() {
        List<VaultReference> references = PlaceholderScanner.scan(
                model("{\"header\": \"Bearer {{ VAULT.tok }} and {{VAULT.other}}\"}"));

        assertThat(references).extracting(r -> r.key().value(), r -> r.jsonPath().value())
                .containsExactly(tuple("tok", "header"), tuple("other", "header"));
    }

    @Test
    void scan_accepts_spaces_and_tabs_inside_the_braces() {
        SnapshotContent content = model("{\"a\": \"{{VAULT.none}}\", \"b\": \"{{\\tVAULT.tabs\\t\\t}}\","
                + " \"c\": \"{{    VAULT.spaces    }}\", \"d\": \"{{ \\t VAULT.mixed\\t }}\"}");

        assertThat(keys(content)).containsExactly("none", "tabs", "spaces", "mixed");
    }

    @Test
    void scan_reports_parents_after_the_model_with_in_parents() {
        // given
        SnapshotContent content = content("""
                {"resources": {"MAPPING": [{"resourceName": "m",
                  "parents": {"sourceId": "{{ VAULT.parent }}"},
                  "model": {"field": "{{ VAULT.model }}"}}]}}
                """);

        // when
        List<VaultReference> references = PlaceholderScanner.scan(content);

        // then
        assertThat(references).extracting(r -> r.key().value(), r -> r.jsonPath().value(), VaultReference::in)
                .containsExactly(tuple("model", "field", ReferenceLocation.MODEL),
                        tuple("parent", "sourceId", ReferenceLocation.PARENTS));
        assertThat(references.get(1).in().wireName()).isEqualTo("parents");
    }

    @Test
    void scan_quotes_odd_segments_as_json_path_does() {
        SnapshotContent content = model("""
                {"a": {"b.c": ["{{ VAULT.k1 }}"], "it's": "{{ VAULT.k2 }}", "": "{{ VAULT.k3 }}"},
                 "model": {"x": "{{ VAULT.k4 }}"}, "$": "{{ VAULT.k5 }}", "source id": "{{ VAULT.k6 }}",
                 "back\\\\slash": "{{ VAULT.k7 }}", "b": {"model": "{{ VAULT.k8 }}"}}
                """);

        assertThat(paths(content)).containsExactly("a['b.c'][0]", "a['it\\'s']", "a['']", "['model'].x", "['$']",
                "['source id']", "['back\\\\slash']", "b.model");
    }

    @Test
    void scan_does_not_look_at_object_keys() {
        assertThat(keys(model("{\"{{ VAULT.key }}\": \"plain\", \"n\": {\"{{VAULT.x}}\": 1}}"))).isEmpty();
    }

    @Test
    void scan_ignores_values_that_are_not_strings() {
        assertThat(keys(model("{\"a\": 1, \"b\": true, \"c\": null, \"d\": [2.5, false], \"e\": {}}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ VAULT. }}", "{{VAULT.}}", "{{VAULT.a}", "{ VAULT.a }}", "{{ vault.a }}",
            "{{ Vault.a }}", "{{ VAULT a }}", "{{ VAULTa }}", "{{ VAULT.a b }}", "{{\\nVAULT.a}}", "{{ VAULT.a\\n}}",
            "{{ VAULT.a{b }}", "{{ VAULT.a }", "{{ VAULT.{a} }}", "{ { VAULT.a } }", "VAULT.a", "{{ .VAULT.a }}"})
    void scan_does_not_report_malformed_placeholders(String text) {
        assertThat(keys(model("{\"v\": \"" + text + "\"}"))).isEmpty();
    }

    @Test
    void scan_counts_the_key_length_in_code_points() {
        // given
        String emoji = "\uD83D\uDE00";
        String ascii512 = "k".repeat(512);
        String emoji512 = emoji.repeat(512);
        String mixed512 = "k".repeat(511) + emoji;
        String emoji513 = emoji.repeat(513);
        String ascii513 = "k".repeat(513);

        // when
        List<String> found = keys(model("{\"a\": \"{{ VAULT." + ascii512 + " }}\", \"b\": \"{{ VAULT." + emoji512
                + " }}\", \"c\": \"{{ VAULT." + mixed512 + " }}\", \"d\": \"{{ VAULT." + emoji513
                + " }}\", \"e\": \"{{ VAULT." + ascii513 + " }} {{ VAULT.after }}\"}"));

        // then
        assertThat(found).containsExactly(ascii512, emoji512, mixed512, "after");
    }

    @Test
    void scan_keeps_captured_keys_that_can_never_be_entry_keys_with_the_rule_they_break() {
        // given: API.md 6, a key that matches the grammar but breaks the key rules is a reference all the same
        SnapshotContent content = model("{\"a\": \"{{ VAULT.fetch }} {{ VAULT.missing }} {{ VAULT.. }}"
                + " {{ VAULT... }} {{ VAULT.a\\u0001b }} {{ VAULT.a\\u00a0b }} {{ VAULT.a\\u200bb }}"
                + " {{ VAULT.\\ud800 }} {{ VAULT.ok }}\"}");

        // when
        List<VaultReference> references = PlaceholderScanner.scan(content);

        // then
        assertThat(references).extracting(r -> r.key().value(),
                        r -> r.key().violation().map(violation -> violation.code()).orElse("none"))
                .containsExactly(tuple("fetch", "key.reserved"), tuple("missing", "key.reserved"),
                        tuple(".", "key.reserved"), tuple("..", "key.reserved"),
                        tuple("a\u0001b", "key.invalid_character"), tuple("a\u00a0b", "key.invalid_character"),
                        tuple("a\u200bb", "key.invalid_character"), tuple("\ud800", "key.unpaired_surrogate"),
                        tuple("ok", "none"));
        assertThat(references).allSatisfy(r -> assertThat(r.key().entryKey().isPresent())
                .isEqualTo(r.key().violation().isEmpty()));
    }

    @Test
    void an_impossible_key_keeps_its_place_among_valid_ones_in_document_order() {
        // given: a no-break space and an unpaired surrogate beside a valid key, model then parents
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "s", "parents": {"p": "{{ VAULT.lone\\udc00 }}"},
                  "model": {"x": "{{ VAULT.good }}", "y": ["pre {{ VAULT.no\\u00a0break }} post"]}}]}}""");

        // when
        List<VaultReference> references = PlaceholderScanner.scan(content);

        // then
        assertThat(references).extracting(r -> r.key().value(), r -> r.jsonPath().value(), VaultReference::in)
                .containsExactly(tuple("good", "x", ReferenceLocation.MODEL),
                        tuple("no\u00a0break", "y[0]", ReferenceLocation.MODEL),
                        tuple("lone\udc00", "p", ReferenceLocation.PARENTS));
        assertThat(references.get(1).placeholder()).isEqualTo("{{ VAULT.no\u00a0break }}");
        assertThat(references.get(1).key().entryKey()).isEmpty();
        assertThat(references.get(2).key().violation().orElseThrow().code()).isEqualTo("key.unpaired_surrogate");
        assertThat(PlaceholderScanner.distinctKeys(references)).extracting(ReferencedKey::value)
                .as("sorted as strings").containsExactly("good", "lone\udc00", "no\u00a0break");
    }

    @Test
    void a_referenced_key_is_found_only_if_it_can_be_an_entry_key() {
        assertThat(ReferencedKey.of("ok").foundIn(key -> true)).isTrue();
        assertThat(ReferencedKey.of("no\u00a0break").foundIn(key -> true)).isFalse();
        assertThat(ReferencedKey.of(EntryKey.of("ok"))).isEqualTo(ReferencedKey.of("ok"))
                .hasSameHashCodeAs(ReferencedKey.of("ok"));
    }

    @Test
    void scan_follows_document_order() {
        // given
        SnapshotContent content = content("""
                {"resources": {
                  "SOURCE": [
                    {"resourceName": "s1", "parents": {"p": "{{ VAULT.5 }}"},
                     "model": {"z": "{{ VAULT.1 }}", "a": {"deep": ["{{ VAULT.2 }}", {"x": "{{ VAULT.3 }}"}]},
                               "m": "{{ VAULT.4 }}"}},
                    {"resourceName": "s2", "model": {"k": "{{ VAULT.6 }}"}}],
                  "EXTENSION": [{"resourceName": "e", "model": {"k": "{{ VAULT.7 }}"}}]}}
                """);

        // when
        List<VaultReference> references = PlaceholderScanner.scan(content);

        // then
        assertThat(references).extracting(r -> r.key().value(), VaultReference::resourceName)
                .containsExactly(tuple("1", "s1"), tuple("2", "s1"), tuple("3", "s1"), tuple("4", "s1"),
                        tuple("5", "s1"), tuple("6", "s2"), tuple("7", "e"));
        assertThat(references).extracting(r -> r.jsonPath().value())
                .containsExactly("z", "a.deep[0]", "a.deep[1].x", "m", "p", "k", "k");
    }

    @Test
    void scan_of_one_resource_reports_only_that_resource() {
        SnapshotContent content = content("{\"resources\": {\"SOURCE\": ["
                + "{\"resourceName\": \"a\", \"model\": {\"k\": \"{{ VAULT.a }}\"}},"
                + "{\"resourceName\": \"b\", \"model\": {\"k\": \"{{ VAULT.b }}\"}, \"parents\": {\"p\": \"{{ VAULT.c }}\"}}]}}");

        List<VaultReference> references = PlaceholderScanner.scan(content.resources().get(ResourceType.SOURCE).get(1));

        assertThat(references).extracting(r -> r.key().value(), VaultReference::in)
                .containsExactly(tuple("b", ReferenceLocation.MODEL), tuple("c", ReferenceLocation.PARENTS));
    }

    @Test
    void distinct_keys_are_sorted_and_first_occurrences_keep_document_order() {
        // given
        SnapshotContent content = model("{\"x\": \"{{ VAULT.b }}\", \"y\": [\"{{ VAULT.a }}\", \"{{ VAULT.b }}\"],"
                + " \"z\": \"{{ VAULT.B }} {{ VAULT.a }}\"}");
        List<VaultReference> references = PlaceholderScanner.scan(content);

        // when
        List<ReferencedKey> distinct = PlaceholderScanner.distinctKeys(references);
        Map<ReferencedKey, VaultReference> first = PlaceholderScanner.firstOccurrences(references);

        // then
        assertThat(references).hasSize(5);
        assertThat(distinct).extracting(ReferencedKey::value).containsExactly("B", "a", "b");
        assertThat(first.keySet()).extracting(ReferencedKey::value).containsExactly("b", "a", "B");
        assertThat(first.values()).extracting(r -> r.jsonPath().value()).containsExactly("x", "y[0]", "z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{{ VAULT.a }}}", "{{ VAULT.a }}}}", "{{{{VAULT.a}}", "x{{ VAULT.a }}{{VAULT.b}}y",
            "{{ VAULT.a }}{{ VAULT.a }}", "{{ VAULT.a {{ VAULT.b }}", "{{ VAULT.a }} }}", "{{ VAULT.a.b-c:d%20 }}",
            "{{  VAULT.a\t}}", "{{ VAULT.a\t \t}}", "{{ VAULT.x } {{VAULT.y}}", "{{ VAULT.fetch }}{{ VAULT.y }}"})
    void matches_agree_with_the_grammar_regex_on_ascii_text(String text) {
        // On ASCII text chars are code points, so API.md's regex applies as written, invalid keys included.
        Pattern grammar = Pattern.compile("\\{\\{[ \\t]*VAULT\\.([^\\s{}]{1,512})[ \\t]*\\}\\}");
        List<String> expected = new ArrayList<>();
        Matcher matcher = grammar.matcher(text);
        while (matcher.find()) {
            expected.add(matcher.start() + ":" + matcher.end() + ":" + matcher.group(1));
        }

        List<String> actual = PlaceholderScanner.matches(text).stream()
                .map(m -> m.start() + ":" + m.end() + ":" + m.key().value()).toList();

        assertThat(actual).isEqualTo(expected).isNotEmpty();
    }
}

package io.offlinevault.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryWarningTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final String SENTINEL = "sentinel-value";

    private static VaultEntry entry(String key, Map<?, ?>... references) {
        return EntryValidator.validateCreate(ACME, EntryDraft.of(Map.of("key", key, "value", SENTINEL,
                "attributeReferences", List.of(references))));
    }

    private static Map<String, String> reference(String resourceName, String jsonPath) {
        return Map.of("resourceName", resourceName, "resourceType", "SOURCE", "jsonPath", jsonPath);
    }

    @Test
    void the_articles_key_is_not_the_one_its_reference_spells_out() {
        // Coveo's "Create a Vault Entry" article: zero and small x in the key, capital O and X in the source
        VaultEntry entry = entry("originorganizationid_iyn07x-configuration.parameters.secretKey.value",
                reference("originorganizationid_iynO7X", "configuration.parameters.secretKey.value"));

        EntryWarning warning = EntryWarning.referenceMismatch(entry).orElseThrow();

        assertThat(warning.code()).isEqualTo("key.reference_mismatch");
        assertThat(warning.key()).isEqualTo(entry.key());
        assertThat(warning.expectedKeys())
                .containsExactly("originorganizationid_iynO7X-configuration.parameters.secretKey.value");
        assertThat(warning.message()).contains("Rename the entry to "
                + "originorganizationid_iynO7X-configuration.parameters.secretKey.value").doesNotContain(SENTINEL);
        assertThat(warning.toString()).doesNotContain(SENTINEL);
    }

    @Test
    void a_key_that_one_reference_spells_out_or_an_entry_without_references_is_fine() {
        assertThat(EntryWarning.referenceMismatch(entry("src-a.b", reference("other", "x"), reference("src", "a.b"))))
                .isEmpty();
        assertThat(EntryWarning.referenceMismatch(entry("anything"))).isEmpty();
    }

    @Test
    void every_expected_key_is_named_once_in_reference_order() {
        EntryWarning warning = EntryWarning.referenceMismatch(entry("k", reference("b", "x"), reference("a", "y"),
                Map.of("resourceName", "b", "resourceType", "EXTENSION", "jsonPath", "x"))).orElseThrow();

        assertThat(warning.expectedKeys()).containsExactly("b-x", "a-y");
    }

    @Test
    void the_path_is_compared_in_canonical_form() {
        assertThat(EntryWarning.referenceMismatch(entry("src-a.b[0]", reference("src", "['a']['b'][0]")))).isEmpty();
    }

    @Test
    void an_update_warns_only_when_it_carries_attribute_references() {
        VaultEntry entry = entry("k", reference("src", "a"));

        assertThat(EntryWarning.referenceMismatch(entry, EntryDraft.empty().withValue("v"))).isEmpty();
        assertThat(EntryWarning.referenceMismatch(entry, EntryDraft.of(Map.of("attributeReferences",
                List.of(reference("src", "a")))))).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.b|a.b",
        "['a'].b|a.b",
        "a['b'][2]|a.b[2]",
        "['a.b'].c|['a.b'].c",
        "['model'].x|['model'].x",
        "x['model']|x.model",
        "['it\\'s']|['it\\'s']",
        "['a\\\\b']|['a\\\\b']",
        "['']['b']|[''].b",
        "a[10]['']|a[10]['']"
    })
    void canonical_quotes_a_segment_only_when_it_must(String raw, String canonical) {
        assertThat(new JsonPath(raw).canonical()).isEqualTo(new JsonPath(canonical));
    }
}

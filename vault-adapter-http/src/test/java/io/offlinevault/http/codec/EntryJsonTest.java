package io.offlinevault.http.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.port.in.EntryPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The directly written entry bodies are byte for byte the documents of the maps they replace on the hot routes. */
class EntryJsonTest {
    private static final OrganizationId ORG = OrganizationId.of("acme");

    private static VaultEntry entry(String json) {
        return EntryValidator.validateCreate(ORG, EntryDraft.of(WireJson.readObject(json.getBytes(StandardCharsets.UTF_8),
                WireJson.MAX_BODY, "the test entry")));
    }

    private final List<VaultEntry> entries = List.of(
            entry("{\"key\": \"db.password\", \"value\": \"secret\\\"\\u00e9\\n\", \"vaultVisibilityType\": \"STRICT\"}"),
            entry("{\"key\": \"public.url\", \"value\": \"https://x.example/\\u2028\\u00e9\\t\", \"vaultVisibilityType\":"
                    + " \"PUBLIC\"}"),
            entry("""
                    {"key": "source.secret", "value": "12", "valueType": "integer", "vaultVisibilityType": "OBFUSCATED",
                     "attributeReferences": [{"jsonPath": "configuration.parameters.ClientSecret.value",
                       "resourceName": "helpcenter_Qm7xK2", "resourceType": "source"},
                      {"jsonPath": "a.b", "resourceName": "other", "resourceType": "EXTENSION"}],
                     "scopes": [{"id": "acme-ext", "resourceType": "EXTENSION"}, {"id": "s2", "resourceType": "SOURCE"}]}"""));

    @Test
    void an_entry_written_directly_is_the_document_of_its_map() {
        for (VaultEntry entry : entries) {
            assertThat(text(WireJson.write(EntryJson.body(ORG, entry, List.of()))))
                    .isEqualTo(text(WireJson.write(EntryJson.of(ORG, entry))));
        }
    }

    @Test
    void every_value_type_and_visibility_with_and_without_references_and_scopes_is_the_document_of_its_map() {
        String references = "\"attributeReferences\": [{\"jsonPath\": \"a.b\", \"resourceName\": \"r\","
                + " \"resourceType\": \"SOURCE\"}]";
        String scopes = "\"scopes\": [{\"id\": \"s\", \"resourceType\": \"EXTENSION\"}]";
        Map<ValueType, String> values = Map.of(ValueType.BOOLEAN, "true", ValueType.FLOAT, "1.5", ValueType.INTEGER,
                "7", ValueType.STRING, "s\\u00e9");
        List<VaultEntry> page = new ArrayList<>();
        for (ValueType type : ValueType.values()) {
            for (Visibility visibility : Visibility.values()) {
                for (String extra : List.of("", ", " + references, ", " + scopes, ", " + references + ", " + scopes)) {
                    VaultEntry entry = entry("{\"key\": \"k\", \"value\": \"" + values.get(type) + "\", \"valueType\": \""
                            + type + "\", \"vaultVisibilityType\": \"" + visibility + "\"" + extra + "}");
                    assertThat(text(WireJson.write(EntryJson.body(ORG, entry, List.of()))))
                            .isEqualTo(text(WireJson.write(EntryJson.of(ORG, entry))));
                    page.add(entry);
                }
            }
        }
        EntryPage all = new EntryPage(page, page.size(), 1);
        assertThat(text(WireJson.write(EntryJson.pageBody(ORG, all)))).isEqualTo(text(WireJson.write(EntryJson.page(ORG, all))));
    }

    @Test
    void an_entry_with_warnings_written_directly_is_the_document_of_its_map_with_warnings() {
        VaultEntry entry = entries.get(2);
        List<EntryWarning> warnings = List.of(new EntryWarning("REFERENCE_MISMATCH", "the key matches none",
                EntryKey.of("source.secret"), List.of("a.b", "c\u00e9")), new EntryWarning("OTHER", "m", EntryKey.of("x"),
                List.of()));
        Map<String, Object> map = new LinkedHashMap<>(EntryJson.of(ORG, entry));
        map.put("warnings", EntryJson.warnings(warnings));

        assertThat(text(WireJson.write(EntryJson.body(ORG, entry, warnings)))).isEqualTo(text(WireJson.write(map)))
                .contains("\"warnings\":[{\"code\":\"REFERENCE_MISMATCH\"");
    }

    @Test
    void a_page_written_directly_is_the_document_of_its_map() {
        for (EntryPage page : List.of(new EntryPage(entries, 7, 3), new EntryPage(List.of(), 0, 0))) {
            assertThat(text(WireJson.write(EntryJson.pageBody(ORG, page))))
                    .isEqualTo(text(WireJson.write(EntryJson.page(ORG, page))));
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

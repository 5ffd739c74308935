package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.testing.TestJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotContentReaderTest {
    private static final String SENTINEL = "S3NT1NEL-never-in-a-message";

    private static SnapshotContent read(String json) {
        return SnapshotContentReader.read(TestJson.parse(json), "SOURCE.json");
    }

    private static InvalidSnapshotException failure(String json) {
        return catchThrowableOfType(InvalidSnapshotException.class, () -> read(json));
    }

    @Test
    void numbers_read_back_equal_whichever_java_types_the_parser_chose() {
        Map<String, Object> asDoubles = new LinkedHashMap<>(Map.of("ratio", 0.25, "count", 7, "big", new BigInteger("12")));
        Map<String, Object> asDecimals = new LinkedHashMap<>(Map.of("ratio", new BigDecimal("0.25"), "count", 7L,
                "big", 12L));

        SnapshotContent first = SnapshotContentReader.read(Map.of("resources", Map.of("FIELD",
                List.of(Map.of("resourceName", "f", "model", asDoubles)))), "a.json");
        SnapshotContent second = SnapshotContentReader.read(Map.of("resources", Map.of("FIELD",
                List.of(Map.of("resourceName", "f", "model", asDecimals)))), "b.json");

        assertThat(first).isEqualTo(second);
        assertThat(first.allResources().get(0).model().get("count")).isInstanceOf(Long.class);
        assertThat(first.allResources().get(0).model().get("ratio")).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void a_content_reads_back_equal_from_its_own_document() {
        SnapshotContent content = SnapshotContentReader.read(TestJson.resource(
                "/examples/snapshot-content-with-vault-placeholders.json"), "example.json");

        assertThat(SnapshotContentReader.read(content.toDocument(), "again.json")).isEqualTo(content);
    }

    @Test
    void read_builds_the_example_in_document_order() {
        // given
        Object json = TestJson.resource("/examples/snapshot-content-with-vault-placeholders.json");

        // when
        SnapshotContent content = SnapshotContentReader.read(json, "snapshot.json");

        // then
        assertThat(content.metadata()).containsExactly(Map.entry("schemaVersion", "v1"));
        assertThat(content.resources().keySet()).containsExactly(ResourceType.EXTENSION, ResourceType.FIELD,
                ResourceType.MAPPING, ResourceType.SOURCE);
        SnapshotResource mapping = content.resources().get(ResourceType.MAPPING).get(0);
        assertThat(mapping.type()).isEqualTo(ResourceType.MAPPING);
        assertThat(mapping.resourceName()).isEqualTo("Field:_pimcategory_Rule:_%[category]_Zr8cVe");
        assertThat(mapping.parents()).containsExactly(Map.entry("sourceId", "{{ SOURCE.helpcenter_Qm7xK2 }}"));
        assertThat(mapping.extra()).isEmpty();
        assertThat(content.extra()).isEmpty();
        assertThat(content.allResources()).extracting(SnapshotResource::resourceName).containsExactly(
                "pim_enrichment_T4xW9q", "pimcategory_Hb3nLp", "Field:_pimcategory_Rule:_%[category]_Zr8cVe",
                "helpcenter_Qm7xK2");
    }

    @Test
    void read_fails_when_the_document_is_not_an_object() {
        assertThatExceptionOfType(InvalidSnapshotException.class)
                .isThrownBy(() -> read("[]"))
                .withMessage("SOURCE.json: the document must be a JSON object, not an array")
                .extracting(InvalidSnapshotException::code).isEqualTo(ErrorCode.INVALID_SNAPSHOT);
        assertThatExceptionOfType(InvalidSnapshotException.class)
                .isThrownBy(() -> SnapshotContentReader.read(null, "x.json"))
                .withMessageStartingWith("x.json: the document must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"resources\": null}", "{\"resources\": []}", "{\"resources\": \"SOURCE\"}"})
    void read_fails_when_resources_is_absent_or_not_an_object(String json) {
        assertThat(failure(json)).hasMessageStartingWith("SOURCE.json: resources is required and must be an object");
    }

    @Test
    void read_accepts_an_empty_resources_object() {
        assertThat(read("{\"resources\": {}}").resources()).isEmpty();
    }

    @Test
    void read_fails_when_a_type_is_not_of_the_type_shape() {
        assertThat(failure("{\"resources\": {\"9SOURCE\": []}}"))
                .hasMessageStartingWith("SOURCE.json: resources.9SOURCE is not a resource type");
        assertThat(failure("{\"resources\": {\"MY TYPE\": []}}"))
                .hasMessageStartingWith("SOURCE.json: resources['MY TYPE'] is not a resource type");
        assertThat(failure("{\"resources\": {\"A" + "B".repeat(64) + "\": []}}"))
                .hasMessageContaining("is not a resource type");
    }

    @Test
    void read_stores_types_upper_case_and_keeps_unknown_well_formed_types() {
        SnapshotContent content = read("{\"resources\": {\"source\": [], \"Brand_New_Type\": []}}");

        assertThat(content.resources().keySet())
                .containsExactly(ResourceType.SOURCE, ResourceType.of("BRAND_NEW_TYPE"));
    }

    @Test
    void read_keeps_empty_arrays_because_they_name_their_type() {
        SnapshotContent content = read("{\"resources\": {\"FIELD\": [], \"SOURCE\": []}}");

        assertThat(content.summary()).containsExactly(Map.entry(ResourceType.FIELD, 0), Map.entry(ResourceType.SOURCE, 0));
    }

    @Test
    void read_fails_when_one_type_is_named_twice_in_different_cases() {
        assertThat(failure("{\"resources\": {\"SOURCE\": [], \"source\": []}}"))
                .hasMessage("SOURCE.json: resources.source names the type SOURCE again (first at resources.SOURCE);"
                        + " each type may appear once");
    }

    @Test
    void read_fails_when_a_type_does_not_hold_an_array() {
        assertThat(failure("{\"resources\": {\"SOURCE\": {\"resourceName\": \"a\", \"model\": {}}}}"))
                .hasMessage("SOURCE.json: resources.SOURCE must be an array of resources, not an object");
    }

    @Test
    void read_fails_when_a_resource_is_not_an_object() {
        assertThat(failure("{\"resources\": {\"SOURCE\": [{\"resourceName\": \"a\", \"model\": {}}, \"b\"]}}"))
                .hasMessage("SOURCE.json: resources.SOURCE[1] must be an object, not a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"resourceName\": null,", "\"resourceName\": \"\",", "\"resourceName\": 7,",
            "\"resourceName\": [\"a\"],", "\"resourceName\": {},"})
    void read_fails_when_a_resource_name_is_not_a_non_empty_string(String field) {
        String json = "{\"resources\": {\"SOURCE\": [" + resource("r0") + "," + resource("r1") + "," + resource("r2")
                + ", {" + field + " \"model\": {}}]}}";

        assertThat(failure(json)).hasMessage("SOURCE.json: resources.SOURCE[3].resourceName must be a non-empty string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"model\": null,", "\"model\": [],", "\"model\": \"x\",", "\"model\": 1,"})
    void read_fails_when_a_model_is_not_an_object(String field) {
        String json = "{\"resources\": {\"SOURCE\": [{" + field + " \"resourceName\": \"a\"}]}}";

        assertThat(failure(json)).hasMessageStartingWith("SOURCE.json: resources.SOURCE[0].model is required and must be an object");
    }

    @Test
    void read_fails_when_parents_is_not_an_object_of_strings() {
        assertThat(failure("{\"resources\": {\"MAPPING\": [{\"resourceName\": \"a\", \"model\": {}, \"parents\": []}]}}"))
                .hasMessage("SOURCE.json: resources.MAPPING[0].parents must be an object of strings, not an array");
        assertThat(failure("{\"resources\": {\"MAPPING\": [{\"resourceName\": \"a\", \"model\": {},"
                + " \"parents\": {\"sourceId\": \"s\", \"other\": 3}}]}}"))
                .hasMessage("SOURCE.json: resources.MAPPING[0].parents.other must be a string, not a number");
        assertThat(failure("{\"resources\": {\"MAPPING\": [{\"resourceName\": \"a\", \"model\": {},"
                + " \"parents\": {\"source.id\": null}}]}}"))
                .hasMessage("SOURCE.json: resources.MAPPING[0].parents['source.id'] must be a string, not null");
    }

    @Test
    void read_treats_null_or_absent_parents_as_empty() {
        SnapshotContent content = read("{\"resources\": {\"SOURCE\": [" + resource("a") + ","
                + "{\"resourceName\": \"b\", \"model\": {}, \"parents\": null}]}}");

        assertThat(content.allResources()).extracting(SnapshotResource::parents).containsExactly(Map.of(), Map.of());
    }

    @Test
    void read_checks_the_schema_version_when_metadata_is_present() {
        assertThat(read("{\"metadata\": null, \"resources\": {}}").metadata()).isEmpty();
        assertThat(read("{\"resources\": {}}").metadata()).isEmpty();
        assertThat(read("{\"metadata\": {\"schemaVersion\": \"v1\", \"exportedBy\": \"me\"}, \"resources\": {}}")
                .metadata()).containsExactly(Map.entry("schemaVersion", "v1"), Map.entry("exportedBy", "me"));
        assertThat(failure("{\"metadata\": {\"exportedBy\": \"me\"}, \"resources\": {}}"))
                .hasMessageStartingWith("SOURCE.json: metadata.schemaVersion is required when metadata is present");
        assertThat(failure("{\"metadata\": {\"schemaVersion\": null}, \"resources\": {}}"))
                .hasMessageStartingWith("SOURCE.json: metadata.schemaVersion is required");
        assertThat(failure("{\"metadata\": {\"schemaVersion\": \"v2\"}, \"resources\": {}}"))
                .hasMessageStartingWith("SOURCE.json: metadata.schemaVersion must be \"v1\"");
        assertThat(failure("{\"metadata\": {\"schemaVersion\": 1}, \"resources\": {}}"))
                .hasMessageStartingWith("SOURCE.json: metadata.schemaVersion must be \"v1\"");
        assertThat(failure("{\"metadata\": \"v1\", \"resources\": {}}"))
                .hasMessage("SOURCE.json: metadata must be an object, not a string");
    }

    @Test
    void read_keeps_unknown_fields_and_drops_null_ones() {
        // given
        String json = """
                {"exportedFrom": {"org": "acme", "n": [1, 2.5]}, "ignoredNull": null,
                 "resources": {"SOURCE": [{"resourceName": "a", "id": "abc-123", "version": 4, "gone": null,
                                           "model": {"keep": null, "deep": [{"x": true}]}}]}}
                """;

        // when
        SnapshotContent content = read(json);

        // then
        assertThat(content.extra()).containsOnlyKeys("exportedFrom");
        assertThat(content.extra().get("exportedFrom")).isEqualTo(Map.of("org", "acme", "n",
                List.of(1L, new BigDecimal("2.5"))));
        SnapshotResource resource = content.allResources().get(0);
        assertThat(resource.extra()).containsExactly(Map.entry("id", "abc-123"), Map.entry("version", 4L));
        assertThat(resource.model()).containsEntry("keep", null);
        assertThat(resource.model().get("deep")).isEqualTo(List.of(Map.of("x", true)));
    }

    @Test
    void read_fails_when_a_type_and_name_appear_twice() {
        String json = "{\"resources\": {\"SOURCE\": [" + resource("a") + "," + resource("b") + "," + resource("a")
                + "], \"FIELD\": [" + resource("a") + "]}}";

        assertThat(failure(json)).hasMessage("SOURCE.json: resources.SOURCE[2].resourceName names the resource"
                + " SOURCE 'a' again (first at resources.SOURCE[0]); a (type, resourceName) may appear once per snapshot");
    }

    @Test
    void read_returns_a_deeply_immutable_copy() {
        // given
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) TestJson.parse(
                "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"a\", \"model\": {\"list\": [{\"k\": \"v\"}]}}]}}");

        // when
        SnapshotContent content = SnapshotContentReader.read(json, "SOURCE.json");
        json.clear();

        // then
        SnapshotResource resource = content.allResources().get(0);
        List<?> list = (List<?>) resource.model().get("list");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) list.get(0);
        assertThat(inner).containsExactly(Map.entry("k", "v"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> inner.put("k", "w"));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(list::clear);
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> resource.model().clear());
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> resource.parents().clear());
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> content.resources().get(ResourceType.SOURCE).clear());
    }

    @Test
    void read_refuses_values_that_are_not_plain_json_as_a_bug_of_the_caller() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("when", new java.util.Date(0));
        Map<String, Object> resource = new LinkedHashMap<>(Map.of("resourceName", "a", "model", model));
        Map<String, Object> root = Map.of("resources", Map.of("SOURCE", List.of(resource)));

        assertThatIllegalArgumentException().isThrownBy(() -> SnapshotContentReader.read(root, "x.json"));
    }

    @Test
    void merge_returns_the_union_in_file_order() {
        // given
        SnapshotContent sources = SnapshotContentReader.read(TestJson.parse("{\"metadata\": {\"schemaVersion\": \"v1\"},"
                + " \"resources\": {\"SOURCE\": [" + resource("s") + "], \"FIELD\": []}}"), "SOURCE.json");
        SnapshotContent fields = SnapshotContentReader.read(TestJson.parse("{\"metadata\": {\"schemaVersion\": \"v1\","
                + " \"more\": 1}, \"resources\": {\"FIELD\": [" + resource("f") + "], \"MAPPING\": []}}"), "FIELD.json");

        // when
        SnapshotContent merged = SnapshotContentReader.merge(List.of(sources, fields), List.of("SOURCE.json", "FIELD.json"));

        // then
        assertThat(merged.resources().keySet()).containsExactly(ResourceType.SOURCE, ResourceType.FIELD, ResourceType.MAPPING);
        assertThat(merged.allResources()).extracting(SnapshotResource::resourceName).containsExactly("s", "f");
        assertThat(merged.metadata()).containsExactly(Map.entry("schemaVersion", "v1"), Map.entry("more", 1L));
    }

    @Test
    void merge_fails_naming_both_files_when_a_resource_appears_in_two_documents() {
        SnapshotContent first = read("{\"resources\": {\"SOURCE\": [" + resource("s") + "]}}");
        SnapshotContent second = read("{\"resources\": {\"SOURCE\": [" + resource("t") + "," + resource("s") + "]}}");

        assertThatExceptionOfType(InvalidSnapshotException.class)
                .isThrownBy(() -> SnapshotContentReader.merge(List.of(first, second), List.of("a/one.json", "b/two.json")))
                .withMessage("b/two.json: resources.SOURCE[1] names the resource SOURCE 's' that a/one.json already"
                        + " names (at resources.SOURCE[0]); a (type, resourceName) may appear once per snapshot");
    }

    @Test
    void merge_refuses_mismatched_arguments() {
        SnapshotContent part = read("{\"resources\": {}}");

        assertThatIllegalArgumentException().isThrownBy(() -> SnapshotContentReader.merge(List.of(), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> SnapshotContentReader.merge(List.of(part), List.of()));
    }

    @Test
    void messages_never_quote_a_string_value_of_the_content() {
        // given
        String s = "\"" + SENTINEL + "\"";
        List<String> documents = List.of(
                s,
                "[" + s + "]",
                "{\"resources\": " + s + ", \"x\": " + s + "}",
                "{\"resources\": [" + s + "]}",
                "{\"resources\": {\"SOURCE\": " + s + "}}",
                "{\"resources\": {\"SOURCE\": [" + s + "]}}",
                "{\"resources\": {\"SOURCE\": [{\"resourceName\": [" + s + "], \"model\": {}}]}}",
                "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"a\", \"model\": " + s + "}]}}",
                "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"a\", \"model\": [" + s + "]}]}}",
                "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"a\", \"model\": {}, \"parents\": " + s + "}]}}",
                "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"a\", \"model\": {\"p\": " + s + "},"
                        + " \"parents\": {\"x\": [" + s + "]}}]}}",
                "{\"metadata\": " + s + ", \"resources\": {}}",
                "{\"metadata\": {\"schemaVersion\": " + s + "}, \"resources\": {}}",
                "{\"metadata\": {\"schemaVersion\": [" + s + "]}, \"resources\": {}}");
        List<String> messages = new ArrayList<>();

        // when
        for (String document : documents) {
            messages.add(failure(document).getMessage());
        }

        // then
        assertThat(messages).hasSize(documents.size()).allSatisfy(message -> assertThat(message)
                .startsWith("SOURCE.json: ").doesNotContain(SENTINEL).doesNotContain("S3NT1NEL"));
    }

    @Test
    void messages_escape_control_characters_in_names() {
        assertThat(failure("{\"resources\": {\"A\\u0007B\": []}}"))
                .hasMessageStartingWith("SOURCE.json: resources['A\\u0007B'] is not a resource type");
    }

    private static String resource(String name) {
        return "{\"resourceName\": \"" + name + "\", \"model\": {}, \"parents\": {}}";
    }
}

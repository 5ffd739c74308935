package io.offlinevault.http.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferenceLocation;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.ResourceOperations;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.VaultReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
    private static final OrganizationId ORG = OrganizationId.of("acmeprodorg7x2k9");
    private static final String MISSING = "The vault entry referenced by {{ VAULT.%s }} could not be found in the vault.";

    private static ResourceOperations ops(List<String> created, List<String> inError, List<String> unchanged) {
        return new ResourceOperations(created, List.of(), List.of(), List.of(), inError, unchanged);
    }

    private static OperationResult missing(String key, String path, Optional<List<String>> similarKeys) {
        VaultReference reference = new VaultReference(ReferencedKey.of(key), ResourceType.SOURCE, "helpcenter_Qm7xK2",
                JsonPath.parse(path).orElseThrow(), ReferenceLocation.MODEL);
        return new OperationResult("INVALID_PLACEHOLDER", String.format(MISSING, key), Optional.of(reference),
                similarKeys);
    }

    private static SnapshotReport created() {
        return new SnapshotReport("acmeprodorg7x2k9-f2lq7n4sxo3ajc6wvdyk5tbe2u", ReportType.CREATE_SNAPSHOT, "SUCCESS",
                1767261600120L, 1767261601480L, 4, Map.of(), Map.of());
    }

    private static SnapshotReport dryRun() {
        Map<ResourceType, ResourceOperations> operations = new LinkedHashMap<>();
        operations.put(ResourceType.EXTENSION, ops(List.of("pim_enrichment_T4xW9q"), List.of(), List.of()));
        operations.put(ResourceType.FIELD, ops(List.of(), List.of(), List.of("pimcategory_Hb3nLp")));
        operations.put(ResourceType.MAPPING, ops(List.of("Field:_pimcategory_Rule:_%[category]_Zr8cVe"), List.of(),
                List.of()));
        operations.put(ResourceType.SOURCE, ops(List.of(), List.of("helpcenter_Qm7xK2"), List.of()));
        Map<String, List<OperationResult>> source = Map.of("helpcenter_Qm7xK2", List.of(
                missing("helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value",
                        "configuration.parameters.ClientSecret.value", Optional.of(List.of())),
                missing("helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password",
                        "configuration.userIdentities.UserIdentity.password", Optional.of(List.of()))));
        return new SnapshotReport("acmeprodorg7x2k9-m7c2xh5qzr4ub6nejw3kdsyo7l", ReportType.DRY_RUN,
                "RESOURCES_IN_ERROR", 1767261603010L, 1767261606770L, 4, operations,
                Map.of(ResourceType.SOURCE, source));
    }

    private static Snapshot exampleSnapshot() {
        return new Snapshot("acmeprodorg7x2k9-q3vn5tzk2hwy7d4mpbx6reucfa", ORG, "ci-bot@acme.example", 1767261600000L,
                "cli-created-from-zip", Map.of(ResourceType.SOURCE, 1, ResourceType.MAPPING, 1, ResourceType.FIELD, 1,
                ResourceType.EXTENSION, 1), List.of(created(), dryRun()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = SnapshotJsonTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void of_writes_the_example_model_field_for_field_and_in_its_order() {
        // given
        Object expected = WireJson.read(resource("/examples/snapshot-model-dryrun-missing-vault.json"),
                WireJson.MAX_BODY, "the example");

        // when
        byte[] written = WireJson.write(SnapshotJson.of(exampleSnapshot()));

        // then: equal as trees, and equal once written again (which also compares the order of every object's keys)
        Object actual = WireJson.read(written, WireJson.MAX_BODY, "the model");
        assertThat(actual).isEqualTo(expected);
        assertThat(new String(written, UTF_8))
                .isEqualTo(new String(WireJson.write(expected), UTF_8));
    }

    @Test
    void dates_and_counters_are_json_numbers() {
        String json = new String(WireJson.write(SnapshotJson.of(exampleSnapshot())), UTF_8);

        assertThat(json).contains("\"createdDate\":1767261600000", "\"startDate\":1767261603010",
                "\"resourcesProcessed\":4", "\"progressValue\":100", "\"EXTENSION\":1");
    }

    @Test
    void a_result_without_reference_or_similar_keys_has_only_result_code_and_message() {
        // given
        OperationResult plain = new OperationResult("SOME_ERROR", "Something went wrong.", Optional.empty(),
                Optional.empty());
        SnapshotReport report = new SnapshotReport("acmeprodorg7x2k9-aaaaaaaaaaaaaaaaaaaaaaaaaa", ReportType.APPLY,
                "RESOURCES_IN_ERROR", 10L, 20L, 1, Map.of(ResourceType.SOURCE, ops(List.of(), List.of("s"), List.of())),
                Map.of(ResourceType.SOURCE, Map.of("s", List.of(plain))));

        // when
        Map<String, Object> json = SnapshotJson.report(report);

        // then
        assertThat(json).extractingByKey("resourceOperationResults")
                .isEqualTo(Map.of("SOURCE", Map.of("s", List.of(Map.of("resultCode", "SOME_ERROR",
                        "message", "Something went wrong.")))));
        assertThat(json.get("stagesToExecute")).isEqualTo(ReportType.APPLY.stages());
        assertThat(json.get("currentStage")).isEqualTo(Map.of("stage", "PERFORMING_OPERATIONS",
                "progressType", "PERCENTAGE", "progressValue", 100));
    }

    @Test
    void similar_keys_are_left_out_when_the_snapshot_is_stripped_of_them() {
        // given
        Snapshot stripped = exampleSnapshot().withoutSimilarKeys();

        // when
        String json = new String(WireJson.write(SnapshotJson.of(stripped)), UTF_8);

        // then
        assertThat(json).doesNotContain("similarKeys").contains("\"vaultEntryKey\"", "\"jsonPath\"", "\"in\":\"model\"");
    }

    @Test
    void similar_keys_are_written_as_given() {
        OperationResult result = missing("helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value",
                "configuration.parameters.ClientSecret.value",
                Optional.of(List.of("helpcenter_Qm7xk2-configuration.parameters.ClientSecret.value")));
        SnapshotReport report = new SnapshotReport("acmeprodorg7x2k9-bbbbbbbbbbbbbbbbbbbbbbbbbb", ReportType.DRY_RUN,
                "RESOURCES_IN_ERROR", 1L, 1L, 1, Map.of(), Map.of(ResourceType.SOURCE, Map.of("h", List.of(result))));

        Map<String, Object> json = SnapshotJson.report(report);

        assertThat(json.get("resourceOperationResults").toString())
                .contains("similarKeys=[helpcenter_Qm7xk2-configuration.parameters.ClientSecret.value]");
    }

    @Test
    void key_violation_is_written_only_for_a_key_that_can_never_be_an_entry_key() {
        // given: an unpaired surrogate, which UTF-8 cannot carry, and a valid key
        String lone = "lone\ud800";
        SnapshotReport report = new SnapshotReport("acmeprodorg7x2k9-bbbbbbbbbbbbbbbbbbbbbbbbbb", ReportType.DRY_RUN,
                "RESOURCES_IN_ERROR", 1L, 1L, 1, Map.of(), Map.of(ResourceType.SOURCE, Map.of("h", List.of(
                        missing(lone, "p", Optional.of(List.of())), missing("valid", "q", Optional.of(List.of()))))));

        // when
        byte[] bytes = WireJson.write(SnapshotJson.report(report));

        // then: escaped, so the body stays UTF-8 and reads back to the same key
        assertThat(new String(bytes, UTF_8)).contains("\"vaultEntryKey\":\"lone\\uD800\"");
        Map<?, ?> back = (Map<?, ?>) WireJson.read(bytes, 1 << 20, "test");
        List<?> items = (List<?>) ((Map<?, ?>) ((Map<?, ?>) back.get("resourceOperationResults")).get("SOURCE")).get("h");
        assertThat(object(items.get(0))).containsEntry("vaultEntryKey", lone)
                .containsEntry("keyViolation", "key.unpaired_surrogate")
                .containsEntry("message", String.format(MISSING, lone));
        assertThat(object(items.get(1))).doesNotContainKey("keyViolation");
    }

    @Test
    void a_snapshot_without_reports_has_empty_report_arrays() {
        Map<String, Object> json = SnapshotJson.of(exampleSnapshot().withoutReports());

        assertThat(json).containsEntry("reports", List.of()).containsEntry("synchronizationReports", List.of())
                .containsEntry("diffGenerationReports", List.of()).containsEntry("targetId", "acmeprodorg7x2k9");
        assertThat(json.keySet()).containsExactly("id", "createdBy", "createdDate", "developerNote", "targetId",
                "contentSummary", "synchronizationReports", "diffGenerationReports", "reports");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }
}

package io.offlinevault.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.testing.TestJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SnapshotPlanTest {
    private static final ResourceType SOURCE = ResourceType.SOURCE;
    private static final ResourceType FIELD = ResourceType.FIELD;
    private static final ResourceType EXTENSION = ResourceType.EXTENSION;
    private static final Predicate<EntryKey> ALL_EXIST = key -> true;
    private static final Predicate<EntryKey> NONE_EXIST = key -> false;

    @Test
    void a_resource_missing_keys_is_in_error_with_one_item_per_distinct_key_model_first_then_parents() {
        // given
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "s", "parents": {"p": "{{ VAULT.k3 }}"},
                  "model": {"b": "{{ VAULT.k2 }}", "a": ["x {{VAULT.k1}} {{ VAULT.k2 }}"], "c": "{{ VAULT.ok }}"}}]}}""");
        // when
        SnapshotPlan plan = SnapshotPlan.of(content, AppliedResources.none(), key -> key.value().equals("ok"),
                DeletionOptions.keepMissing());
        SnapshotReport report = plan.report(ReportType.DRY_RUN, "r", 1, 2, Optional.empty());
        // then
        assertThat(plan.inError()).isTrue();
        assertThat(plan.missingKeys()).containsExactly(ref("k2"), ref("k1"), ref("k3"));
        assertThat(plan.referencedKeys()).containsExactly(ref("k2"), ref("k1"), ref("ok"), ref("k3"));
        assertThat(report.resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        assertThat(report.resourcesProcessed()).isEqualTo(1);
        assertThat(report.resourceOperations().get(SOURCE))
                .isEqualTo(ops(List.of(), List.of(), List.of(), List.of("s"), List.of()));
        List<OperationResult> items = report.resourceOperationResults().get(SOURCE).get("s");
        assertThat(items).extracting(OperationResult::message).containsExactly(
                "The vault entry referenced by {{ VAULT.k2 }} could not be found in the vault.",
                "The vault entry referenced by {{ VAULT.k1 }} could not be found in the vault.",
                "The vault entry referenced by {{ VAULT.k3 }} could not be found in the vault.");
        assertThat(items).extracting(OperationResult::resultCode).containsOnly("INVALID_PLACEHOLDER");
        assertThat(items).extracting(item -> item.reference().orElseThrow()).containsExactly(
                new VaultReference(ref("k2"), SOURCE, "s", JsonPath.root("b"), ReferenceLocation.MODEL),
                new VaultReference(ref("k1"), SOURCE, "s", JsonPath.root("a").index(0), ReferenceLocation.MODEL),
                new VaultReference(ref("k3"), SOURCE, "s", JsonPath.root("p"), ReferenceLocation.PARENTS));
        assertThat(items).allSatisfy(item -> assertThat(item.similarKeys()).isEmpty());
    }

    @Test
    void the_vault_is_asked_once_per_distinct_key() {
        List<EntryKey> asked = new ArrayList<>();
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "a", "model": {"x": "{{ VAULT.k }}", "y": "{{ VAULT.k }}"}},
                                          {"resourceName": "b", "model": {"x": "{{ VAULT.k }} {{ VAULT.j }}"}}]}}""");

        SnapshotPlan plan = SnapshotPlan.of(content, AppliedResources.none(), key -> asked.add(key) && false,
                DeletionOptions.keepMissing());

        assertThat(asked).containsExactly(key("k"), key("j"));
        assertThat(plan.operations().get(SOURCE).inErrorNames()).containsExactly("a", "b");
    }

    @Test
    void resources_are_created_updated_or_unchanged_against_the_applied_ones_in_document_order() {
        // given
        AppliedResources applied = applied("""
                {"resources": {"SOURCE": [{"resourceName": "same", "model": {"v": 1}},
                                          {"resourceName": "changed", "model": {"v": 1}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "new", "model": {"v": 1}},
                                          {"resourceName": "changed", "model": {"v": 2}},
                                          {"resourceName": "same", "model": {"v": 1}}],
                               "FIELD": []}}""");
        // when
        SnapshotReport report = SnapshotPlan.of(content, applied, ALL_EXIST, DeletionOptions.keepMissing())
                .report(ReportType.DRY_RUN, "r", 1, 1, Optional.of(SimilarKeys.find(Set.of(), List.of())));
        // then
        assertThat(report.resultCode()).isEqualTo("SUCCESS");
        assertThat(report.resourceOperations()).containsExactly(
                Map.entry(FIELD, ops(List.of(), List.of(), List.of(), List.of(), List.of())),
                Map.entry(SOURCE, ops(List.of("new"), List.of("changed"), List.of(), List.of(), List.of("same"))));
        assertThat(report.resourcesProcessed()).isEqualTo(3);
        assertThat(report.resourceOperationResults()).isEmpty();
    }

    @Test
    void numbers_compare_by_value_and_object_key_order_is_ignored() {
        AppliedResources applied = applied("""
                {"resources": {"FIELD": [{"resourceName": "f", "parents": {"a": "x", "b": "y"},
                                          "model": {"n": 1, "o": {"p": [1, 2.50], "q": true}}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"FIELD": [{"resourceName": "f", "parents": {"b": "y", "a": "x"},
                                          "model": {"o": {"q": true, "p": [1.0, 25e-1]}, "n": 1e0}}]}}""");

        assertThat(unchangedNames(content, applied)).containsExactly("f");
    }

    @Test
    void array_order_parents_and_placeholder_text_make_an_update() {
        AppliedResources applied = applied("""
                {"resources": {"FIELD": [{"resourceName": "order", "model": {"p": [1, 2]}},
                                         {"resourceName": "parents", "parents": {"a": "x"}, "model": {}},
                                         {"resourceName": "text", "model": {"s": "{{ VAULT.k }}"}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"FIELD": [{"resourceName": "order", "model": {"p": [2, 1]}},
                                         {"resourceName": "parents", "parents": {"a": "z"}, "model": {}},
                                         {"resourceName": "text", "model": {"s": "{{VAULT.k}}"}}]}}""");

        SnapshotPlan plan = SnapshotPlan.of(content, applied, ALL_EXIST, DeletionOptions.keepMissing());

        assertThat(plan.operations().get(FIELD).updatedNames()).containsExactly("order", "parents", "text");
    }

    @Test
    void absent_parents_equal_empty_parents() {
        AppliedResources applied = applied("""
                {"resources": {"FIELD": [{"resourceName": "a", "parents": {}, "model": {}},
                                         {"resourceName": "b", "model": {}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"FIELD": [{"resourceName": "a", "model": {}},
                                         {"resourceName": "b", "parents": null, "model": {}}]}}""");

        assertThat(unchangedNames(content, applied)).containsExactly("a", "b");
    }

    @Test
    void without_delete_missing_resources_nothing_is_deleted_whatever_the_scope() {
        for (DeletionScope scope : DeletionScope.values()) {
            SnapshotPlan plan = SnapshotPlan.of(content(SNAPSHOT_WITH_EMPTY_EXTENSION), applied(APPLIED_THREE_TYPES),
                    ALL_EXIST, new DeletionOptions(false, scope));

            assertThat(plan.operations()).containsOnlyKeys(FIELD, EXTENSION);
            assertThat(plan.operations().values()).allSatisfy(o -> assertThat(o.deletedNames()).isEmpty());
        }
    }

    @Test
    void deletion_of_only_types_from_snapshot_covers_the_snapshot_types_including_empty_arrays() {
        // when
        SnapshotPlan plan = SnapshotPlan.of(content(SNAPSHOT_WITH_EMPTY_EXTENSION), applied(APPLIED_THREE_TYPES),
                ALL_EXIST, DeletionOptions.deleteMissing(DeletionScope.ONLY_TYPES_FROM_SNAPSHOT));
        SnapshotReport report = plan.report(ReportType.DRY_RUN, "r", 1, 1, Optional.empty());
        // then
        assertThat(report.resourceOperations()).containsExactly(
                Map.entry(EXTENSION, ops(List.of(), List.of(), List.of("e1"), List.of(), List.of())),
                Map.entry(FIELD, ops(List.of(), List.of(), List.of("f2", "f3"), List.of(), List.of("f1"))));
        assertThat(report.resourcesProcessed()).isEqualTo(4);
        AppliedResources after = plan.appliedAfter();
        assertThat(after.byType()).containsOnlyKeys(FIELD, SOURCE);
        assertThat(after.byType().get(FIELD)).containsOnlyKeys("f1");
        assertThat(after.byType().get(SOURCE)).containsOnlyKeys("s1");
    }

    @Test
    void deletion_of_all_managed_resources_covers_every_type() {
        // when
        SnapshotPlan plan = SnapshotPlan.of(content(SNAPSHOT_WITH_EMPTY_EXTENSION), applied(APPLIED_THREE_TYPES),
                ALL_EXIST, DeletionOptions.deleteMissing(DeletionScope.ALL_MANAGED_RESOURCES));
        SnapshotReport report = plan.report(ReportType.APPLY, "r", 1, 1, Optional.empty());
        // then
        assertThat(report.resourceOperations()).containsExactly(
                Map.entry(EXTENSION, ops(List.of(), List.of(), List.of("e1"), List.of(), List.of())),
                Map.entry(FIELD, ops(List.of(), List.of(), List.of("f2", "f3"), List.of(), List.of("f1"))),
                Map.entry(SOURCE, ops(List.of(), List.of(), List.of("s1"), List.of(), List.of())));
        assertThat(report.resourcesProcessed()).isEqualTo(5);
        assertThat(plan.appliedAfter().byType()).containsOnlyKeys(FIELD);
    }

    @Test
    void a_resource_in_error_is_not_deleted_and_its_type_still_counts_deletions() {
        AppliedResources applied = applied("""
                {"resources": {"SOURCE": [{"resourceName": "broken", "model": {}}, {"resourceName": "gone", "model": {}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "broken", "model": {"s": "{{ VAULT.missing_key }}"}}]}}""");

        SnapshotPlan plan = SnapshotPlan.of(content, applied, NONE_EXIST,
                DeletionOptions.deleteMissing(DeletionScope.ONLY_TYPES_FROM_SNAPSHOT));

        assertThat(plan.operations().get(SOURCE))
                .isEqualTo(ops(List.of(), List.of(), List.of("gone"), List.of("broken"), List.of()));
    }

    @Test
    void an_apply_report_in_error_counts_only_the_resources_in_error() {
        // given a snapshot with a resource in error and others that a dry run would create, update and delete
        AppliedResources applied = applied("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 1}}, {"resourceName": "old", "model": {}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 2}}, {"resourceName": "g", "model": {}}],
                               "SOURCE": [{"resourceName": "s", "model": {"p": "{{ VAULT.k }}"}}]}}""");
        SnapshotPlan plan = SnapshotPlan.of(content, applied, NONE_EXIST,
                DeletionOptions.deleteMissing(DeletionScope.ALL_MANAGED_RESOURCES));
        // when
        SnapshotReport dryRun = plan.report(ReportType.DRY_RUN, "d", 1, 1, Optional.empty());
        SnapshotReport apply = plan.report(ReportType.APPLY, "a", 1, 1, Optional.empty());
        // then
        assertThat(dryRun.resourcesProcessed()).isEqualTo(4);
        assertThat(apply.resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        assertThat(apply.resourcesProcessed()).isEqualTo(1);
        assertThat(apply.resourceOperations()).containsExactly(
                Map.entry(FIELD, ops(List.of(), List.of(), List.of(), List.of(), List.of())),
                Map.entry(SOURCE, ops(List.of(), List.of(), List.of(), List.of("s"), List.of())));
        assertThat(apply.resourceOperationResults()).isEqualTo(dryRun.resourceOperationResults());
        assertThatIllegalStateException().isThrownBy(plan::appliedAfter);
    }

    @Test
    void applied_after_replaces_same_names_and_keeps_the_others() {
        AppliedResources applied = applied("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 1}}, {"resourceName": "kept", "model": {}}],
                               "SOURCE": [{"resourceName": "s", "model": {}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 2}}],
                               "EXTENSION": [{"resourceName": "e", "model": {"x": "{{ VAULT.k }}"}}]}}""");

        AppliedResources after = SnapshotPlan.of(content, applied, ALL_EXIST, DeletionOptions.keepMissing()).appliedAfter();

        assertThat(after.byType()).containsOnlyKeys(EXTENSION, FIELD, SOURCE);
        assertThat(after.find(FIELD, "f").orElseThrow().model()).isEqualTo(Map.of("v", 2L));
        assertThat(after.find(FIELD, "kept")).isPresent();
        assertThat(after.find(SOURCE, "s")).isPresent();
        assertThat(after.find(EXTENSION, "e").orElseThrow().model()).isEqualTo(Map.of("x", "{{ VAULT.k }}"));
        assertThat(SnapshotPlan.of(content, after, ALL_EXIST, DeletionOptions.keepMissing()).operations().get(FIELD)
                .unchangedNames()).containsExactly("f");
    }

    @Test
    void similar_keys_are_attached_only_when_given() {
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "s", "model": {"p": "{{ VAULT.key0 }}"}}]}}""");
        SnapshotPlan plan = SnapshotPlan.of(content, AppliedResources.none(), NONE_EXIST, DeletionOptions.keepMissing());
        SimilarKeys similar = SimilarKeys.find(List.of(key("key0")), List.of(key("KEYO"), key("other")));

        OperationResult with = plan.report(ReportType.DRY_RUN, "r", 1, 1, Optional.of(similar))
                .resourceOperationResults().get(SOURCE).get("s").get(0);
        OperationResult without = plan.report(ReportType.DRY_RUN, "r", 1, 1, Optional.empty())
                .resourceOperationResults().get(SOURCE).get("s").get(0);

        assertThat(with.similarKeys()).contains(List.of("KEYO"));
        assertThat(without.similarKeys()).isEmpty();
    }

    @Test
    void still_holds_while_the_applied_resources_keep_their_values_and_the_keys_their_presence() {
        // given
        AppliedResources applied = applied("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 1}}]}}""");
        SnapshotContent content = content("""
                {"resources": {"SOURCE": [{"resourceName": "s", "model": {"p": "{{ VAULT.k }}"}}]}}""");
        SnapshotPlan plan = SnapshotPlan.of(content, applied, ALL_EXIST, DeletionOptions.keepMissing());
        // then
        assertThat(plan.stillHolds(applied, ALL_EXIST)).isTrue();
        assertThat(plan.stillHolds(applied("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 1.0}}]}}"""), ALL_EXIST)).isTrue();
        assertThat(plan.stillHolds(applied("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"v": 2}}]}}"""), ALL_EXIST)).isFalse();
        assertThat(plan.stillHolds(AppliedResources.none(), ALL_EXIST)).isFalse();
        assertThat(plan.stillHolds(applied, NONE_EXIST)).isFalse();
    }

    @Test
    void a_plan_gives_no_creation_report() {
        SnapshotPlan plan = SnapshotPlan.of(content("{\"resources\": {}}"), AppliedResources.none(), ALL_EXIST,
                DeletionOptions.keepMissing());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> plan.report(ReportType.CREATE_SNAPSHOT, "r", 1, 1, Optional.empty()));
        assertThat(plan.report(ReportType.DRY_RUN, "r", 1, 1, Optional.empty()).resourcesProcessed()).isZero();
    }

    @Test
    void deletion_scope_parses_any_case_and_refuses_other_words() {
        assertThat(DeletionScope.parse("all_managed_resources")).isEqualTo(DeletionScope.ALL_MANAGED_RESOURCES);
        assertThat(DeletionScope.parse("ONLY_TYPES_FROM_SNAPSHOT")).isEqualTo(DeletionScope.ONLY_TYPES_FROM_SNAPSHOT);
        assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> DeletionScope.parse("ALL"))
                .withMessage("deletionScope must be ONLY_TYPES_FROM_SNAPSHOT or ALL_MANAGED_RESOURCES.");
        assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> DeletionScope.parse(null));
        assertThat(DeletionOptions.keepMissing())
                .isEqualTo(new DeletionOptions(false, DeletionScope.ONLY_TYPES_FROM_SNAPSHOT));
    }

    private static final String SNAPSHOT_WITH_EMPTY_EXTENSION = """
            {"resources": {"FIELD": [{"resourceName": "f1", "model": {}}], "EXTENSION": []}}""";

    private static final String APPLIED_THREE_TYPES = """
            {"resources": {"FIELD": [{"resourceName": "f1", "model": {}}, {"resourceName": "f2", "model": {}},
                                     {"resourceName": "f3", "model": {}}],
                           "EXTENSION": [{"resourceName": "e1", "model": {}}],
                           "SOURCE": [{"resourceName": "s1", "model": {}}]}}""";

    private static List<String> unchangedNames(SnapshotContent content, AppliedResources applied) {
        SnapshotPlan plan = SnapshotPlan.of(content, applied, ALL_EXIST, DeletionOptions.keepMissing());
        assertThat(plan.operations().values()).allSatisfy(o -> assertThat(o.total()).isEqualTo(o.unchangedNames().size()));
        return plan.operations().get(FIELD).unchangedNames();
    }

    /** The six name lists in report order, with {@code recreatedNames} always empty. */
    private static ResourceOperations ops(List<String> created, List<String> updated, List<String> deleted,
                                          List<String> inError, List<String> unchanged) {
        return new ResourceOperations(created, updated, List.of(), deleted, inError, unchanged);
    }

    private static ReferencedKey ref(String value) {
        return ReferencedKey.of(value);
    }

    private static EntryKey key(String value) {
        return EntryKey.of(value);
    }

    private static SnapshotContent content(String json) {
        return SnapshotContentReader.read(TestJson.parse(json), "test.json");
    }

    private static AppliedResources applied(String json) {
        Map<ResourceType, Map<String, SnapshotResource>> byType = new LinkedHashMap<>();
        content(json).resources().forEach((type, resources) -> {
            Map<String, SnapshotResource> byName = new LinkedHashMap<>();
            resources.forEach(resource -> byName.put(resource.resourceName(), resource));
            byType.put(type, byName);
        });
        return new AppliedResources(byType);
    }
}

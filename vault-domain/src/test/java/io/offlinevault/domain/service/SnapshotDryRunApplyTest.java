package io.offlinevault.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.AccessDeniedException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.DeletionScope;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.ResourceOperations;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.SnapshotResource;
import io.offlinevault.domain.testing.FixedClock;
import io.offlinevault.domain.testing.FixedIdGenerator;
import io.offlinevault.domain.testing.TestCallers;
import io.offlinevault.domain.testing.TestEntries;
import io.offlinevault.domain.testing.TestJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Dry run and apply through {@link SnapshotService}, with the shared example snapshot of API.md 3. */
class SnapshotDryRunApplyTest {
    private static final OrganizationId ORG = OrganizationId.of("acmeprodorg7x2k9");
    private static final String SECRET_KEY = "helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value";
    private static final String PASSWORD_KEY = "helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password";
    private static final Caller ADMIN = TestCallers.admin();
    private static final DeletionOptions KEEP = DeletionOptions.keepMissing();

    private final FixedClock clock = new FixedClock();
    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final SnapshotService snapshots = new SnapshotService(repository, clock, new FixedIdGenerator());

    @Test
    void dry_run_of_the_example_without_its_entries_gives_the_shared_report() {
        // given FIELD applied earlier, and the example registered in an organization without the two entries
        applyFieldOnly();
        String id = snapshots.register(ADMIN, ORG, example(), "cli-created-from-zip").id();
        // when
        SnapshotReport report = snapshots.dryRun(ADMIN, ORG, id, KEEP);
        // then
        Map<?, ?> expected = (Map<?, ?>) ((List<?>) exampleModel().get("reports")).get(1);
        assertThat(report.type()).isEqualTo(ReportType.DRY_RUN);
        assertThat(report.status()).isEqualTo(expected.get("status"));
        assertThat(report.resultCode()).isEqualTo(expected.get("resultCode")).isEqualTo("RESOURCES_IN_ERROR");
        assertThat((long) report.resourcesProcessed()).isEqualTo(expected.get("resourcesProcessed")).isEqualTo(4L);
        assertThat(report.type().stages()).isEqualTo(expected.get("stagesToExecute"));
        assertThat(wireOperations(report)).isEqualTo(expected.get("resourceOperations"));
        assertThat(wireResults(report)).isEqualTo(expected.get("resourceOperationResults"));
        assertThat(report.id()).matches("acmeprodorg7x2k9-[a-z2-7]{26}");
        Snapshot stored = snapshots.get(ADMIN, ORG, id);
        assertThat(stored.reports()).extracting(SnapshotReport::type)
                .containsExactly(ReportType.CREATE_SNAPSHOT, ReportType.DRY_RUN);
        assertThat(stored.reports().get(1)).isEqualTo(report);
        assertThat(repository.view().appliedResources(ORG).byType()).containsOnlyKeys(ResourceType.FIELD);
    }

    @Test
    void once_the_entries_exist_dry_run_succeeds_apply_applies_and_a_second_apply_changes_nothing() {
        // given
        applyFieldOnly();
        String id = snapshots.register(ADMIN, ORG, example(), "").id();
        createEntries(SECRET_KEY, PASSWORD_KEY);
        // when
        SnapshotReport dryRun = snapshots.dryRun(ADMIN, ORG, id, KEEP);
        SnapshotReport apply = snapshots.apply(ADMIN, ORG, id, KEEP);
        SnapshotReport again = snapshots.apply(ADMIN, ORG, id, KEEP);
        // then
        for (SnapshotReport report : List.of(dryRun, apply)) {
            assertThat(report.resultCode()).isEqualTo("SUCCESS");
            assertThat(report.resourcesProcessed()).isEqualTo(4);
            assertThat(report.resourceOperationResults()).isEmpty();
            assertThat(report.resourceOperations()).containsOnlyKeys(ResourceType.EXTENSION, ResourceType.FIELD,
                    ResourceType.MAPPING, ResourceType.SOURCE);
            assertThat(report.resourceOperations().get(ResourceType.SOURCE).createdNames())
                    .containsExactly("helpcenter_Qm7xK2");
            assertThat(report.resourceOperations().get(ResourceType.FIELD).unchangedNames())
                    .containsExactly("pimcategory_Hb3nLp");
        }
        assertThat(apply.type()).isEqualTo(ReportType.APPLY);
        assertThat(again.resultCode()).isEqualTo("SUCCESS");
        assertThat(again.resourcesProcessed()).isEqualTo(4);
        assertThat(again.resourceOperations().values()).extracting(ops -> ops.unchangedNames().size())
                .containsExactly(1, 1, 1, 1);
        assertThat(again.resourceOperations().values().stream().mapToInt(ResourceOperations::total).sum()).isEqualTo(4);
        AppliedResources applied = repository.view().appliedResources(ORG);
        assertThat(applied.all()).hasSize(4);
        assertThat(applied.find(ResourceType.SOURCE, "helpcenter_Qm7xK2").orElseThrow())
                .isEqualTo(example().resources().get(ResourceType.SOURCE).get(0));
        assertThat(snapshots.get(ADMIN, ORG, id).reports()).extracting(SnapshotReport::type).containsExactly(
                ReportType.CREATE_SNAPSHOT, ReportType.DRY_RUN, ReportType.APPLY, ReportType.APPLY);
    }

    @Test
    void apply_after_a_partial_fix_applies_nothing_and_counts_only_the_resource_in_error() {
        // given one of the two entries created, and no dry run since
        applyFieldOnly();
        String id = snapshots.register(ADMIN, ORG, example(), "").id();
        createEntries(SECRET_KEY);
        AppliedResources before = repository.view().appliedResources(ORG);
        // when
        SnapshotReport report = snapshots.apply(ADMIN, ORG, id, DeletionOptions.deleteMissing(
                DeletionScope.ALL_MANAGED_RESOURCES));
        // then
        assertThat(report.type()).isEqualTo(ReportType.APPLY);
        assertThat(report.resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        assertThat(report.resourcesProcessed()).isEqualTo(1);
        report.resourceOperations().forEach((type, ops) -> {
            assertThat(ops.createdNames()).isEmpty();
            assertThat(ops.updatedNames()).isEmpty();
            assertThat(ops.unchangedNames()).isEmpty();
            assertThat(ops.deletedNames()).isEmpty();
            assertThat(ops.recreatedNames()).isEmpty();
        });
        assertThat(report.resourceOperations().get(ResourceType.SOURCE).inErrorNames()).containsExactly("helpcenter_Qm7xK2");
        List<OperationResult> items = report.resourceOperationResults().get(ResourceType.SOURCE).get("helpcenter_Qm7xK2");
        assertThat(items).extracting(OperationResult::message).containsExactly("The vault entry referenced by {{ VAULT."
                + PASSWORD_KEY + " }} could not be found in the vault.");
        assertThat(repository.view().appliedResources(ORG)).isEqualTo(before);
        assertThat(snapshots.get(ADMIN, ORG, id).reports()).hasSize(2);
    }

    @Test
    void apply_deletes_missing_resources_of_the_snapshot_types_only_unless_asked_for_all() {
        // given FIELD, SOURCE and EXTENSION applied
        SnapshotContent first = content("""
                {"resources": {"FIELD": [{"resourceName": "f1", "model": {}}, {"resourceName": "f2", "model": {}}],
                               "SOURCE": [{"resourceName": "s1", "model": {}}],
                               "EXTENSION": [{"resourceName": "e1", "model": {}}]}}""");
        snapshots.apply(ADMIN, ORG, snapshots.register(ADMIN, ORG, first, "").id(), KEEP);
        String id = snapshots.register(ADMIN, ORG, content("""
                {"resources": {"FIELD": [{"resourceName": "f1", "model": {}}], "EXTENSION": []}}"""), "").id();
        // when
        SnapshotReport kept = snapshots.dryRun(ADMIN, ORG, id, new DeletionOptions(false,
                DeletionScope.ALL_MANAGED_RESOURCES));
        SnapshotReport ownTypes = snapshots.apply(ADMIN, ORG, id, DeletionOptions.deleteMissing(
                DeletionScope.ONLY_TYPES_FROM_SNAPSHOT));
        AppliedResources afterOwnTypes = repository.view().appliedResources(ORG);
        SnapshotReport allTypes = snapshots.apply(ADMIN, ORG, id, DeletionOptions.deleteMissing(
                DeletionScope.ALL_MANAGED_RESOURCES));
        // then
        assertThat(kept.resourceOperations()).containsOnlyKeys(ResourceType.EXTENSION, ResourceType.FIELD);
        assertThat(kept.resourcesProcessed()).isEqualTo(1);
        assertThat(ownTypes.resourceOperations().get(ResourceType.FIELD).deletedNames()).containsExactly("f2");
        assertThat(ownTypes.resourceOperations().get(ResourceType.EXTENSION).deletedNames()).containsExactly("e1");
        assertThat(ownTypes.resourceOperations()).doesNotContainKey(ResourceType.SOURCE);
        assertThat(ownTypes.resourcesProcessed()).isEqualTo(3);
        assertThat(afterOwnTypes.all()).extracting(SnapshotResource::resourceName).containsExactly("f1", "s1");
        assertThat(allTypes.resourceOperations().get(ResourceType.SOURCE).deletedNames()).containsExactly("s1");
        assertThat(allTypes.resourceOperations().get(ResourceType.FIELD).unchangedNames()).containsExactly("f1");
        assertThat(repository.view().appliedResources(ORG).all()).extracting(SnapshotResource::resourceName)
                .containsExactly("f1");
    }

    @Test
    void numbers_are_compared_by_value_and_object_key_order_is_ignored() {
        snapshots.apply(ADMIN, ORG, snapshots.register(ADMIN, ORG, content("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"a": 1, "b": {"c": [1, 2.5]}}}]}}"""), "").id(), KEEP);
        String id = snapshots.register(ADMIN, ORG, content("""
                {"resources": {"FIELD": [{"resourceName": "f", "model": {"b": {"c": [1.0, 25e-1]}, "a": 1e0}}]}}"""), "").id();

        SnapshotReport report = snapshots.dryRun(ADMIN, ORG, id, KEEP);

        assertThat(report.resourceOperations().get(ResourceType.FIELD).unchangedNames()).containsExactly("f");
        assertThat(report.resourcesProcessed()).isEqualTo(1);
    }

    @Test
    void similar_keys_of_coveos_docs_example_reach_only_callers_who_may_view_the_vault() {
        // given the key typed as in Coveo's docs, while the vault holds the resource's real spelling
        String typed = "mysource_iyn07x-configuration.parameters.ClientSecret.value";
        String real = "mysource_iynO7X-configuration.parameters.ClientSecret.value";
        createEntries(real, "unrelated");
        String id = snapshots.register(ADMIN, ORG, content("""
                {"resources": {"SOURCE": [{"resourceName": "mysource_iynO7X",
                  "model": {"configuration": {"parameters": {"ClientSecret": {"value": "{{ VAULT.%s }}"}}}}}]}}"""
                .formatted(typed)), "").id();
        Caller editAndVault = TestCallers.in(ORG.value(), Privilege.SNAPSHOTS_EDIT, Privilege.SNAPSHOTS_VIEW,
                Privilege.VAULT_ENTRY_VIEW);
        Caller editOnly = TestCallers.in(ORG.value(), Privilege.SNAPSHOTS_EDIT, Privilege.SNAPSHOTS_VIEW);
        // when
        OperationResult shown = onlyItem(snapshots.dryRun(editAndVault, ORG, id, KEEP));
        OperationResult hidden = onlyItem(snapshots.dryRun(editOnly, ORG, id, KEEP));
        // then
        assertThat(shown.similarKeys()).contains(List.of(real));
        assertThat(shown.reference().orElseThrow().jsonPath().value()).isEqualTo("configuration.parameters.ClientSecret.value");
        assertThat(hidden.similarKeys()).isEmpty();
        assertThat(hidden.message()).isEqualTo(shown.message());
        List<SnapshotReport> readByHolder = snapshots.get(editAndVault, ORG, id).reports();
        List<SnapshotReport> readByOther = snapshots.get(editOnly, ORG, id).reports();
        assertThat(onlyItem(readByHolder.get(1)).similarKeys()).contains(List.of(real));
        assertThat(onlyItem(readByHolder.get(2)).similarKeys()).isEmpty();
        assertThat(onlyItem(readByOther.get(1)).similarKeys()).isEmpty();
    }

    @Test
    void similar_keys_are_capped_at_ten_in_string_order() {
        // given twelve keys that fold like the missing one
        List<String> lookAlikes = new ArrayList<>();
        for (String o : List.of("o", "O", "0")) {
            for (String l : List.of("l", "L", "1", "I")) {
                lookAlikes.add("k" + o + l);
            }
        }
        createEntries(lookAlikes.toArray(String[]::new));
        String id = snapshots.register(ADMIN, ORG, Fixtures.contentReferencing("koi"), "").id();
        // when
        OperationResult item = onlyItem(snapshots.dryRun(ADMIN, ORG, id, KEEP));
        // then
        assertThat(item.similarKeys().orElseThrow()).containsExactlyElementsOf(lookAlikes.stream().sorted().limit(10).toList());
    }

    @Test
    void report_dates_strictly_increase_when_the_clock_does_not_move_or_goes_back() {
        // given
        long t = clock.millis();
        String id = snapshots.register(ADMIN, ORG, Fixtures.contentReferencing("a"), "").id();
        // when
        SnapshotReport first = snapshots.dryRun(ADMIN, ORG, id, KEEP);
        SnapshotReport second = snapshots.apply(ADMIN, ORG, id, KEEP);
        clock.set(t - 60_000);
        SnapshotReport third = snapshots.dryRun(ADMIN, ORG, id, KEEP);
        clock.set(t + 60_000);
        SnapshotReport fourth = snapshots.dryRun(ADMIN, ORG, id, KEEP);
        // then
        assertThat(List.of(first.startDate(), first.updatedDate())).containsOnly(t + 1);
        assertThat(List.of(second.startDate(), second.updatedDate())).containsOnly(t + 2);
        assertThat(List.of(third.startDate(), third.updatedDate())).containsOnly(t + 3);
        assertThat(List.of(fourth.startDate(), fourth.updatedDate())).containsOnly(t + 60_000);
        assertThat(snapshots.get(ADMIN, ORG, id).reports()).extracting(SnapshotReport::id).doesNotHaveDuplicates();
    }

    @Test
    void dry_run_and_apply_need_snapshots_edit() {
        String id = snapshots.register(ADMIN, ORG, Fixtures.contentReferencing("a"), "").id();
        for (Privilege privilege : List.of(Privilege.SNAPSHOTS_VIEW, Privilege.SNAPSHOTS_CREATE,
                Privilege.VAULT_ENTRY_VIEW, Privilege.VAULT_ENTRY_EDIT)) {
            Caller caller = TestCallers.in(ORG.value(), privilege);
            assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> snapshots.dryRun(caller, ORG, id, KEEP));
            assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> snapshots.apply(caller, ORG, id, KEEP));
        }
        Caller elsewhere = TestCallers.in("other", Privilege.SNAPSHOTS_EDIT);
        assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> snapshots.apply(elsewhere, ORG, id, KEEP));
        Caller editor = TestCallers.in(ORG.value(), Privilege.SNAPSHOTS_EDIT);
        assertThat(snapshots.dryRun(editor, ORG, id, KEEP).resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        assertThat(snapshots.get(ADMIN, ORG, id).reports()).hasSize(2);
    }

    @Test
    void an_unknown_snapshot_or_one_of_another_organization_is_not_found() {
        String id = snapshots.register(ADMIN, ORG, Fixtures.contentReferencing("a"), "").id();
        OrganizationId other = OrganizationId.of("other");

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> snapshots.dryRun(ADMIN, ORG, ORG.value() + "-unknown", KEEP));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> snapshots.apply(ADMIN, other, id, KEEP))
                .withMessageContaining(id);
    }

    @Test
    void apply_computes_again_when_an_entry_disappears_before_its_commit() {
        // given a repository where another writer deletes the entry just before the apply commits
        InMemoryVaultRepository inner = new InMemoryVaultRepository();
        AtomicBoolean raced = new AtomicBoolean();
        VaultRepository racing = new VaultRepository() {
            @Override
            public VaultView view() {
                return inner.view();
            }

            @Override
            public void commit(Batch batch) {
                boolean applies = batch.changes().stream().anyMatch(c -> c instanceof Change.PutAppliedResources);
                if (applies && raced.compareAndSet(false, true)) {
                    inner.commit(Batch.builder().deleteEntry(ORG, EntryKey.of("a")).build());
                }
                inner.commit(batch);
            }
        };
        inner.commit(Batch.builder().putEntry(ORG, TestEntries.entry("a")).build());
        SnapshotService service = new SnapshotService(racing, clock, new FixedIdGenerator());
        String id = service.register(ADMIN, ORG, Fixtures.contentReferencing("a"), "").id();
        // when
        SnapshotReport report = service.apply(ADMIN, ORG, id, KEEP);
        // then
        assertThat(raced).isTrue();
        assertThat(report.resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        assertThat(inner.view().appliedResources(ORG)).isEqualTo(AppliedResources.none());
        assertThat(service.get(ADMIN, ORG, id).reports()).extracting(SnapshotReport::id).containsExactly(
                service.get(ADMIN, ORG, id).reports().get(0).id(), report.id());
    }

    private void applyFieldOnly() {
        SnapshotContent fieldOnly = new SnapshotContent(example().metadata(),
                Map.of(ResourceType.FIELD, example().resources().get(ResourceType.FIELD)), Map.of());
        SnapshotReport report = snapshots.apply(ADMIN, ORG, snapshots.register(ADMIN, ORG, fieldOnly, "").id(), KEEP);
        assertThat(report.resourceOperations().get(ResourceType.FIELD).createdNames()).containsExactly("pimcategory_Hb3nLp");
    }

    private void createEntries(String... keys) {
        Batch.Builder batch = Batch.builder();
        for (String key : keys) {
            batch.putEntry(ORG, TestEntries.entry(key));
        }
        repository.commit(batch.build());
    }

    private static OperationResult onlyItem(SnapshotReport report) {
        List<OperationResult> items = report.resourceOperationResults().values().stream()
                .flatMap(byName -> byName.values().stream()).flatMap(List::stream).toList();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static SnapshotContent example() {
        return SnapshotContentReader.read(TestJson.resource("/examples/snapshot-content-with-vault-placeholders.json"),
                "snapshot.json");
    }

    private static Map<?, ?> exampleModel() {
        return (Map<?, ?>) TestJson.resource("/examples/snapshot-model-dryrun-missing-vault.json");
    }

    private static SnapshotContent content(String json) {
        return SnapshotContentReader.read(TestJson.parse(json), "test.json");
    }

    // The report's operations as API.md 3 puts them on the wire, to compare with the shared example.
    private static Map<String, Object> wireOperations(SnapshotReport report) {
        Map<String, Object> wire = new LinkedHashMap<>();
        report.resourceOperations().forEach((type, ops) -> {
            Map<String, Object> counters = new LinkedHashMap<>();
            counter(counters, "resourcesCreated", ops.createdNames());
            counter(counters, "resourcesUpdated", ops.updatedNames());
            counter(counters, "resourcesRecreated", ops.recreatedNames());
            counter(counters, "resourcesDeleted", ops.deletedNames());
            counter(counters, "resourcesInError", ops.inErrorNames());
            counter(counters, "resourcesUnchanged", ops.unchangedNames());
            wire.put(type.name(), counters);
        });
        return wire;
    }

    private static void counter(Map<String, Object> counters, String name, List<String> names) {
        counters.put(name, (long) names.size());
        counters.put(name + "Names", names);
    }

    private static Map<String, Object> wireResults(SnapshotReport report) {
        Map<String, Object> wire = new LinkedHashMap<>();
        report.resourceOperationResults().forEach((type, byName) -> {
            Map<String, Object> resources = new LinkedHashMap<>();
            byName.forEach((name, items) -> resources.put(name, items.stream().map(item -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("resultCode", item.resultCode());
                fields.put("message", item.message());
                item.reference().ifPresent(reference -> {
                    fields.put("vaultEntryKey", reference.key().value());
                    fields.put("jsonPath", reference.jsonPath().value());
                    fields.put("in", reference.in().wireName());
                });
                item.similarKeys().ifPresent(similar -> fields.put("similarKeys", similar));
                return fields;
            }).toList()));
            wire.put(type.name(), resources);
        });
        return wire;
    }
}

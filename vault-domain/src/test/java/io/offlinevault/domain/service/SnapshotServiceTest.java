package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferenceLocation;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.VaultReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapshotServiceTest {
    private final AtomicLong now = new AtomicLong(1_767_261_600_000L);
    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final SnapshotService snapshots = new SnapshotService(repository, now::get, IdGenerator.secure());

    @Test
    void register_gives_an_id_of_the_organization_and_a_completed_creation_report() {
        Snapshot snapshot = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("a", "b"), null);

        assertThat(snapshot.id()).matches("acme-[a-z2-7]{26}");
        assertThat(snapshot.createdBy()).isEqualTo("admin");
        assertThat(snapshot.createdDate()).isEqualTo(now.get());
        assertThat(snapshot.developerNote()).isEmpty();
        assertThat(snapshot.contentSummary()).containsExactly(Map.entry(ResourceType.SOURCE, 1));
        SnapshotReport report = snapshot.reports().get(0);
        assertThat(report.type()).isEqualTo(ReportType.CREATE_SNAPSHOT);
        assertThat(report.id()).matches("acme-[a-z2-7]{26}").isNotEqualTo(snapshot.id());
        assertThat(report.resultCode()).isEqualTo("SUCCESS");
        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.resourcesProcessed()).isEqualTo(1);
        assertThat(report.resourceOperations()).isEmpty();
        assertThat(snapshots.get(ADMIN, ACME, snapshot.id())).isEqualTo(snapshot);
        assertThat(snapshots.content(ADMIN, ACME, snapshot.id())).isEqualTo(Fixtures.contentReferencing("a", "b"));
    }

    @Test
    void list_is_newest_first_without_reports() {
        Snapshot older = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("a"), "old");
        now.addAndGet(5);
        Snapshot newer = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("a"), "new");

        List<Snapshot> listed = snapshots.list(ADMIN, ACME);

        assertThat(listed).extracting(Snapshot::id).containsExactly(newer.id(), older.id());
        assertThat(listed).allSatisfy(s -> assertThat(s.reports()).isEmpty());
    }

    @Test
    void get_hides_similar_keys_from_a_caller_who_may_not_view_the_vault() {
        // given a stored report with similarKeys
        Snapshot snapshot = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("a"), "");
        VaultReference reference = new VaultReference(ReferencedKey.of("a"), ResourceType.SOURCE, "helpcenter_Qm7xK2",
                JsonPath.root("parameters").child("p0"), ReferenceLocation.MODEL);
        OperationResult item = new OperationResult("INVALID_PLACEHOLDER", "missing", Optional.of(reference),
                Optional.of(List.of("A")));
        SnapshotReport dryRun = new SnapshotReport("acme-bbbbbbbbbbbbbbbbbbbbbbbbbb", ReportType.DRY_RUN,
                "RESOURCES_IN_ERROR", now.get() + 1, now.get() + 1, 1, Map.of(),
                Map.of(ResourceType.SOURCE, Map.of("helpcenter_Qm7xK2", List.of(item))));
        repository.commit(Batch.builder().putSnapshot(snapshot.withReport(dryRun)).build());
        Caller snapshotsOnly = Fixtures.holding(ACME, Privilege.SNAPSHOTS_VIEW);
        Caller alsoVault = Fixtures.holding(ACME, Privilege.SNAPSHOTS_VIEW, Privilege.VAULT_ENTRY_VIEW);
        // when
        OperationResult hidden = snapshots.get(snapshotsOnly, ACME, snapshot.id()).reports().get(1)
                .resourceOperationResults().get(ResourceType.SOURCE).get("helpcenter_Qm7xK2").get(0);
        OperationResult shown = snapshots.get(alsoVault, ACME, snapshot.id()).reports().get(1)
                .resourceOperationResults().get(ResourceType.SOURCE).get("helpcenter_Qm7xK2").get(0);
        // then
        assertThat(hidden.similarKeys()).isEmpty();
        assertThat(hidden.reference()).contains(reference);
        assertThat(shown.similarKeys()).contains(List.of("A"));
    }

    @Test
    void delete_removes_metadata_and_content() {
        Snapshot snapshot = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("a"), "");

        snapshots.delete(ADMIN, ACME, snapshot.id());

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> snapshots.get(ADMIN, ACME, snapshot.id()));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> snapshots.content(ADMIN, ACME, snapshot.id()));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> snapshots.delete(ADMIN, ACME, snapshot.id()));
        assertThat(repository.view().organizations()).doesNotContain(ACME);
    }
}

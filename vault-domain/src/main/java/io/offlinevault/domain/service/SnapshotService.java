package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The snapshot use cases on a {@link VaultRepository}. Thread-safe. */
public final class SnapshotService implements Snapshots {
    private static final Comparator<Snapshot> NEWEST_FIRST = Comparator.comparingLong(Snapshot::createdDate)
            .thenComparing(Snapshot::id).reversed();

    private final VaultRepository repository;
    private final Clock clock;
    private final IdGenerator ids;

    public SnapshotService(VaultRepository repository, Clock clock, IdGenerator ids) {
        this.repository = requireNonNull(repository, "repository");
        this.clock = requireNonNull(clock, "clock");
        this.ids = requireNonNull(ids, "ids");
    }

    @Override
    public Snapshot register(Caller caller, OrganizationId organization, SnapshotContent content, String developerNote) {
        caller.require(organization, Privilege.SNAPSHOTS_CREATE);
        requireNonNull(content, "content");
        String id = newId(organization);
        long now = clock.millis();
        SnapshotReport created = new SnapshotReport(newId(organization), ReportType.CREATE_SNAPSHOT, "SUCCESS", now, now,
                content.allResources().size(), Map.of(), Map.of());
        Snapshot snapshot = new Snapshot(id, organization, caller.name(), now,
                developerNote == null ? "" : developerNote, content.summary(), List.of(created));
        repository.commit(Batch.builder()
                .require(Precondition.snapshotUnchanged(organization, id, Optional.empty()))
                .putSnapshotContent(organization, id, content)
                .putSnapshot(snapshot)
                .build());
        return snapshot;
    }

    @Override
    public Snapshot get(Caller caller, OrganizationId organization, String snapshotId) {
        caller.require(organization, Privilege.SNAPSHOTS_VIEW);
        Snapshot snapshot = existing(organization, snapshotId);
        return caller.holds(organization, Privilege.VAULT_ENTRY_VIEW) ? snapshot : snapshot.withoutSimilarKeys();
    }

    @Override
    public List<Snapshot> list(Caller caller, OrganizationId organization) {
        caller.require(organization, Privilege.SNAPSHOTS_VIEW);
        return repository.view().snapshots(organization).stream()
                .map(Snapshot::withoutReports)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public SnapshotContent content(Caller caller, OrganizationId organization, String snapshotId) {
        caller.require(organization, Privilege.SNAPSHOTS_VIEW);
        return repository.view().snapshotContent(organization, snapshotId)
                .orElseThrow(() -> NotFoundException.snapshot(organization, snapshotId));
    }

    @Override
    public void delete(Caller caller, OrganizationId organization, String snapshotId) {
        caller.require(organization, Privilege.SNAPSHOTS_EDIT);
        Retry.optimistically(() -> {
            Snapshot snapshot = existing(organization, snapshotId);
            repository.commit(Batch.builder()
                    .require(Precondition.snapshotUnchanged(organization, snapshotId, Optional.of(snapshot)))
                    .deleteSnapshot(organization, snapshotId)
                    .build());
            return snapshot;
        });
    }

    private Snapshot existing(OrganizationId organization, String snapshotId) {
        return repository.view().snapshot(organization, snapshotId)
                .orElseThrow(() -> NotFoundException.snapshot(organization, snapshotId));
    }

    private String newId(OrganizationId organization) {
        return organization.value() + "-" + ids.newId();
    }
}

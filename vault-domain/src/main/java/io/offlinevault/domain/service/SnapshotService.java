package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.ConcurrentChangeException;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.SimilarKeys;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotPlan;
import io.offlinevault.domain.snapshot.SnapshotReport;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The snapshot use cases and the snapshot check on a {@link VaultRepository}. Thread-safe. */
public final class SnapshotService implements Snapshots, SnapshotChecks {
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
        Snapshot snapshot = registered(id, newId(organization), organization, caller.name(), clock.millis(), content,
                developerNote);
        repository.commit(Batch.builder()
                .require(Precondition.snapshotUnchanged(organization, id, Optional.empty()))
                .putSnapshotContent(organization, id, content)
                .putSnapshot(snapshot)
                .build());
        return snapshot;
    }

    /**
     * {@return the model of a snapshot registered now: its {@code CREATE_SNAPSHOT} report, already
     * {@code COMPLETED}, has the id {@code reportId}} A {@code null} note is {@code ""}.
     */
    static Snapshot registered(String id, String reportId, OrganizationId organization, String createdBy, long now,
                               SnapshotContent content, String developerNote) {
        SnapshotReport created = new SnapshotReport(reportId, ReportType.CREATE_SNAPSHOT, "SUCCESS", now, now,
                content.allResources().size(), Map.of(), Map.of());
        return new Snapshot(id, organization, createdBy, now, developerNote == null ? "" : developerNote,
                content.summary(), List.of(created));
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

    @Override
    public SnapshotReport dryRun(Caller caller, OrganizationId organization, String snapshotId, DeletionOptions options) {
        return report(caller, organization, snapshotId, options, ReportType.DRY_RUN);
    }

    @Override
    public SnapshotReport apply(Caller caller, OrganizationId organization, String snapshotId, DeletionOptions options) {
        return report(caller, organization, snapshotId, options, ReportType.APPLY);
    }

    @Override
    public SnapshotCheck check(Caller caller, OrganizationId organization, SnapshotContent content,
                               SnapshotChecks.Progress progress) {
        caller.require(organization, Privilege.SNAPSHOTS_VIEW);
        caller.require(organization, Privilege.VAULT_ENTRY_VIEW);
        requireNonNull(content, "content");
        requireNonNull(progress, "progress");
        return Prerequisites.check(repository.view(), organization, content, true, progress);
    }

    private SnapshotReport report(Caller caller, OrganizationId organization, String snapshotId,
                                  DeletionOptions options, ReportType type) {
        caller.require(organization, Privilege.SNAPSHOTS_EDIT);
        requireNonNull(snapshotId, "snapshotId");
        requireNonNull(options, "options");
        boolean mayViewVault = caller.holds(organization, Privilege.VAULT_ENTRY_VIEW);
        return Retry.optimistically(() -> {
            VaultView view = repository.view();
            Snapshot snapshot = existing(view, organization, snapshotId);
            SnapshotContent content = view.snapshotContent(organization, snapshotId)
                    .orElseThrow(() -> NotFoundException.snapshot(organization, snapshotId));
            // strictly after every earlier report: the Coveo CLI waits forever on a tie of updatedDate
            long startDate = Math.max(clock.millis(), snapshot.lastReportDate() + 1);
            AppliedResources applied = view.appliedResources(organization);
            SnapshotCheck check = Prerequisites.check(view, organization, content, mayViewVault,
                    SnapshotChecks.Progress.NONE);
            SnapshotPlan plan = SnapshotPlan.of(content, applied, key -> check.found(ReferencedKey.of(key)), options);
            Optional<SimilarKeys> similarKeys = mayViewVault ? Optional.of(check.similarKeys()) : Optional.empty();
            long updatedDate = Math.max(startDate, clock.millis());
            SnapshotReport report = plan.report(type, newId(organization), startDate, updatedDate, similarKeys);
            Batch.Builder batch = Batch.builder()
                    .require(Precondition.snapshotUnchanged(organization, snapshotId, Optional.of(snapshot)))
                    .putSnapshot(snapshot.withReport(report));
            if (type == ReportType.APPLY && !plan.inError()) {
                batch.require(latest -> {
                    if (!plan.stillHolds(latest.appliedResources(organization),
                            key -> latest.entry(organization, key).isPresent())) {
                        throw new ConcurrentChangeException();
                    }
                }).putAppliedResources(organization, plan.appliedAfter());
            }
            repository.commit(batch.build());
            return report;
        });
    }

    private static Snapshot existing(VaultView view, OrganizationId organization, String snapshotId) {
        return view.snapshot(organization, snapshotId)
                .orElseThrow(() -> NotFoundException.snapshot(organization, snapshotId));
    }

    private Snapshot existing(OrganizationId organization, String snapshotId) {
        return repository.view().snapshot(organization, snapshotId)
                .orElseThrow(() -> NotFoundException.snapshot(organization, snapshotId));
    }

    private String newId(OrganizationId organization) {
        return organization.value() + "-" + ids.newId();
    }
}

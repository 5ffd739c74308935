package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import java.util.List;

/**
 * The snapshot use cases (API.md section 3). Each checks its caller's {@code SNAPSHOTS} privilege
 * in the organization first. Reports carry {@code similarKeys} only for callers who also hold
 * {@code VAULT_ENTRY:VIEW}. Thread-safe.
 */
public interface Snapshots {
    /** Registers a snapshot with its {@code CREATE_SNAPSHOT} report; needs {@code SNAPSHOTS:CREATE}. */
    Snapshot register(Caller caller, OrganizationId organization, SnapshotContent content, String developerNote);

    /** {@return the snapshot with its reports}; needs {@code SNAPSHOTS:VIEW}. */
    Snapshot get(Caller caller, OrganizationId organization, String snapshotId);

    /** {@return the organization's snapshots, newest first}; needs {@code SNAPSHOTS:VIEW}. */
    List<Snapshot> list(Caller caller, OrganizationId organization);

    /** {@return the snapshot's content}; needs {@code SNAPSHOTS:VIEW}. */
    SnapshotContent content(Caller caller, OrganizationId organization, String snapshotId);

    /** Deletes a snapshot and its content; needs {@code SNAPSHOTS:EDIT}. */
    void delete(Caller caller, OrganizationId organization, String snapshotId);

    /**
     * {@return the {@code DRY_RUN} report of the snapshot against the organization's vault and applied
     * resources, also appended to the snapshot's reports}; needs {@code SNAPSHOTS:EDIT}. Changes nothing
     * else. Throws {@code SNAPSHOT_NOT_FOUND} when the organization has no such snapshot.
     */
    SnapshotReport dryRun(Caller caller, OrganizationId organization, String snapshotId, DeletionOptions options);

    /**
     * {@return the {@code APPLY} report of the snapshot, also appended to the snapshot's reports}; needs
     * {@code SNAPSHOTS:EDIT}. When every referenced vault entry exists, the organization's applied
     * resources are replaced in the same commit as the report; otherwise nothing is applied and the
     * report counts only the resources in error. Throws {@code SNAPSHOT_NOT_FOUND} like {@link #dryRun}.
     */
    SnapshotReport apply(Caller caller, OrganizationId organization, String snapshotId, DeletionOptions options);
}

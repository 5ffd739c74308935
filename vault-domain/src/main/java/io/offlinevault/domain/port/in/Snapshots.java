package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
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
}

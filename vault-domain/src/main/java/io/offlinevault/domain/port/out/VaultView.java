package io.offlinevault.domain.port.out;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A consistent, immutable view of a whole vault as of one commit. Safe to share between threads;
 * it never changes, whatever is committed after it was taken.
 */
public interface VaultView {
    /** {@return the entry of that key, if present} */
    Optional<VaultEntry> entry(OrganizationId organization, EntryKey key);

    /** {@return how many entries the organization holds} */
    long entryCount(OrganizationId organization);

    /**
     * {@return at most {@code limit} entries sorted by key ({@code String.compareTo}), starting at
     * {@code offset}; empty past the end} Costs O(log n + limit), never O(n).
     */
    List<VaultEntry> entries(OrganizationId organization, long offset, int limit);

    /** {@return the organizations that hold entries, snapshots or applied resources, sorted} */
    SortedSet<OrganizationId> organizations();

    /** {@return the snapshot's metadata and reports, if the organization has it} */
    Optional<Snapshot> snapshot(OrganizationId organization, String snapshotId);

    /** {@return the organization's snapshots, sorted by id} */
    List<Snapshot> snapshots(OrganizationId organization);

    /** {@return the snapshot's content, if the organization has it} */
    Optional<SnapshotContent> snapshotContent(OrganizationId organization, String snapshotId);

    /** {@return what the organization's last apply left ({@link AppliedResources#none()} if none)} */
    AppliedResources appliedResources(OrganizationId organization);

    /** {@return the token of that name, if any} */
    Optional<TokenRecord> token(String name);

    /** {@return the token whose value has that digest, if any} */
    Optional<TokenRecord> tokenByDigest(TokenDigest digest);

    /** {@return every token, sorted by name} */
    List<TokenRecord> tokens();
}

package io.offlinevault.domain.port.out;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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

    /**
     * {@return every entry of the organization sorted by key, read lazily through {@link #entries} a
     * thousand at a time} The one way to walk an organization in order: memory stays bounded by a chunk
     * whatever the size of the vault. A view may override it with a cheaper walk of the same order.
     */
    default Stream<VaultEntry> allEntries(OrganizationId organization) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(inChunks(this, organization),
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
    }

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

    private static Iterator<VaultEntry> inChunks(VaultView view, OrganizationId organization) {
        // 1000 entries per read: small against a page of the store, large enough that a read is amortised
        int chunkSize = 1000;
        return new Iterator<>() {
            private long offset;
            private Iterator<VaultEntry> chunk = List.<VaultEntry>of().iterator();
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && !last) {
                    List<VaultEntry> entries = view.entries(organization, offset, chunkSize);
                    offset += entries.size();
                    last = entries.size() < chunkSize;
                    chunk = entries.iterator();
                }
                return chunk.hasNext();
            }

            @Override
            public VaultEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }
}

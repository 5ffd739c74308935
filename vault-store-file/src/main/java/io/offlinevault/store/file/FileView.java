package io.offlinevault.store.file;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The file store's immutable view: the domain's {@link VaultState} for entries, snapshot metadata and
 * tokens, and a {@link BlobIndex} for snapshot contents and applied resources, which are read from
 * their blobs only when asked for. Thread-safe.
 */
record FileView(VaultState state, BlobIndex blobs, BlobReader reader) implements VaultView {
    @Override
    public Optional<VaultEntry> entry(OrganizationId organization, EntryKey key) {
        return state.entry(organization, key);
    }

    @Override
    public long entryCount(OrganizationId organization) {
        return state.entryCount(organization);
    }

    @Override
    public List<VaultEntry> entries(OrganizationId organization, long offset, int limit) {
        return state.entries(organization, offset, limit);
    }

    @Override
    public SortedSet<OrganizationId> organizations() {
        SortedSet<OrganizationId> organizations = new TreeSet<>(state.organizations());
        organizations.addAll(blobs.applied().keySet());
        organizations.addAll(blobs.contents().keySet());
        return Collections.unmodifiableSortedSet(organizations);
    }

    @Override
    public Optional<Snapshot> snapshot(OrganizationId organization, String snapshotId) {
        return state.snapshot(organization, snapshotId);
    }

    @Override
    public List<Snapshot> snapshots(OrganizationId organization) {
        return state.snapshots(organization);
    }

    @Override
    public Optional<SnapshotContent> snapshotContent(OrganizationId organization, String snapshotId) {
        return Optional.ofNullable(blobs.contents().getOrDefault(organization, Map.of()).get(snapshotId))
                .map(reader::content);
    }

    @Override
    public AppliedResources appliedResources(OrganizationId organization) {
        String id = blobs.applied().get(organization);
        return id == null ? AppliedResources.none() : reader.applied(id);
    }

    @Override
    public Optional<TokenRecord> token(String name) {
        return state.token(name);
    }

    @Override
    public Optional<TokenRecord> tokenByDigest(TokenDigest digest) {
        return state.tokenByDigest(digest);
    }

    @Override
    public List<TokenRecord> tokens() {
        return state.tokens();
    }

    @Override
    public String toString() {
        return "FileView[" + state + ", " + blobs.ids().size() + " blobs]";
    }
}

package io.offlinevault.domain.port.out;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes that a repository commits atomically, after checking every precondition against the
 * state the batches before it left: all of it is applied, or nothing is. Immutable.
 */
public record Batch(List<Precondition> preconditions, List<Change> changes) {
    public Batch {
        preconditions = List.copyOf(preconditions);
        changes = List.copyOf(changes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether this batch changes nothing} */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Collects the preconditions and changes of one batch; not thread-safe. */
    public static final class Builder {
        private final List<Precondition> preconditions = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();

        private Builder() {
        }

        public Builder require(Precondition precondition) {
            preconditions.add(requireNonNull(precondition, "precondition"));
            return this;
        }

        public Builder change(Change change) {
            changes.add(requireNonNull(change, "change"));
            return this;
        }

        public Builder putEntry(OrganizationId organization, VaultEntry entry) {
            return change(new Change.PutEntry(organization, entry));
        }

        public Builder deleteEntry(OrganizationId organization, EntryKey key) {
            return change(new Change.DeleteEntry(organization, key));
        }

        public Builder putSnapshot(Snapshot snapshot) {
            return change(new Change.PutSnapshot(snapshot));
        }

        public Builder putSnapshotContent(OrganizationId organization, String snapshotId, SnapshotContent content) {
            return change(new Change.PutSnapshotContent(organization, snapshotId, content));
        }

        public Builder deleteSnapshot(OrganizationId organization, String snapshotId) {
            return change(new Change.DeleteSnapshot(organization, snapshotId));
        }

        public Builder putAppliedResources(OrganizationId organization, AppliedResources resources) {
            return change(new Change.PutAppliedResources(organization, resources));
        }

        public Builder putToken(TokenRecord token) {
            return change(new Change.PutToken(token));
        }

        public Builder deleteToken(String name) {
            return change(new Change.DeleteToken(name));
        }

        public Batch build() {
            return new Batch(preconditions, changes);
        }
    }
}

package io.offlinevault.domain.port.out;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;

/**
 * One change of a {@link Batch}. The set is closed: a repository handles each kind through a
 * {@link Visitor}, so a new kind does not compile until every repository writes it.
 */
public interface Change {
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of change. */
    interface Visitor<R> {
        R putEntry(PutEntry change);

        R deleteEntry(DeleteEntry change);

        R putSnapshot(PutSnapshot change);

        R putSnapshotContent(PutSnapshotContent change);

        R deleteSnapshot(DeleteSnapshot change);

        R putAppliedResources(PutAppliedResources change);

        R putToken(PutToken change);

        R deleteToken(DeleteToken change);
    }

    /** Creates or replaces the entry of that key in the organization. */
    record PutEntry(OrganizationId organization, VaultEntry entry) implements Change {
        public PutEntry {
            requireNonNull(organization, "organization");
            requireNonNull(entry, "entry");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putEntry(this);
        }
    }

    /** Removes the entry of that key, if present. */
    record DeleteEntry(OrganizationId organization, EntryKey key) implements Change {
        public DeleteEntry {
            requireNonNull(organization, "organization");
            requireNonNull(key, "key");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteEntry(this);
        }
    }

    /** Creates or replaces a snapshot's metadata and reports. */
    record PutSnapshot(Snapshot snapshot) implements Change {
        public PutSnapshot {
            requireNonNull(snapshot, "snapshot");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putSnapshot(this);
        }
    }

    /** Stores a snapshot's content; written once, when the snapshot is registered. */
    record PutSnapshotContent(OrganizationId organization, String snapshotId, SnapshotContent content)
            implements Change {
        public PutSnapshotContent {
            requireNonNull(organization, "organization");
            requireNonNull(snapshotId, "snapshotId");
            requireNonNull(content, "content");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putSnapshotContent(this);
        }
    }

    /** Removes a snapshot: its metadata, reports and content. */
    record DeleteSnapshot(OrganizationId organization, String snapshotId) implements Change {
        public DeleteSnapshot {
            requireNonNull(organization, "organization");
            requireNonNull(snapshotId, "snapshotId");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteSnapshot(this);
        }
    }

    /** Replaces an organization's applied resources as a whole. */
    record PutAppliedResources(OrganizationId organization, AppliedResources resources) implements Change {
        public PutAppliedResources {
            requireNonNull(organization, "organization");
            requireNonNull(resources, "resources");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putAppliedResources(this);
        }
    }

    /** Creates or replaces a token (by name). */
    record PutToken(TokenRecord token) implements Change {
        public PutToken {
            requireNonNull(token, "token");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putToken(this);
        }
    }

    /** Removes a token, if present. */
    record DeleteToken(String name) implements Change {
        public DeleteToken {
            requireNonNull(name, "name");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteToken(this);
        }
    }
}

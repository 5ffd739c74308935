package io.offlinevault.store.file;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.snapshot.AppliedResources;
import java.util.Optional;

/**
 * What a change means for the blobs: a snapshot content or an organization's applied resources to keep
 * in a blob (the state does not hold them), a snapshot whose content blob is no longer needed, or
 * nothing. The one place where the store sorts changes between the state and the blobs.
 */
record BlobEffect(Kind kind, OrganizationId organization, String snapshotId, Object payload) {
    /** The kinds of effect. */
    enum Kind {
        /** The state keeps this change; no blob is involved. */
        NONE,
        /** A snapshot content ({@code payload}) goes to a new blob. */
        CONTENT,
        /** An organization's applied resources ({@code payload}) go to a new blob, or away when empty. */
        APPLIED,
        /** A snapshot is deleted: its content blob is no longer referenced. */
        SNAPSHOT_DELETED
    }

    /** {@return the effect of {@code change}} */
    static BlobEffect of(Change change) {
        return change.accept(CLASSIFIER);
    }

    /** {@return whether the state leaves this change to the blobs} */
    boolean replacesStateChange() {
        return kind == Kind.CONTENT || kind == Kind.APPLIED;
    }

    /** {@return the payload to write as a new blob; empty when none (clearing applied resources writes none)} */
    Optional<Object> blobPayload() {
        if (kind == Kind.CONTENT || (kind == Kind.APPLIED && !((AppliedResources) payload).byType().isEmpty())) {
            return Optional.of(payload);
        }
        return Optional.empty();
    }

    private static final BlobEffect NONE = new BlobEffect(Kind.NONE, null, null, null);

    private static final Change.Visitor<BlobEffect> CLASSIFIER = new Change.Visitor<>() {
        @Override
        public BlobEffect putSnapshotContent(Change.PutSnapshotContent change) {
            return new BlobEffect(Kind.CONTENT, change.organization(), change.snapshotId(), change.content());
        }

        @Override
        public BlobEffect putAppliedResources(Change.PutAppliedResources change) {
            return new BlobEffect(Kind.APPLIED, change.organization(), null, change.resources());
        }

        @Override
        public BlobEffect deleteSnapshot(Change.DeleteSnapshot change) {
            return new BlobEffect(Kind.SNAPSHOT_DELETED, change.organization(), change.snapshotId(), null);
        }

        @Override
        public BlobEffect putEntry(Change.PutEntry change) {
            return NONE;
        }

        @Override
        public BlobEffect deleteEntry(Change.DeleteEntry change) {
            return NONE;
        }

        @Override
        public BlobEffect putSnapshot(Change.PutSnapshot change) {
            return NONE;
        }

        @Override
        public BlobEffect putToken(Change.PutToken change) {
            return NONE;
        }

        @Override
        public BlobEffect deleteToken(Change.DeleteToken change) {
            return NONE;
        }
    };
}

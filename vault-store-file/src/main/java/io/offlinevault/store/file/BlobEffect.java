package io.offlinevault.store.file;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.Map;
import java.util.Optional;

/**
 * What a change means for the blobs: a snapshot content or an organization's applied resources to keep
 * in a blob (the state does not hold them), a snapshot whose content blob is no longer needed, or
 * nothing. The one place where the store sorts changes between the state and the blobs.
 */
record BlobEffect(Kind kind, OrganizationId organization, String snapshotId, Payload payload) {
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

    /** What a blob holds: a snapshot content or an organization's applied resources. */
    sealed interface Payload permits Content, Applied {
        /** {@return the value itself, as a blob reader caches it} */
        Object value();

        /** {@return the value as the blob encodes it} */
        Map<String, Object> tree();
    }

    /** A snapshot's content. */
    record Content(SnapshotContent value) implements Payload {
        @Override
        public Map<String, Object> tree() {
            return RecordCodec.content(value);
        }
    }

    /** An organization's applied resources. */
    record Applied(AppliedResources value) implements Payload {
        @Override
        public Map<String, Object> tree() {
            return RecordCodec.applied(value);
        }
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
    Optional<Payload> blobPayload() {
        if (payload instanceof Applied applied && applied.value().byType().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(payload);
    }

    private static final BlobEffect NONE = new BlobEffect(Kind.NONE, null, null, null);

    private static final Change.Visitor<BlobEffect> CLASSIFIER = new Change.Visitor<>() {
        @Override
        public BlobEffect putSnapshotContent(Change.PutSnapshotContent change) {
            return new BlobEffect(Kind.CONTENT, change.organization(), change.snapshotId(),
                    new Content(change.content()));
        }

        @Override
        public BlobEffect putAppliedResources(Change.PutAppliedResources change) {
            return new BlobEffect(Kind.APPLIED, change.organization(), null, new Applied(change.resources()));
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

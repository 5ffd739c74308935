package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The encrypted file store's {@link VaultRepository}: reads, admission and lifecycle. Reads never wait for a write:
 * they answer from the immutable view the last commit published. Commits and maintenance go through the
 * {@link GroupCommit} pipeline (leader/follower group commit: a caller commits its own batch when the store is idle,
 * the writer thread takes what queues behind a commit in flight as one group). A commit whose outcome is unknown
 * seals the store until it restarts. Thread-safe.
 */
final class FileVaultRepository implements VaultRepository {

    /**
     * When to checkpoint (once the newest segment is larger than both the checkpoint and {@code minSegmentBytes})
     * and when to rotate the data key by itself (once {@code rotateAfter} messages were sealed under it: with
     * random 96-bit nonces, AES-GCM must stay well below 2^32 messages per key, and 2^31 leaves that margin).
     */
    record Policy(long minSegmentBytes, long rotateAfter) {
        static final Policy DEFAULT = new Policy(4L * 1024 * 1024, 1L << 31);

        Policy(long minSegmentBytes) {
            this(minSegmentBytes, DEFAULT.rotateAfter());
        }
    }

    /**
     * Where the vault stands on disk when the repository starts: its checkpoint (generation, file size,
     * segment covered, blobs, whether it is of format version 1) and the blobs {@code checkpoint.prev} needs
     * (every blob file present when it could not be read).
     */
    record Start(long generation, long checkpointBytes, long coversThrough, Set<String> checkpointBlobs,
                 Set<String> previousBlobs, boolean version1, long encryptions) {
        /** {@return where a vault just created starts: its first checkpoint of {@code checkpointBytes}, alone} */
        static Start newVault(long checkpointBytes) {
            return new Start(0, checkpointBytes, 0, Set.of(), Set.of(), false, 1);
        }

        /**
         * {@return where a vault opened at {@code checkpoint} starts, with the blobs it and {@code checkpoint.prev}
         * reference, and {@code encryptions} sealed under its current term so far}
         */
        static Start opened(Checkpoint.Opened checkpoint, Set<String> checkpointBlobs, Set<String> previousBlobs,
                            long encryptions) {
            Checkpoint.Header header = checkpoint.header();
            return new Start(header.generation(), checkpoint.size(), header.coversThrough(), checkpointBlobs,
                    previousBlobs, checkpoint.version() == 1, encryptions);
        }
    }

    private final String vaultId;
    private final Journal journal;
    private final Checkpointer checkpoints;
    private final GroupCommit commits;
    private volatile Runnable beforeAdmission = () -> { };

    FileVaultRepository(FileIo io, Path dataDir, String vaultId, Keyring keyring, Blobs blobs,
                        JournalReplay.Result replayed, Start start, Set<String> blobFiles, Clock clock, Policy policy) {
        this.vaultId = vaultId;
        this.journal = new Journal(io, dataDir, keyring, vaultId, start.coversThrough(), replayed.end());
        AtomicLong encryptions = new AtomicLong(start.encryptions());
        // a checkpoint sealed under the term in use counts as one more message under it; under a new term, the first
        this.checkpoints = new Checkpointer(io, dataDir, vaultId, clock, start, this::keyring,
                sealedWith -> sealedWith.currentTerm() == keyring().currentTerm()
                        ? encryptions.incrementAndGet() : 1);
        this.commits = new GroupCommit(journal, blobs, checkpoints, policy, keyring, replayed.view(), blobFiles,
                encryptions, start.version1());
    }

    @Override
    public VaultView view() {
        throwIfSealed();
        return commits.published();
    }

    @Override
    public void commit(Batch batch) {
        admitting();
        commits.commit(batch);
    }

    // Before work is admitted: refused at once when sealed, then the seam.
    private void admitting() {
        throwIfSealed();
        beforeAdmission.run();
    }

    private void throwIfSealed() {
        StoreUnavailableException reason = commits.sealed();
        if (reason != null) {
            throw reason;
        }
    }

    /** A seam for tests: runs in the caller's thread after the sealed check and before the work is admitted. */
    void beforeAdmission(Runnable seam) {
        this.beforeAdmission = seam;
    }

    /** {@return how many items wait for the writer: what tests wait on to know that commits are queued} */
    int queued() {
        return commits.queued();
    }

    /** {@return the keyring in use} */
    Keyring keyring() {
        return commits.keyring();
    }

    /** {@return the generation of the newest checkpoint} */
    long generation() {
        return checkpoints.generation();
    }

    /** {@return the vault's id} */
    String vaultId() {
        return vaultId;
    }

    /** {@return why the store sealed itself while running, if it did} */
    StoreUnavailableException sealedReason() {
        return commits.sealed();
    }

    /**
     * Finishes the commit in flight, every batch queued so far and the checkpoint being written, then stops; later
     * work is refused.
     */
    void close() {
        commits.close();
        checkpoints.close();
        journal.close();
    }

    /**
     * Writes a checkpoint of everything committed so far under {@code change} of the keyring (a new key term, or
     * new slots), synchronously, between two groups; {@return the keyring now in use} Old data stays readable:
     * a changed keyring keeps every term. A failure before the checkpoint's rename changes nothing.
     */
    Keyring rekey(UnaryOperator<Keyring> change) {
        return maintenance(() -> commits.changeKeyring(change));
    }

    /**
     * Pins the state of the last commit for a backup that copies it while commits go on: on the writer thread,
     * between two groups, its segments and blobs are retained and the checkpoint it starts from is read on the
     * checkpointer's thread (after the checkpoint being written, if any, and before any later one). Closing the
     * boundary lets them go. {@return the boundary}
     */
    Boundary pinBoundary() {
        return maintenance(() -> {
            FileView view = commits.published();
            Checkpointer.Pin pin = checkpoints.pin(view.blobs().ids());
            try {
                return new Boundary(pin, checkpoints.readCheckpoint(), journal.segment(), journal.size(),
                        journal.lastSeq(), vaultId, view.blobs().ids());
            } catch (RuntimeException | Error e) {
                pin.close();
                throw e;
            }
        });
    }

    /**
     * {@return what {@code task} returns, run while nothing writes to the data dir} It runs between two groups
     * (commits wait meanwhile; reads do not) on the checkpointer's thread once the checkpoint being written, if
     * any, is done.
     */
    <T> T whileStill(Supplier<T> task) {
        return maintenance(() -> checkpoints.alone(task));
    }

    /**
     * A commit boundary pinned for a backup: the checkpoint that the state starts from (read once the checkpoint in
     * progress, if any, is done), the newest segment then and its valid length, the last record, the vault's id,
     * and the blobs the state references. Closing it lets the pinned segments and blobs go.
     */
    record Boundary(Checkpointer.Pin pin, Future<byte[]> checkpoint, long newestSegment, long newestLength,
                    long lastSeq, String vaultId, Set<String> liveBlobs) implements AutoCloseable {
        Boundary {
            liveBlobs = Set.copyOf(liveBlobs);
        }

        /** {@return the bytes of the checkpoint the state starts from, waiting for them} */
        byte[] checkpointBytes() {
            return Checkpointer.await(checkpoint, "reading the checkpoint");
        }

        @Override
        public void close() {
            pin.close();
        }
    }

    // Runs task alone on the writer thread between two groups, in queue order, and returns its result.
    private <T> T maintenance(Supplier<T> task) {
        admitting();
        return commits.maintain(task);
    }
}

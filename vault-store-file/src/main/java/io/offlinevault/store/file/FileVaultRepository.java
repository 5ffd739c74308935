package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The encrypted file store's {@link VaultRepository}. One writer thread owns the {@link Journal}: it takes
 * every queued batch, checks each against the view the batches before it left, writes the blobs they add,
 * then appends one record per batch in one write plus one force (group commit), and only then publishes
 * the new immutable view and answers the callers in journal order. Reads never wait for a write. When the
 * newest segment outgrows the checkpoint, the writer starts the next segment and the {@link Checkpointer}
 * writes the checkpoint of the view as of the end of the previous one in the background. A commit
 * whose outcome is unknown seals the store until it restarts. Thread-safe.
 */
final class FileVaultRepository implements VaultRepository {
    private static final System.Logger LOG = System.getLogger(FileVaultRepository.class.getName());

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
    private volatile Keyring keyring;
    private final Blobs blobs;
    private final Policy policy;
    private final Journal journal;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    // guards closing and the admission of work, so that nothing is queued behind close()'s Stop
    private final Object intake = new Object();
    private final Set<String> blobFiles;
    private final Thread writer;
    private final Checkpointer checkpoints;
    private final AtomicLong encryptions;
    private boolean version1;
    private volatile FileView view;
    private volatile StoreUnavailableException sealed;
    private boolean closing;
    private volatile Runnable beforeAdmission = () -> { };

    FileVaultRepository(FileIo io, Path dataDir, String vaultId, Keyring keyring, Blobs blobs,
                        JournalReplay.Result replayed, Start start, Set<String> blobFiles, Clock clock, Policy policy) {
        this.vaultId = vaultId;
        this.keyring = keyring;
        this.blobs = blobs;
        this.policy = policy;
        this.journal = new Journal(io, dataDir, keyring, vaultId, start.coversThrough(), replayed.end());
        this.view = replayed.view();
        this.blobFiles = new HashSet<>(blobFiles);
        this.encryptions = new AtomicLong(start.encryptions());
        this.version1 = start.version1();
        // a checkpoint sealed under the term in use counts as one more message under it; under a new term, the first
        this.checkpoints = new Checkpointer(io, dataDir, vaultId, clock, start, () -> this.keyring,
                sealedWith -> sealedWith.currentTerm() == this.keyring.currentTerm() ? encryptions.incrementAndGet() : 1);
        this.writer = new Thread(this::run, "offline-vault-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public VaultView view() {
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            throw reason;
        }
        return view;
    }

    @Override
    public void commit(Batch batch) {
        submit(new Commit(batch, new Outcome())).outcome().await();
    }

    // Admits work behind everything queued so far, or refuses it once close() has queued its Stop.
    private <W extends Work> W submit(W work) {
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            throw reason;
        }
        beforeAdmission.run();
        synchronized (intake) {
            if (closing) {
                throw closed();
            }
            queue.add(work);
        }
        return work;
    }

    /** A seam for tests: runs in the caller's thread after the sealed check and before the work is admitted. */
    void beforeAdmission(Runnable seam) {
        this.beforeAdmission = seam;
    }

    /** {@return how many items wait for the writer: what tests wait on to know that commits are queued} */
    int queued() {
        return queue.size();
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("the store is closed");
    }

    /** {@return the keyring in use} */
    Keyring keyring() {
        return keyring;
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
        return sealed;
    }

    /** Finishes every batch queued so far and the checkpoint being written, then stops; later work is refused. */
    void close() {
        synchronized (intake) {
            if (!closing) {
                closing = true;
                queue.add(new Stop());
            }
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        checkpoints.close();
        journal.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Work> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, so that no queued caller waits forever
            }
            queue.drainTo(group);
            // commits are grouped up to each maintenance task, which runs alone, in queue order; Stop comes last
            List<Commit> batches = new ArrayList<>();
            for (Work work : group) {
                if (work instanceof Commit commit) {
                    batches.add(commit);
                    continue;
                }
                processSafely(batches);
                batches.clear();
                if (work instanceof Maintenance task) {
                    maintain(task);
                } else {
                    return;
                }
            }
            processSafely(batches);
            group.clear();
        }
    }

    private void processSafely(List<Commit> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            process(group);
        } catch (RuntimeException | Error e) {
            // a bug: answer every caller of the group rather than leave them waiting
            group.forEach(commit -> commit.outcome().fail(e));
        }
    }

    private void maintain(Maintenance maintenance) {
        Outcome outcome = maintenance.outcome();
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            outcome.fail(reason);
            return;
        }
        try {
            maintenance.task().run();
            outcome.succeed();
        } catch (StoreException e) {
            if (seals(e)) {
                seal(e);
            } else {
                logFailedWrite("a key change or a backup could not write", e);
            }
            outcome.fail(e);
        } catch (RuntimeException | Error e) {
            outcome.fail(e);
        }
    }

    /**
     * Writes a checkpoint of everything committed so far under {@code change} of the keyring (a new key term, or
     * new slots), synchronously, between two groups; {@return the keyring now in use} Old data stays readable:
     * a changed keyring keeps every term. A failure before the checkpoint's rename changes nothing.
     */
    Keyring rekey(UnaryOperator<Keyring> change) {
        return maintenance(() -> changeKeyring(change));
    }

    /**
     * Pins the state of the last commit for a backup that copies it while commits go on: on the writer thread,
     * between two groups, its segments and blobs are retained and the checkpoint it starts from is read on the
     * checkpointer's thread (after the checkpoint being written, if any, and before any later one). Closing the
     * boundary lets them go. {@return the boundary}
     */
    Boundary pinBoundary() {
        return maintenance(() -> {
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

    // Runs task alone between two groups, in queue order, and returns its result.
    private <T> T maintenance(Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        submit(new Maintenance(() -> result.set(task.get()), new Outcome())).outcome().await();
        return result.get();
    }

    // On the writer thread, between groups: the checkpoint under the new keyring, then the keyring in use.
    private Keyring changeKeyring(UnaryOperator<Keyring> change) {
        Keyring next = change.apply(keyring);
        boolean newTerm = next.currentTerm() != keyring.currentTerm();
        checkpoints.writeNow(covered(), next);
        journal.coveredByCheckpoint();
        keyring = next;
        journal.useKeyring(next);
        view.reader().useKeyring(next);
        if (newTerm) {
            encryptions.set(1);
            try {
                journal.roll();
                encryptions.incrementAndGet();
            } catch (StoreException e) {
                logFailedWrite("could not start the journal segment of the new key term; the next commit tries"
                        + " again", e);
            }
        }
        return next;
    }

    // Never called with an empty group: close() alone writes nothing, not even a version 1 store's upgrade or a
    // first segment.
    private void process(List<Commit> group) {
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            group.forEach(commit -> commit.outcome().fail(reason));
            return;
        }
        try {
            checkFilesUnchanged();
            prepareJournal();
        } catch (StoreException e) {
            failGroup(group, e);
            return;
        }
        FileView working = view;
        List<Outcome> accepted = new ArrayList<>();
        Set<String> written = new HashSet<>();
        journal.discardStaged(); // what a group that ended in a bug staged is not part of this one
        for (Commit commit : group) {
            Map<Change, String> blobsOfBatch = new IdentityHashMap<>();
            try {
                for (Precondition precondition : commit.batch().preconditions()) {
                    precondition.check(working);
                }
                writeBlobs(commit.batch(), blobsOfBatch);
                JournalEntry entry = JournalEntry.of(commit.batch(), blobsOfBatch);
                FileView next = entry.applyTo(working);
                journal.stage(entry);
                working = next;
            } catch (RuntimeException e) {
                deleteBlobs(new HashSet<>(blobsOfBatch.values()));
                if (e instanceof StoreException failure) {
                    logFailedWrite("a commit's blob could not be written; that commit was refused", failure);
                }
                commit.outcome().fail(e);
                continue;
            }
            written.addAll(blobsOfBatch.values());
            accepted.add(commit.outcome());
        }
        if (accepted.isEmpty()) {
            return;
        }
        try {
            journal.append();
        } catch (Journal.AppendFailedException e) {
            if (e.outcomeUnknown()) {
                seal(e.error());
                accepted.forEach(outcome -> outcome.fail(e.error()));
                return;
            }
            deleteBlobs(written);
            logFailedWrite("the journal write of " + accepted.size() + " commit(s) failed and was truncated back;"
                    + " they were refused", e.error());
            accepted.forEach(outcome -> outcome.fail(e.error()));
            return;
        }
        FileView before = view;
        view = working;
        blobFiles.addAll(written);
        encryptions.addAndGet(accepted.size() + written.size()); // one record per accepted commit, and its blobs
        accepted.forEach(Outcome::succeed);
        deleteUnreferencedBlobs(before);
        if (encryptions.get() >= policy.rotateAfter()) {
            rotateByItself();
        } else {
            startCheckpointWhenDue();
        }
    }

    // Before the first record of a group: a version 1 checkpoint is rewritten first (so that no older build
    // opens the vault and misses the journal), and the records go to a segment of the current key term.
    private void prepareJournal() {
        if (version1) {
            checkpoints.writeNow(covered(), keyring);
            journal.coveredByCheckpoint();
            version1 = false;
        }
        if (journal.needsSegment()) {
            journal.roll();
            encryptions.incrementAndGet();
        }
    }

    private void failGroup(List<Commit> group, StoreException e) {
        if (seals(e)) {
            seal(e);
        } else {
            logFailedWrite("the journal could not be prepared for " + group.size() + " commit(s); they were refused",
                    e);
        }
        group.forEach(commit -> commit.outcome().fail(seals(e) ? sealed : e));
    }

    // Sealed before any caller of the failed group is answered, so that no caller sees the store still open.
    private void seal(StoreException cause) {
        if (sealed == null) {
            LOG.log(Level.ERROR, StoreErrors.sealedLogLine(cause));
        }
        sealed = new StoreUnavailableException(cause.code(), cause.code() == ErrorCode.STORE_CONFLICT
                ? "The store is sealed. " + cause.getMessage()
                : "The store is sealed: a commit's outcome is unknown because the disk refused to sync. Restart the"
                + " server; the last change will then be wholly present or wholly absent.");
        queue.removeIf(work -> work instanceof Commit commit ? commit.outcome().fail(sealed)
                : work instanceof Maintenance task && task.outcome().fail(sealed));
    }

    // One ERROR line per failed write, from an I/O error only: a refused precondition or a limit is no failure.
    private static void logFailedWrite(String event, StoreException e) {
        if (StoreErrors.fromIo(e)) {
            LOG.log(Level.ERROR, StoreErrors.failedWriteLogLine(event, e));
        }
    }

    private static boolean seals(StoreException e) {
        return e.code() == ErrorCode.COMMIT_OUTCOME_UNKNOWN || e.code() == ErrorCode.STORE_CONFLICT;
    }

    // Before the next write: the checkpoint and the newest segment are as this store left them.
    private void checkFilesUnchanged() {
        checkpoints.checkUnchanged();
        journal.checkUnchanged();
    }

    // Everything committed so far, as a checkpoint holds it.
    private Checkpointer.Covered covered() {
        return new Checkpointer.Covered(view, journal.segment(), journal.lastSeq());
    }

    private void rotateByItself() {
        try {
            Keyring next = changeKeyring(Keyring::withNewTerm);
            LOG.log(Level.INFO, "rotated the data key to term " + next.currentTerm() + " after "
                    + policy.rotateAfter() + " encryptions under the previous one");
        } catch (StoreException e) {
            if (seals(e)) {
                seal(e);
            } else {
                logFailedWrite("could not rotate the data key; the next commit tries again", e);
            }
        }
    }

    // The segment just closed is covered by a checkpoint of the view as of its end, written in the background.
    private void startCheckpointWhenDue() {
        if (!checkpoints.claimIfDue(journal.size(), policy.minSegmentBytes())) {
            return;
        }
        Checkpointer.Covered covered = covered();
        try {
            journal.roll();
            encryptions.incrementAndGet();
        } catch (StoreException e) {
            checkpoints.unclaim();
            logFailedWrite("could not start a new journal segment; the checkpoint waits for the next roll", e);
            return;
        }
        checkpoints.start(covered, e -> {
            if (seals(e)) {
                seal(e);
            } else if (StoreErrors.fromIo(e)) {
                logFailedWrite("the background checkpoint failed; the journal keeps every change and the next roll"
                        + " tries again", e);
            } else {
                LOG.log(Level.WARNING, "the background checkpoint failed (" + e.code() + "); the journal keeps"
                        + " every change and the next roll tries again");
            }
        });
    }

    private void writeBlobs(Batch batch, Map<Change, String> written) {
        for (Change change : batch.changes()) {
            Optional<BlobEffect.Payload> payload = BlobEffect.of(change).blobPayload();
            if (payload.isPresent()) {
                String id = Blobs.newId();
                blobs.write(id, payload.get().tree(), keyring.currentTerm(), keyring.currentKey());
                written.put(change, id);
                view.reader().remember(id, payload.get().value());
            }
        }
    }

    // A reader may still hold the view before the last commit: its blobs stay until the next one.
    private void deleteUnreferencedBlobs(FileView before) {
        if (blobFiles.isEmpty()) {
            return; // the usual case, entries only: nothing to delete, and no sets to build for every group
        }
        Set<String> keep = checkpoints.retainedBlobs();
        keep.addAll(before.blobs().ids());
        keep.addAll(view.blobs().ids());
        Set<String> unreferenced = new HashSet<>(blobFiles);
        unreferenced.removeAll(keep);
        deleteBlobs(unreferenced);
    }

    // A blob that is not removed now is removed by the next successful open: nothing references it.
    private void deleteBlobs(Set<String> ids) {
        for (String id : ids) {
            try {
                blobs.delete(id);
                blobFiles.remove(id);
                view.reader().forget(id);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete the unreferenced blob " + id + ": "
                        + e.getClass().getSimpleName() + "; the next open removes it");
            }
        }
    }

    /** What the writer is asked to do, in queue order. */
    private sealed interface Work permits Commit, Maintenance, Stop {
    }

    /** A batch to check and commit in a group, and its caller waiting for the outcome. */
    private record Commit(Batch batch, Outcome outcome) implements Work {
    }

    /**
     * A task that runs alone between two groups (a synchronous checkpoint under a new keyring, a backup's pin, a
     * verify), and its caller.
     */
    private record Maintenance(Runnable task, Outcome outcome) implements Work {
    }

    /** Finish what was queued before, then stop: queued by close() alone, always last; its caller joins the writer. */
    private record Stop() implements Work {
    }

    /** The outcome a caller waits for: completed once, by the writer or by a seal. */
    private static final class Outcome {
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        void succeed() {
            done.complete(null);
        }

        /** {@return whether this call completed it} */
        boolean fail(Throwable failure) {
            return done.completeExceptionally(failure);
        }

        void await() {
            try {
                done.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}

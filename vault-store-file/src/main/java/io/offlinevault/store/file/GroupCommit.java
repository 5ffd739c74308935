package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.port.out.Precondition;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The file store's commit pipeline: one committer at a time checks, appends and publishes batches in journal order.
 *
 * <p><b>Leader/follower group commit.</b> Exactly one committer works at a time; it alone touches the journal, the
 * blob files and the published view. A caller of {@link #commit} that finds no commit in flight becomes the leader
 * and commits its batch on its own thread: check the batch against the view, write its blobs, append its record with
 * one write and one force, publish the new view, return. No other thread is woken: on a disk that forces in 0.15 ms
 * handing the work to a writer thread and back cost 14-20 µs, a tenth of the disk's rate (issue 21). A caller that
 * arrives while a commit is in flight queues and waits. When the commit in flight ends, its committer hands whatever
 * queued meanwhile to the writer thread, which takes it all as one group (each batch checked against the view the
 * ones before it left, their blobs written, one write and one force for all their records, the view published, the
 * callers answered in journal order) and goes on until nothing is queued; then the next caller leads again. So the
 * disk is never idle while work waits, and groups still form under load. Publication order is journal order, since
 * a committer publishes before the next one may start, and a lock hands the state from one committer to the next.
 * Maintenance (a key change, a backup's pin, a verify), the upgrade of a version 1 store, a key rotation by itself
 * and {@link #close}'s last step run on the writer thread only, between two groups. When the newest segment outgrows
 * the checkpoint, the committer starts the next segment and the {@link Checkpointer} writes the checkpoint of the
 * view as of the end of the previous one in the background.
 *
 * <p><b>Interrupts.</b> A thread interrupted inside {@code FileChannel.write} or {@code force} closes the channel
 * ({@code ClosedByInterruptException}), and request threads are interrupted by an executor's {@code shutdownNow} or a
 * test's timeout; the writer thread is interrupted by nobody (and ignores it if it is). So a caller already
 * interrupted does not lead: it queues for the writer like a follower. When an interrupt reaches a leader during its
 * append, the journal keeps the group staged and the writer appends it again: it reopens the segment, truncates it to
 * the group's start (what the interrupted write left there was never acknowledged), forces, then writes and forces
 * the group, exactly as after a restart; the leader waits for that and publishes. An interrupt thus never leaves an
 * outcome unknown, never seals the store and never costs an acknowledged record; the caller keeps its interrupt
 * status. (An interrupt inside the leader's blob write or segment roll refuses its own batch, STORE_WRITE_FAILED,
 * with nothing changed.) A commit whose outcome is unknown (a failed force) seals the store until it restarts.
 * Thread-safe.
 */
final class GroupCommit {
    private static final System.Logger LOG = System.getLogger(FileVaultRepository.class.getName());

    /** Who commits now. */
    private enum Committer { NONE, LEADER, WRITER }

    private final Journal journal;
    private final Blobs blobs;
    private final Checkpointer checkpoints;
    private final FileVaultRepository.Policy policy;
    private final AtomicLong encryptions;
    private final Set<String> blobFiles;
    private boolean version1;
    private volatile Keyring keyring;
    private volatile FileView view;
    private volatile StoreUnavailableException sealed;

    // guards the queue, who commits, closing and the writer's errand; hands the committer's state to the next one
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerWanted = lock.newCondition();
    private final ArrayDeque<Work> queue = new ArrayDeque<>();
    private Committer committer = Committer.NONE;
    private boolean closing;
    private Runnable errand;
    private final Thread writer;

    GroupCommit(Journal journal, Blobs blobs, Checkpointer checkpoints, FileVaultRepository.Policy policy,
                Keyring keyring, FileView view, Set<String> blobFiles, AtomicLong encryptions, boolean version1) {
        this.journal = journal;
        this.blobs = blobs;
        this.checkpoints = checkpoints;
        this.policy = policy;
        this.keyring = keyring;
        this.view = view;
        this.blobFiles = new HashSet<>(blobFiles);
        this.encryptions = encryptions;
        this.version1 = version1;
        this.writer = new Thread(this::runWriter, "offline-vault-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** {@return the view of the last commit, however the store stands} */
    FileView published() {
        return view;
    }

    /** {@return the keyring in use} */
    Keyring keyring() {
        return keyring;
    }

    /** {@return why the store sealed itself while running, if it did (null when open)} */
    StoreUnavailableException sealed() {
        return sealed;
    }

    /** {@return how many items wait for the writer: what tests wait on to know that commits are queued} */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits {@code batch} durably, on this thread when no commit is in flight, else in the writer's next group;
     * returns once it is forced and published.
     *
     * @throws IllegalStateException once {@link #close} has begun
     */
    void commit(Batch batch) {
        Commit commit = new Commit(batch, new Outcome());
        if (admit(commit, true)) {
            lead(commit);
        }
        commit.outcome().await();
    }

    /** {@return what {@code task} returns, run alone on the writer thread between two groups, in queue order} */
    <T> T maintain(Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        Maintenance maintenance = new Maintenance(() -> result.set(task.get()), new Outcome());
        admit(maintenance, false);
        maintenance.outcome().await();
        return result.get();
    }

    /** Finishes the commit in flight and everything queued so far, then stops the writer; later work is refused. */
    void close() {
        lock.lock();
        try {
            if (!closing) {
                closing = true;
                enqueue(new Stop());
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // {@return true when the caller leads with work (then not queued)} else queues it behind everything so far.
    private boolean admit(Work work, boolean mayLead) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("the store is closed");
            }
            // nothing is queued while no one commits: whoever ends a turn with work queued hands it to the writer
            if (mayLead && committer == Committer.NONE && !version1 && !Thread.currentThread().isInterrupted()) {
                committer = Committer.LEADER;
                return true;
            }
            enqueue(work);
            return false;
        } finally {
            lock.unlock();
        }
    }

    // Under the lock.
    private void enqueue(Work work) {
        queue.add(work);
        if (committer == Committer.NONE) {
            committer = Committer.WRITER;
            writerWanted.signal();
        }
    }

    private void lead(Commit commit) {
        try {
            processSafely(List.of(commit));
        } finally {
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    committer = Committer.NONE;
                } else {
                    committer = Committer.WRITER; // what queued behind this commit is the writer's next group
                    writerWanted.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void runWriter() {
        List<Work> group = new ArrayList<>();
        while (true) {
            Runnable task = null;
            lock.lock();
            try {
                while (errand == null && (committer != Committer.WRITER || queue.isEmpty())) {
                    if (committer == Committer.WRITER) {
                        committer = Committer.NONE; // nothing queued: the next caller leads
                    }
                    writerWanted.awaitUninterruptibly();
                }
                if (errand != null) {
                    task = errand;
                    errand = null;
                } else {
                    group.addAll(queue);
                    queue.clear();
                }
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // only close() stops the writer, and no interrupt may close the journal's channel
            if (task != null) {
                task.run();
                continue;
            }
            // commits are grouped up to each maintenance task, which runs alone, in queue order; Stop comes last
            List<Commit> batches = new ArrayList<>();
            for (Work work : group) {
                if (work instanceof Commit commit) {
                    batches.add(commit);
                    continue;
                }
                processSafely(batches);
                batches.clear();
                if (work instanceof Maintenance maintenance) {
                    maintain(maintenance);
                } else {
                    return;
                }
            }
            processSafely(batches);
            group.clear();
        }
    }

    // {@return what task returns, run on the writer thread while this leader waits} For the I/O of an interrupted leader.
    private <T> T onWriter(Supplier<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        lock.lock();
        try {
            errand = () -> {
                try {
                    done.complete(task.get());
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            };
            writerWanted.signal();
        } finally {
            lock.unlock();
        }
        return Outcome.join(done);
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
     * Writes a checkpoint of everything committed so far under {@code change} of the keyring, then uses the changed
     * keyring; {@return it} Runs on the writer thread, between two groups.
     */
    Keyring changeKeyring(UnaryOperator<Keyring> change) {
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
        List<Outcome> accepted = new ArrayList<>(group.size());
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
            append();
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
            onWriterThread(() -> {
                rotateByItself();
                return null;
            });
        } else if (Thread.currentThread().isInterrupted()) {
            onWriterThread(() -> {
                startCheckpointWhenDue();
                return null;
            });
        } else {
            startCheckpointWhenDue();
        }
    }

    // The group's one write and one force; when an interrupt closed the channel, the writer appends it again.
    private void append() throws Journal.AppendFailedException {
        try {
            journal.append();
        } catch (Journal.InterruptedAppend e) {
            Optional<Journal.AppendFailedException> failure = onWriterThread(this::appendAgain);
            if (failure.isPresent()) {
                throw failure.get();
            }
        }
    }

    // On the writer thread: the staged group, from the segment truncated back to where it starts.
    private Optional<Journal.AppendFailedException> appendAgain() {
        while (true) {
            try {
                journal.append();
                return Optional.empty();
            } catch (Journal.AppendFailedException e) {
                return Optional.of(e);
            } catch (Journal.InterruptedAppend e) {
                Thread.interrupted(); // someone interrupted the writer itself: the group is still staged
            }
        }
    }

    private <T> T onWriterThread(Supplier<T> task) {
        return Thread.currentThread() == writer ? task.get() : onWriter(task);
    }

    // Before the first record of a group: a version 1 checkpoint is rewritten first (so that no older build
    // opens the vault and misses the journal; on the writer thread, since a version 1 store is never led), and the
    // records go to a segment of the current key term.
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
        StoreUnavailableException reason = new StoreUnavailableException(cause.code(),
                cause.code() == ErrorCode.STORE_CONFLICT
                ? "The store is sealed. " + cause.getMessage()
                : "The store is sealed: a commit's outcome is unknown because the disk refused to sync. Restart the"
                + " server; the last change will then be wholly present or wholly absent.");
        sealed = reason;
        lock.lock();
        try {
            queue.removeIf(work -> work instanceof Commit commit ? commit.outcome().fail(reason)
                    : work instanceof Maintenance task && task.outcome().fail(reason));
        } finally {
            lock.unlock();
        }
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

    /** {@return everything committed so far, as a checkpoint holds it} Only for the committer. */
    Checkpointer.Covered covered() {
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

    /** What the committers are asked to do, in queue order. */
    private sealed interface Work permits Commit, Maintenance, Stop {
    }

    /** A batch to check and commit, and its caller waiting for the outcome. */
    private record Commit(Batch batch, Outcome outcome) implements Work {
    }

    /**
     * A task that runs alone on the writer thread between two groups (a synchronous checkpoint under a new keyring, a
     * backup's pin, a verify), and its caller.
     */
    private record Maintenance(Runnable task, Outcome outcome) implements Work {
    }

    /** Finish what was queued before, then stop: queued by close() alone, always last; its caller joins the writer. */
    private record Stop() implements Work {
    }

    /** The outcome a caller waits for, without giving in to interrupts: completed once, by a committer or a seal. */
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
            join(done);
        }

        static <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
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

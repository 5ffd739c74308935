package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.store.file.CommitWork.Commit;
import io.offlinevault.store.file.CommitWork.Maintenance;
import io.offlinevault.store.file.CommitWork.Outcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Writes one group of commits at a time for whichever thread commits (see {@link GroupCommit}): checks each batch
 * against the view the ones before it left, writes their blobs, appends their records with one write and one force,
 * publishes the new view and answers the callers in journal order; also the store's sealing, the checkpoints it
 * starts and its key changes. Not thread-safe: {@link GroupCommit} lets one committer at a time in, and hands its
 * state to the next; the view, the keyring and the seal are read by any thread.
 */
final class GroupWriter {
    private static final StoreLog LOG = new StoreLog(FileVaultRepository.class);

    /** What the writer needs from who lets committers in. */
    interface Committers {
        /** {@return what {@code task} returns, run on the writer thread, which nobody interrupts} */
        <T> T onWriterThread(Supplier<T> task);

        /** Answers every queued commit and maintenance with {@code reason}: the store just sealed. */
        void failQueued(StoreUnavailableException reason);
    }

    private final Journal journal;
    private final Blobs blobs;
    private final Checkpointer checkpoints;
    private final FileVaultRepository.Policy policy;
    private final AtomicLong encryptions;
    private final Set<String> blobFiles;
    private final Committers committers;
    private boolean version1;
    private volatile Keyring keyring;
    private volatile FileView view;
    private volatile StoreUnavailableException sealed;

    GroupWriter(Journal journal, Blobs blobs, Checkpointer checkpoints, FileVaultRepository.Policy policy,
                Keyring keyring, FileView view, Set<String> blobFiles, AtomicLong encryptions, boolean version1,
                Committers committers) {
        this.journal = journal;
        this.blobs = blobs;
        this.checkpoints = checkpoints;
        this.policy = policy;
        this.keyring = keyring;
        this.view = view;
        this.blobFiles = new HashSet<>(blobFiles);
        this.encryptions = encryptions;
        this.version1 = version1;
        this.committers = committers;
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

    /** {@return whether a version 1 checkpoint must be rewritten before the next record: a task for the writer thread} */
    boolean upgradePending() {
        return version1;
    }

    /** Commits {@code group} in journal order and answers its callers; a bug fails them all rather than leave them waiting. */
    void commit(List<Commit> group) {
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

    /** Runs {@code maintenance} alone and answers its caller; refused when the store is sealed. */
    void maintain(Maintenance maintenance) {
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
            committers.onWriterThread(() -> {
                rotateByItself();
                return null;
            });
        } else if (Thread.currentThread().isInterrupted()) {
            committers.onWriterThread(() -> {
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
            Optional<Journal.AppendFailedException> failure = committers.onWriterThread(this::appendAgain);
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
        committers.failQueued(reason);
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
}

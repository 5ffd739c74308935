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
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.SnapshotContent;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    private static final Pending STOP = new Pending(Batch.builder().build());

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
    }

    private final String vaultId;
    private volatile Keyring keyring;
    private final Blobs blobs;
    private final Policy policy;
    private final Journal journal;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Set<String> blobFiles;
    private final Thread writer;
    private final Checkpointer checkpoints;
    private final AtomicLong encryptions;
    private boolean version1;
    private volatile FileView view;
    private volatile StoreUnavailableException sealed;
    private volatile boolean closing;

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
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            throw reason;
        }
        if (closing) {
            throw new IllegalStateException("the store is closed");
        }
        Pending pending = new Pending(batch);
        queue.add(pending);
        pending.await();
    }

    /** {@return the keyring in use} */
    Keyring keyring() {
        return keyring;
    }

    /** {@return the vault's id} */
    String vaultId() {
        return vaultId;
    }

    /** {@return why the store sealed itself while running, if it did} */
    StoreUnavailableException sealedReason() {
        return sealed;
    }

    /** Finishes every batch queued so far and the checkpoint being written, then stops. */
    void close() {
        closing = true;
        queue.add(STOP);
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
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, so that no queued caller waits forever
            }
            queue.drainTo(group);
            boolean stop = group.remove(STOP);
            // batches are grouped up to each maintenance task, which runs alone, in queue order
            List<Pending> batches = new ArrayList<>();
            for (Pending pending : group) {
                if (pending.maintenance == null) {
                    batches.add(pending);
                    continue;
                }
                processSafely(batches);
                batches.clear();
                maintain(pending);
            }
            processSafely(batches);
            group.clear();
            if (stop) {
                queue.forEach(pending -> pending.fail(new IllegalStateException("the store is closed")));
                return;
            }
        }
    }

    private void processSafely(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            process(group);
        } catch (RuntimeException | Error e) {
            // a bug: answer every caller of the group rather than leave them waiting
            group.forEach(pending -> pending.fail(e));
        }
    }

    private void maintain(Pending task) {
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            task.fail(reason);
            return;
        }
        try {
            task.maintenance.run();
            task.succeed();
        } catch (StoreException e) {
            if (seals(e)) {
                seal(e);
            }
            task.fail(e);
        } catch (RuntimeException | Error e) {
            task.fail(e);
        }
    }

    /**
     * Writes a checkpoint of everything committed so far under {@code change} of the keyring (a new key term, or
     * new slots), synchronously, between two groups; {@return the keyring now in use} Old data stays readable:
     * a changed keyring keeps every term. A failure before the checkpoint's rename changes nothing.
     */
    Keyring rekey(UnaryOperator<Keyring> change) {
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            throw reason;
        }
        if (closing) {
            throw new IllegalStateException("the store is closed");
        }
        AtomicReference<Keyring> result = new AtomicReference<>();
        Pending task = new Pending(Batch.builder().build(), () -> result.set(changeKeyring(change)));
        queue.add(task);
        task.await();
        return result.get();
    }

    // On the writer thread, between groups: the checkpoint under the new keyring, then the keyring in use.
    private Keyring changeKeyring(UnaryOperator<Keyring> change) {
        Keyring next = change.apply(keyring);
        boolean newTerm = next.currentTerm() != keyring.currentTerm();
        checkpoints.writeNow(covered(), next);
        keyring = next;
        journal.useKeyring(next);
        view.reader().useKeyring(next);
        if (newTerm) {
            encryptions.set(1);
            try {
                journal.roll();
                encryptions.incrementAndGet();
            } catch (StoreException e) {
                LOG.log(Level.WARNING, "could not start the journal segment of the new key term (" + e.code()
                        + "); the next commit tries again");
            }
        }
        return next;
    }

    private void process(List<Pending> group) {
        if (group.isEmpty()) {
            return; // close() alone: nothing to write, not even a version 1 store's upgrade or a first segment
        }
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            group.forEach(pending -> pending.fail(reason));
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
        List<Pending> accepted = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (Pending pending : group) {
            Map<Change, String> blobsOfBatch = new IdentityHashMap<>();
            try {
                for (Precondition precondition : pending.batch.preconditions()) {
                    precondition.check(working);
                }
                writeBlobs(pending.batch, blobsOfBatch);
                JournalEntry entry = JournalEntry.of(pending.batch, blobsOfBatch);
                FileView next = entry.applyTo(working);
                records.add(journal.seal(records.size(), StoreJson.write(entry.encode())));
                working = next;
            } catch (RuntimeException e) {
                deleteBlobs(new HashSet<>(blobsOfBatch.values()));
                pending.fail(e);
                continue;
            }
            written.addAll(blobsOfBatch.values());
            accepted.add(pending);
        }
        if (accepted.isEmpty()) {
            return;
        }
        try {
            journal.append(records);
        } catch (Journal.AppendFailedException e) {
            if (e.outcomeUnknown()) {
                seal(e.error());
                accepted.forEach(pending -> pending.fail(e.error()));
                return;
            }
            deleteBlobs(written);
            accepted.forEach(pending -> pending.fail(e.error()));
            return;
        }
        FileView before = view;
        view = working;
        blobFiles.addAll(written);
        encryptions.addAndGet(records.size() + written.size());
        accepted.forEach(Pending::succeed);
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
            version1 = false;
        }
        if (journal.needsSegment()) {
            journal.roll();
            encryptions.incrementAndGet();
        }
    }

    private void failGroup(List<Pending> group, StoreException e) {
        if (seals(e)) {
            seal(e);
        }
        group.forEach(pending -> pending.fail(seals(e) ? sealed : e));
    }

    // Sealed before any caller of the failed group is answered, so that no caller sees the store still open.
    private void seal(StoreException cause) {
        sealed = new StoreUnavailableException(cause.code(), cause.code() == ErrorCode.STORE_CONFLICT
                ? "The store is sealed. " + cause.getMessage()
                : "The store is sealed: a commit's outcome is unknown because the disk refused to sync. Restart the"
                + " server; the last change will then be wholly present or wholly absent.");
        queue.removeIf(pending -> pending != STOP && pending.fail(sealed));
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
            }
            LOG.log(Level.WARNING, "could not rotate the data key (" + e.code() + "); the next commit tries again");
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
            LOG.log(Level.WARNING, "could not start a new journal segment (" + e.code() + "); the checkpoint waits");
            return;
        }
        checkpoints.start(covered, e -> {
            if (seals(e)) {
                seal(e);
            }
        });
    }

    private void writeBlobs(Batch batch, Map<Change, String> written) {
        for (Change change : batch.changes()) {
            Optional<Object> payload = BlobEffect.of(change).blobPayload();
            if (payload.isPresent()) {
                String id = Blobs.newId();
                Object tree = payload.get() instanceof SnapshotContent content ? RecordCodec.content(content)
                        : RecordCodec.applied((AppliedResources) payload.get());
                blobs.write(id, tree, keyring.currentTerm(), keyring.currentKey());
                written.put(change, id);
                view.reader().remember(id, payload.get());
            }
        }
    }

    // A reader may still hold the view before the last commit: its blobs stay until the next one.
    private void deleteUnreferencedBlobs(FileView before) {
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

    /**
     * A batch waiting for the writer, and the caller waiting for its outcome; or a maintenance task (a
     * synchronous checkpoint under a new keyring) that the writer runs between two groups.
     */
    private static final class Pending {
        private final Batch batch;
        private final Runnable maintenance;
        private final CompletableFuture<Void> outcome = new CompletableFuture<>();

        Pending(Batch batch) {
            this(batch, null);
        }

        Pending(Batch batch, Runnable maintenance) {
            this.batch = batch;
            this.maintenance = maintenance;
        }

        void succeed() {
            outcome.complete(null);
        }

        boolean fail(Throwable failure) {
            return outcome.completeExceptionally(failure);
        }

        void await() {
            try {
                outcome.join();
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

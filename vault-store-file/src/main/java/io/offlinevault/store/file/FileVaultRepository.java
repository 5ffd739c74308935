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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The encrypted file store's {@link VaultRepository}. One writer thread owns the {@link Journal}: it takes
 * every queued batch, checks each against the view the batches before it left, writes the blobs they add,
 * then appends one record per batch in one write plus one force (group commit), and only then publishes
 * the new immutable view and answers the callers in journal order. Reads never wait for a write. When the
 * newest segment outgrows the checkpoint, the writer starts the next segment and a background thread
 * writes the checkpoint of the view as of the end of the previous one; writers never wait for it. A commit
 * whose outcome is unknown seals the store until it restarts. Thread-safe.
 */
final class FileVaultRepository implements VaultRepository {
    private static final System.Logger LOG = System.getLogger(FileVaultRepository.class.getName());
    private static final Pending STOP = new Pending(Batch.builder().build());

    /**
     * When to checkpoint (once the newest segment is larger than both the checkpoint and {@code minSegmentBytes})
     * and when to rotate the data key by itself (once {@code rotateAfter} messages were sealed under it: AES-GCM
     * with random nonces stays safe far beyond 2^31 messages per key).
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

    /** The blobs that the checkpoints on disk, and the one being written, reference: never deleted. */
    private record Retained(Set<String> previous, Set<String> current, Set<String> pending, long coversThrough,
                            long checkpointBytes) {
        Set<String> all() {
            Set<String> all = new HashSet<>(previous);
            all.addAll(current);
            all.addAll(pending);
            return all;
        }
    }

    private final FileIo io;
    private final Path dataDir;
    private final String vaultId;
    private volatile Keyring keyring;
    private final Blobs blobs;
    private final Clock clock;
    private final Policy policy;
    private final Journal journal;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Set<String> blobFiles;
    private final Thread writer;
    private final ExecutorService checkpointer;
    private final AtomicBoolean checkpointing = new AtomicBoolean();
    private final AtomicLong generation;
    private final AtomicLong encryptions;
    private final AtomicReference<Retained> retained;
    private final Object checkpointFile = new Object();
    private Optional<FileStamp> checkpointStamp;
    private boolean version1;
    private volatile FileView view;
    private volatile StoreUnavailableException sealed;
    private volatile boolean closing;

    FileVaultRepository(FileIo io, Path dataDir, String vaultId, Keyring keyring, Blobs blobs,
                        JournalReplay.Result replayed, Start start, Set<String> blobFiles, Clock clock, Policy policy) {
        this.io = io;
        this.dataDir = dataDir;
        this.vaultId = vaultId;
        this.keyring = keyring;
        this.blobs = blobs;
        this.clock = clock;
        this.policy = policy;
        this.journal = new Journal(io, dataDir, keyring, vaultId, start.coversThrough(), replayed.end());
        this.view = replayed.view();
        this.blobFiles = new HashSet<>(blobFiles);
        this.generation = new AtomicLong(start.generation());
        this.encryptions = new AtomicLong(start.encryptions());
        this.retained = new AtomicReference<>(new Retained(start.previousBlobs(), start.checkpointBlobs(), Set.of(),
                start.coversThrough(), start.checkpointBytes()));
        this.version1 = start.version1();
        this.checkpointStamp = stampOfCheckpoint();
        this.writer = new Thread(this::run, "offline-vault-writer");
        this.checkpointer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "offline-vault-checkpointer");
            thread.setDaemon(true);
            return thread;
        });
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
        checkpointer.shutdown();
        while (!checkpointer.isTerminated()) {
            try {
                checkpointer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
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
        awaitCheckpointer(() -> writeCheckpoint(view, journal.segment(), journal.lastSeq(), next));
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

    // Checkpoints never overlap: a synchronous one runs on the checkpointer thread, after any background one.
    private void awaitCheckpointer(Runnable checkpoint) {
        try {
            checkpointer.submit(checkpoint).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a checkpoint", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the checkpoint failed", e.getCause());
        }
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
            awaitCheckpointer(() -> writeCheckpoint(view, journal.segment(), journal.lastSeq()));
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
        synchronized (checkpointFile) {
            checkCheckpointUnchanged();
        }
        journal.checkUnchanged();
    }

    // The caller holds checkpointFile, so that the checkpointer's rename and its new stamp come together.
    private void checkCheckpointUnchanged() {
        if (checkpointStamp == null) {
            checkpointStamp = stampOfCheckpoint();
            return;
        }
        Optional<FileStamp> now;
        try {
            now = io.stamp(dataDir.resolve(Checkpoint.FILE));
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the checkpoint", e);
        }
        if (!now.equals(checkpointStamp)) {
            throw new StoreException(ErrorCode.STORE_CONFLICT, "The checkpoint " + dataDir.resolve(Checkpoint.FILE)
                    + " was replaced, deleted or touched by another program while this store had it open: nothing was"
                    + " written over it. Stop the other program (a second server on this data dir?), then restart"
                    + " to open what is on disk.");
        }
    }

    // The checkpoint's stamp as we left it; null (the next check only stamps) when it cannot be read.
    private Optional<FileStamp> stampOfCheckpoint() {
        try {
            return io.stamp(dataDir.resolve(Checkpoint.FILE));
        } catch (IOException e) {
            return null;
        }
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
        Retained now = retained.get();
        if (journal.size() <= Math.max(policy.minSegmentBytes(), now.checkpointBytes())
                || !checkpointing.compareAndSet(false, true)) {
            return;
        }
        FileView covered = view;
        long coversThrough = journal.segment();
        long lastSeq = journal.lastSeq();
        try {
            journal.roll();
            encryptions.incrementAndGet();
        } catch (StoreException e) {
            checkpointing.set(false);
            LOG.log(Level.WARNING, "could not start a new journal segment (" + e.code() + "); the checkpoint waits");
            return;
        }
        Set<String> pending = covered.blobs().ids();
        retained.updateAndGet(r -> new Retained(r.previous(), r.current(), pending, r.coversThrough(),
                r.checkpointBytes()));
        checkpointer.execute(() -> {
            try {
                writeCheckpoint(covered, coversThrough, lastSeq);
            } catch (StoreException e) {
                retained.updateAndGet(r -> new Retained(r.previous(), r.current(), Set.of(), r.coversThrough(),
                        r.checkpointBytes()));
                if (seals(e)) {
                    seal(e);
                }
                LOG.log(Level.WARNING, "the background checkpoint failed (" + e.code() + "); the journal keeps"
                        + " every change and the next checkpoint tries again");
            } finally {
                checkpointing.set(false);
            }
        });
    }

    /**
     * Makes the checkpoint of {@code covered} (the view through segment {@code coversThrough}, record
     * {@code lastSeq}) durable, then deletes the segments {@code checkpoint.prev} no longer needs.
     */
    private void writeCheckpoint(FileView covered, long coversThrough, long lastSeq) {
        writeCheckpoint(covered, coversThrough, lastSeq, keyring);
    }

    private void writeCheckpoint(FileView covered, long coversThrough, long lastSeq, Keyring sealedWith) {
        // the checkpoint about to become checkpoint.prev is the one whose blobs retained.current() names
        byte[] payload = StoreJson.write(StateCodec.encode(covered.state(), covered.blobs(),
                Optional.of(retained.get().current())));
        long sealedUnderTerm = sealedWith.currentTerm() == keyring.currentTerm() ? encryptions.incrementAndGet() : 1;
        Checkpoint.Header header = new Checkpoint.Header(vaultId, generation.incrementAndGet(),
                sealedWith.currentTerm(), clock.millis(), coversThrough, lastSeq, sealedUnderTerm);
        byte[] sealedCheckpoint = Checkpoint.seal(header, sealedWith, payload);
        Path temp = Checkpoint.prepare(io, dataDir, sealedCheckpoint);
        synchronized (checkpointFile) {
            try {
                checkCheckpointUnchanged();
            } catch (StoreException e) {
                StoreFiles.deleteQuietly(io, temp, e);
                throw e;
            }
            Checkpoint.install(io, dataDir, temp);
            checkpointStamp = stampOfCheckpoint();
        }
        Checkpoint.sync(io, dataDir);
        Set<String> ids = covered.blobs().ids();
        Retained before = retained.getAndUpdate(r -> new Retained(r.current(), ids, Set.of(), coversThrough,
                sealedCheckpoint.length));
        deleteSegmentsThrough(before.coversThrough());
    }

    // Segments that checkpoint.prev (the checkpoint before the newest) covers: nothing needs them any more.
    private void deleteSegmentsThrough(long coversThrough) {
        try {
            for (long number : JournalSegment.list(io, dataDir)) {
                if (number <= coversThrough) {
                    io.deleteIfExists(JournalSegment.path(dataDir, number));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete old journal segments (" + e.getClass().getSimpleName()
                    + "); the next checkpoint tries again");
        }
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
        Set<String> keep = retained.get().all();
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

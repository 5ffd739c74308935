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

    /** When to checkpoint: once the newest segment is larger than both the checkpoint and this floor. */
    record Policy(long minSegmentBytes) {
        static final Policy DEFAULT = new Policy(4L * 1024 * 1024);
    }

    /**
     * Where the vault stands on disk when the repository starts: its checkpoint (generation, file size,
     * segment covered, blobs, whether it is of format version 1) and the blobs {@code checkpoint.prev} needs
     * (every blob file present when it could not be read).
     */
    record Start(long generation, long checkpointBytes, long coversThrough, Set<String> checkpointBlobs,
                 Set<String> previousBlobs, boolean version1) {
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
    private final Kek kek;
    private final Keyring keyring;
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
    private final AtomicReference<Retained> retained;
    private boolean version1;
    private volatile FileView view;
    private volatile StoreUnavailableException sealed;
    private volatile boolean closing;

    FileVaultRepository(FileIo io, Path dataDir, String vaultId, Kek kek, Keyring keyring, Blobs blobs,
                        JournalReplay.Result replayed, Start start, Set<String> blobFiles, Clock clock, Policy policy) {
        this.io = io;
        this.dataDir = dataDir;
        this.vaultId = vaultId;
        this.kek = kek;
        this.keyring = keyring;
        this.blobs = blobs;
        this.clock = clock;
        this.policy = policy;
        this.journal = new Journal(io, dataDir, keyring, vaultId, start.coversThrough(), replayed.end());
        this.view = replayed.view();
        this.blobFiles = new HashSet<>(blobFiles);
        this.generation = new AtomicLong(start.generation());
        this.retained = new AtomicReference<>(new Retained(start.previousBlobs(), start.checkpointBlobs(), Set.of(),
                start.coversThrough(), start.checkpointBytes()));
        this.version1 = start.version1();
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
            try {
                process(group);
            } catch (RuntimeException | Error e) {
                // a bug: answer every caller of the group rather than leave them waiting
                group.forEach(pending -> pending.fail(e));
            }
            group.clear();
            if (stop) {
                queue.forEach(pending -> pending.fail(new IllegalStateException("the store is closed")));
                return;
            }
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
        accepted.forEach(Pending::succeed);
        deleteUnreferencedBlobs(before);
        startCheckpointWhenDue();
    }

    // Before the first record of a group: a version 1 checkpoint is rewritten first (so that no older build
    // opens the vault and misses the journal), and the records go to a segment of the current key term.
    private void prepareJournal() {
        if (version1) {
            writeCheckpoint(view, journal.segment(), journal.lastSeq());
            version1 = false;
        }
        if (journal.needsSegment()) {
            journal.roll();
        }
    }

    private void failGroup(List<Pending> group, StoreException e) {
        if (e.code() == ErrorCode.COMMIT_OUTCOME_UNKNOWN) {
            seal(e);
        }
        group.forEach(pending -> pending.fail(e));
    }

    // Sealed before any caller of the failed group is answered, so that no caller sees the store still open.
    private void seal(StoreException cause) {
        sealed = new StoreUnavailableException(cause.code(), "The store is sealed: a commit's outcome is unknown"
                + " because the disk refused to sync. Restart the server; the last change will then be wholly present"
                + " or wholly absent.");
        queue.removeIf(pending -> pending != STOP && pending.fail(sealed));
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
                if (e.code() == ErrorCode.COMMIT_OUTCOME_UNKNOWN) {
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
        byte[] payload = StoreJson.write(StateCodec.encode(covered.state(), covered.blobs()));
        Checkpoint.Header header = new Checkpoint.Header(vaultId, generation.incrementAndGet(), keyring.currentTerm(),
                clock.millis(), coversThrough, lastSeq);
        byte[] sealedCheckpoint = Checkpoint.seal(header, keyring, kek, payload);
        Checkpoint.replace(io, dataDir, sealedCheckpoint);
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

    /** A batch waiting for the writer, and the caller waiting for its outcome. */
    private static final class Pending {
        private final Batch batch;
        private final CompletableFuture<Void> outcome = new CompletableFuture<>();

        Pending(Batch batch) {
            this.batch = batch;
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

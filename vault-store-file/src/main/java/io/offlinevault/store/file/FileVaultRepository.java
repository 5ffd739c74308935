package io.offlinevault.store.file;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.SnapshotContent;
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
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The encrypted file store's {@link VaultRepository}. One writer thread takes every queued batch,
 * checks each against the state the batches before it left, writes the blobs they add, then writes
 * one checkpoint for the whole group (group commit) and only then publishes the new immutable view
 * and answers the callers in order. Reads never wait for a write. A commit whose outcome is unknown
 * seals the store until it restarts. Thread-safe.
 */
final class FileVaultRepository implements VaultRepository {
    private static final System.Logger LOG = System.getLogger(FileVaultRepository.class.getName());
    private static final Pending STOP = new Pending(Batch.builder().build());

    /** The view of the last durable commit and the generation of the checkpoint that holds it. */
    record Committed(FileView view, long generation) {
    }

    private final FileIo io;
    private final Path dataDir;
    private final String vaultId;
    private final Kek kek;
    private final Keyring keyring;
    private final Blobs blobs;
    private final BlobReader reader;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Set<String> blobFiles;
    private final Thread writer;
    private volatile Committed committed;
    private volatile StoreUnavailableException sealed;
    private volatile boolean closing;

    FileVaultRepository(FileIo io, Path dataDir, String vaultId, Kek kek, Keyring keyring, VaultState state,
                        BlobIndex index, long generation, Set<String> blobFiles, Clock clock) {
        this.io = io;
        this.dataDir = dataDir;
        this.vaultId = vaultId;
        this.kek = kek;
        this.keyring = keyring;
        this.blobs = new Blobs(io, dataDir, vaultId);
        this.reader = new BlobReader(blobs, keyring);
        this.committed = new Committed(new FileView(state, index, reader), generation);
        this.blobFiles = new HashSet<>(blobFiles);
        this.clock = clock;
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
        return committed.view();
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

    /** {@return the generation of the last durable checkpoint} */
    long generation() {
        return committed.generation();
    }

    /** Finishes every batch queued so far, then stops the writer. */
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
        StoreUnavailableException reason = sealed;
        if (reason != null) {
            group.forEach(pending -> pending.fail(reason));
            return;
        }
        Committed base = committed;
        FileView working = base.view();
        List<Pending> accepted = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (Pending pending : group) {
            VaultState next;
            try {
                for (Precondition precondition : pending.batch.preconditions()) {
                    precondition.check(working);
                }
                // contents and applied resources go to blobs; the state keeps the rest
                next = working.state().apply(new Batch(List.of(), pending.batch.changes().stream()
                        .filter(change -> !BlobEffect.of(change).replacesStateChange()).toList()));
            } catch (RuntimeException e) {
                pending.fail(e);
                continue;
            }
            Map<Change, String> blobsOfBatch = new IdentityHashMap<>();
            try {
                writeBlobs(pending.batch, blobsOfBatch);
            } catch (StoreException e) {
                deleteBlobs(new HashSet<>(blobsOfBatch.values()));
                pending.fail(e);
                continue;
            }
            written.addAll(blobsOfBatch.values());
            working = new FileView(next, working.blobs().after(pending.batch, blobsOfBatch), reader);
            accepted.add(pending);
        }
        if (accepted.isEmpty()) {
            return;
        }
        long generation = base.generation() + 1;
        try {
            byte[] payload = StoreJson.write(StateCodec.encode(working.state(), working.blobs()));
            Checkpoint.Header header = new Checkpoint.Header(vaultId, generation, keyring.currentTerm(), clock.millis());
            Checkpoint.replace(io, dataDir, Checkpoint.seal(header, keyring, kek, payload));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.COMMIT_OUTCOME_UNKNOWN) {
                sealed = new StoreUnavailableException(ErrorCode.COMMIT_OUTCOME_UNKNOWN, "The store is sealed: a commit's"
                        + " outcome is unknown because the disk refused to sync. Restart the server; the last change will"
                        + " then be wholly present or wholly absent.");
                accepted.forEach(pending -> pending.fail(e));
                queue.removeIf(pending -> pending != STOP && pending.fail(sealed));
                return;
            }
            deleteBlobs(written);
            accepted.forEach(pending -> pending.fail(e));
            return;
        }
        committed = new Committed(working, generation);
        blobFiles.addAll(written);
        accepted.forEach(Pending::succeed);
        Set<String> keep = new HashSet<>(base.view().blobs().ids());
        keep.addAll(working.blobs().ids());
        Set<String> unreferenced = new HashSet<>(blobFiles);
        unreferenced.removeAll(keep);
        deleteBlobs(unreferenced);
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
                reader.remember(id, payload.get());
            }
        }
    }

    // A blob that is not removed now is removed by the next successful open: it is referenced by no checkpoint.
    private void deleteBlobs(Set<String> ids) {
        for (String id : ids) {
            try {
                blobs.delete(id);
                blobFiles.remove(id);
                reader.forget(id);
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

package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.Clock;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Writes a file store's checkpoints, one at a time on its own thread: in the background once the writer has
 * closed a segment, or synchronously (rotate, rekey, the upgrade of a version 1 store) while the writer waits.
 * Keeps what the checkpoints on disk need: the blobs of {@code checkpoint} and {@code checkpoint.prev} (and
 * of the checkpoint being written), and the segments above {@code checkpoint.prev}'s coverage; and what a backup
 * in progress {@link #pin pinned}: the segments from the one after the checkpoint on disk, and the blobs of the
 * state it copies. A checkpoint replaced, touched or deleted by another program is never written over.
 * Thread-safe.
 */
final class Checkpointer implements AutoCloseable {
    private static final StoreLog LOG = new StoreLog(Checkpointer.class);

    /** What a checkpoint holds: the view as of the end of segment {@code coversThrough}, through record {@code lastSeq}. */
    record Covered(FileView view, long coversThrough, long lastSeq) {
    }

    /** The blobs that the checkpoints on disk, and the one being written, reference; and the current one's size. */
    private record Retained(Set<String> previous, Set<String> current, Set<String> pending, long coversThrough,
                            long checkpointBytes) {
        Retained withPending(Set<String> ids) {
            return new Retained(previous, current, ids, coversThrough, checkpointBytes);
        }

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
    private final Clock clock;
    private final Supplier<Keyring> keyring;
    private final ToLongFunction<Keyring> encryptions;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread checkpointer = new Thread(task, "offline-vault-checkpointer");
        checkpointer.setDaemon(true);
        return checkpointer;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong generation;
    private final AtomicReference<Retained> retained;
    private final Object checkpointFile = new Object();
    // resolved once: the checkpoint is stamped before every group
    private final Path checkpointPath;
    private final Set<Pin> pins = ConcurrentHashMap.newKeySet();
    private Optional<FileStamp> stamp;

    /**
     * What a backup in progress needs kept until it is closed: every segment numbered {@code fromSegment} or above,
     * and {@code blobs}. Thread-safe.
     */
    final class Pin implements AutoCloseable {
        private final long fromSegment;
        private final Set<String> blobs;

        private Pin(long fromSegment, Set<String> blobs) {
            this.fromSegment = fromSegment;
            this.blobs = Set.copyOf(blobs);
        }

        /** Lets what it kept go: the next checkpoint deletes what no checkpoint needs. */
        @Override
        public void close() {
            pins.remove(this);
        }
    }

    /**
     * {@code keyring} gives the keyring a background checkpoint is sealed with; {@code encryptions} counts one
     * more message sealed under a keyring's current term and returns the count the checkpoint records.
     */
    Checkpointer(FileIo io, Path dataDir, String vaultId, Clock clock, FileVaultRepository.Start start,
                 Supplier<Keyring> keyring, ToLongFunction<Keyring> encryptions) {
        this.io = io;
        this.dataDir = dataDir;
        this.checkpointPath = dataDir.resolve(Checkpoint.FILE);
        this.vaultId = vaultId;
        this.clock = clock;
        this.keyring = keyring;
        this.encryptions = encryptions;
        this.generation = new AtomicLong(start.generation());
        this.retained = new AtomicReference<>(new Retained(start.previousBlobs(), start.checkpointBlobs(), Set.of(),
                start.coversThrough(), start.checkpointBytes()));
        this.stamp = stampOfCheckpoint();
    }

    /**
     * {@return the blobs that a checkpoint on disk, the one being written or a backup in progress references: never
     * to be deleted}
     */
    Set<String> retainedBlobs() {
        Set<String> all = retained.get().all();
        pins.forEach(pin -> all.addAll(pin.blobs));
        return all;
    }

    /**
     * {@return a pin on {@code blobs} and on every segment above the checkpoint on disk} Called by the writer at a
     * commit boundary: a checkpoint being written meanwhile deletes only segments its predecessor covered, which
     * lie below the pin.
     */
    Pin pin(Set<String> blobs) {
        Pin pin = new Pin(retained.get().coversThrough() + 1, blobs);
        pins.add(pin);
        return pin;
    }

    /**
     * {@return the bytes of the checkpoint as they will be once the checkpoint being written, if any, is done, and
     * before any checkpoint started later} Read on this class's thread.
     */
    Future<byte[]> readCheckpoint() {
        return thread.submit(() -> StoreFiles.readLimited(io, dataDir.resolve(Checkpoint.FILE),
                Container.maxFileSize(StoreJson.MAX_CHECKPOINT), "the checkpoint"));
    }

    /** {@return what {@code task} returns, run on this class's thread after the checkpoint being written, if any} */
    <T> T alone(Supplier<T> task) {
        return await(thread.submit(task::get), "waiting for the checkpointer");
    }

    /** {@return the result of {@code task}, run on the checkpointer's thread; its runtime failure is rethrown} */
    static <T> T await(Future<T> task, String doing) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(doing + " failed", e.getCause());
        }
    }

    /**
     * Checks that the checkpoint is as this store left it.
     *
     * @throws StoreException STORE_CONFLICT when another program replaced, touched or deleted it
     */
    void checkUnchanged() {
        synchronized (checkpointFile) {
            checkUnchangedHolding();
        }
    }

    /**
     * {@return whether a background checkpoint is due for a newest segment of {@code segmentBytes}, claimed
     * for the caller} It is due once the segment is larger than both the current checkpoint and
     * {@code minSegmentBytes}, and never while another runs. The caller then {@link #start}s it, or
     * {@link #unclaim}s it.
     */
    boolean claimIfDue(long segmentBytes, long minSegmentBytes) {
        return segmentBytes > Math.max(minSegmentBytes, retained.get().checkpointBytes())
                && running.compareAndSet(false, true);
    }

    /** Gives up a checkpoint {@link #claimIfDue claimed} but not started. */
    void unclaim() {
        running.set(false);
    }

    /**
     * Writes the checkpoint of {@code covered} in the background (claimed by {@link #claimIfDue}); its blobs
     * are retained from now on. A failure is retried by a later checkpoint and handed to {@code onFailure}, which
     * logs it once (and seals the store for the commit point's failure or a conflict).
     */
    void start(Covered covered, Consumer<StoreException> onFailure) {
        retained.updateAndGet(r -> r.withPending(covered.view().blobs().ids()));
        thread.execute(() -> {
            try {
                write(covered, keyring.get());
            } catch (StoreException e) {
                retained.updateAndGet(r -> r.withPending(Set.of()));
                onFailure.accept(e);
            } finally {
                running.set(false);
            }
        });
    }

    /** Writes the checkpoint of {@code covered} sealed with {@code sealedWith} now, after any background one. */
    void writeNow(Covered covered, Keyring sealedWith) {
        await(thread.submit(() -> write(covered, sealedWith)), "writing a checkpoint");
    }

    /** {@return the generation of the newest checkpoint written or being written} */
    long generation() {
        return generation.get();
    }

    /** Lets the checkpoint being written finish. */
    @Override
    public void close() {
        thread.shutdown();
        boolean interrupted = false;
        while (!thread.isTerminated()) {
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // On this thread: durable, then the segments that checkpoint.prev (the one before it) covered are deleted.
    private void write(Covered covered, Keyring sealedWith) {
        // the checkpoint about to become checkpoint.prev is the one whose blobs retained.current() names
        Optional<Set<String>> previousBlobs = Optional.of(retained.get().current());
        Checkpoint.Header header = Checkpoint.Header.of(vaultId).generation(generation.incrementAndGet())
                .term(sealedWith.currentTerm()).writtenAt(clock.millis())
                .covers(covered.coversThrough(), covered.lastSeq()).encryptions(encryptions.applyAsLong(sealedWith))
                .build();
        // streamed from the state through the cipher into the file: no copy of the payload in memory
        Checkpoint.Prepared prepared = Checkpoint.prepare(io, dataDir, header, sealedWith,
                out -> StateCodec.write(out, covered.view().state(), covered.view().blobs(), previousBlobs));
        Path temp = prepared.temp();
        synchronized (checkpointFile) {
            try {
                checkUnchangedHolding();
            } catch (StoreException e) {
                StoreFiles.deleteQuietly(io, temp, e);
                throw e;
            }
            Checkpoint.install(io, dataDir, temp);
            stamp = stampOfCheckpoint();
        }
        Checkpoint.sync(io, dataDir);
        Set<String> ids = covered.view().blobs().ids();
        Retained before = retained.getAndUpdate(r -> new Retained(r.current(), ids, Set.of(), covered.coversThrough(),
                prepared.size()));
        deleteSegmentsThrough(before.coversThrough());
    }

    // The caller holds checkpointFile, so that a rename and its new stamp come together.
    private void checkUnchangedHolding() {
        if (stamp == null) {
            stamp = stampOfCheckpoint();
            return;
        }
        Optional<FileStamp> now;
        try {
            now = io.stamp(checkpointPath);
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the checkpoint", e);
        }
        if (!now.equals(stamp)) {
            throw StoreErrors.changedByAnotherProgram("the checkpoint",
                    "replaced, deleted or touched");
        }
    }

    // The checkpoint's stamp as this store left it; null (the next check only stamps) when it cannot be read.
    private Optional<FileStamp> stampOfCheckpoint() {
        try {
            return io.stamp(checkpointPath);
        } catch (IOException e) {
            return null;
        }
    }

    // A segment a backup in progress pinned stays: the next checkpoint after the backup deletes it.
    private void deleteSegmentsThrough(long coversThrough) {
        long through = Math.min(coversThrough, pins.stream().mapToLong(pin -> pin.fromSegment - 1).min()
                .orElse(Long.MAX_VALUE));
        try {
            for (long number : JournalSegment.list(io, dataDir)) {
                if (number <= through) {
                    io.deleteIfExists(JournalSegment.path(dataDir, number));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete old journal segments (" + e.getClass().getSimpleName()
                    + "); the next checkpoint tries again");
        }
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.store.file.CommitWork.Commit;
import io.offlinevault.store.file.CommitWork.Maintenance;
import io.offlinevault.store.file.CommitWork.Outcome;
import io.offlinevault.store.file.CommitWork.Stop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The file store's commit pipeline: lets one committer at a time commit, in journal order, with the caller committing
 * its own batch when no commit is in flight (the leader) and the writer thread taking what queues behind one.
 *
 * <p><b>Leader/follower group commit.</b> Exactly one committer works at a time; it alone touches the journal, the
 * blob files and the published view. A caller of {@link #commit} that finds no commit in flight (and then nothing
 * queued) becomes the leader and commits its own batch on its own thread ({@link GroupWriter}: check the batch
 * against the view, write its blobs, append its record with one write and one force, publish the new view), then
 * returns. No other thread is woken: on a disk that forces in 0.15 ms, handing the work to a writer thread and back
 * cost 14-20 µs, a tenth of the disk's rate (issue 21). A caller that arrives while a commit is in flight queues and
 * waits. When the commit in flight ends, its committer hands whatever queued meanwhile to the writer thread, the
 * next leader, which takes it all as one group (each batch checked against the view the ones before it left, their
 * blobs written, one write and one force for all their records, the view published, the callers answered in
 * journal order) and goes on until nothing is queued; then the next caller leads again. So the disk is never idle
 * while work waits, and groups still form under load. Publication order is journal order, since a committer
 * publishes before the next one may start; the lock hands the committer's state from one thread to the next.
 * Maintenance (a key change, a backup's pin, a verify), the upgrade of a version 1 store, a key rotation by itself
 * and {@link #close}'s last step run on the writer thread only, between two groups. Segment rolls and the
 * background checkpoints they start are the committer's, as before.
 *
 * <p><b>Interrupts.</b> A thread interrupted inside {@code FileChannel.write} or {@code force} closes the channel
 * ({@code ClosedByInterruptException}), and request threads are interrupted by an executor's {@code shutdownNow} or a
 * test's timeout; the writer thread is interrupted by nobody (and ignores it if it is). So a caller already
 * interrupted does not lead: it queues for the writer like a follower (so does a caller on a fork/join worker, whose
 * wait for the writer is a managed block that lets its pool go on). When an interrupt reaches a leader during its
 * append, the journal keeps the group staged and the writer appends it again: it reopens the segment, truncates it to
 * the group's start (what the interrupted write left there was never acknowledged), forces, then writes and forces
 * the group, exactly as after a restart; the leader waits for that and publishes. An interrupt thus never leaves an
 * outcome unknown, never seals the store and never costs an acknowledged record; the caller keeps its interrupt
 * status. (An interrupt inside the leader's blob write or segment roll refuses its own batch, STORE_WRITE_FAILED,
 * with nothing changed.) A commit whose outcome is unknown (a failed force) seals the store until it restarts.
 * Thread-safe.
 */
final class GroupCommit implements GroupWriter.Committers {
    /** Who commits now. */
    private enum Committer { NONE, LEADER, WRITER }

    private final GroupWriter group;
    // guards the queue, who commits, closing and the writer's errand; hands the committer's state to the next one
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerWanted = lock.newCondition();
    private final ArrayDeque<CommitWork> queue = new ArrayDeque<>();
    private Committer committer = Committer.NONE;
    private boolean closing;
    private Runnable errand;
    private final Thread writer;

    GroupCommit(Journal journal, Blobs blobs, Checkpointer checkpoints, FileVaultRepository.Policy policy,
                Keyring keyring, FileView view, Set<String> blobFiles, AtomicLong encryptions, boolean version1) {
        this.group = new GroupWriter(journal, blobs, checkpoints, policy, keyring, view, blobFiles, encryptions,
                version1, this);
        this.writer = new Thread(this::runWriter, "offline-vault-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** {@return the view of the last commit, however the store stands} */
    FileView published() {
        return group.published();
    }

    /** {@return the keyring in use} */
    Keyring keyring() {
        return group.keyring();
    }

    /** {@return why the store sealed itself while running, if it did (null when open)} */
    StoreUnavailableException sealed() {
        return group.sealed();
    }

    /** {@return the keyring now in use, after a checkpoint under {@code change} of it} For a maintenance task. */
    Keyring changeKeyring(UnaryOperator<Keyring> change) {
        return group.changeKeyring(change);
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
    private boolean admit(CommitWork work, boolean mayLead) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("the store is closed");
            }
            // nothing is queued while no one commits: whoever ends a turn with work queued hands it to the writer
            if (mayLead && committer == Committer.NONE && !group.upgradePending() && mayBlockInIo()) {
                committer = Committer.LEADER;
                return true;
            }
            enqueue(work);
            return false;
        } finally {
            lock.unlock();
        }
    }

    // Not when interrupted (see the class comment), nor on a fork/join worker: a force there would hold one of the
    // pool's few threads (the common pool has one on 2 cores), where waiting for the writer is a managed block that
    // lets the pool run its other tasks.
    private static boolean mayBlockInIo() {
        Thread caller = Thread.currentThread();
        return !caller.isInterrupted() && !(caller instanceof ForkJoinWorkerThread);
    }

    // Under the lock.
    private void enqueue(CommitWork work) {
        queue.add(work);
        if (committer == Committer.NONE) {
            committer = Committer.WRITER;
            writerWanted.signal();
        }
    }

    private void lead(Commit commit) {
        try {
            group.commit(List.of(commit));
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
        List<CommitWork> work = new ArrayList<>();
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
                    work.addAll(queue);
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
            for (CommitWork item : work) {
                if (item instanceof Commit commit) {
                    batches.add(commit);
                    continue;
                }
                group.commit(batches);
                batches.clear();
                if (item instanceof Maintenance maintenance) {
                    group.maintain(maintenance);
                } else {
                    return;
                }
            }
            group.commit(batches);
            work.clear();
        }
    }

    @Override
    public <T> T onWriterThread(Supplier<T> task) {
        return Thread.currentThread() == writer ? task.get() : onWriter(task);
    }

    @Override
    public void failQueued(StoreUnavailableException reason) {
        lock.lock();
        try {
            queue.removeIf(work -> work instanceof Commit commit ? commit.outcome().fail(reason)
                    : work instanceof Maintenance task && task.outcome().fail(reason));
        } finally {
            lock.unlock();
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
}

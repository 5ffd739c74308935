package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller interrupted before or during its commit (an executor's {@code shutdownNow}, a test's timeout) is answered
 * as if it had not been: the commit is durable, the caller keeps its interrupt status, the store stays open, and
 * a reopen finds every acknowledged entry once. The interrupt closes the journal's channel when it reaches
 * {@code FileChannel.write} or {@code force} on the leader's thread; the writer thread appends the group again.
 */
class InterruptedCommitTest {
    private static final int RECORDS = 3;

    @TempDir
    Path root;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(60)
    void a_caller_interrupted_before_its_commit_is_committed_by_the_writer_and_keeps_its_interrupt() {
        // given
        StoreFixture fixture = storeWithRecords();
        List<String> forcedBy = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean watching = new AtomicBoolean();
        FaultyFileIo io = FaultyFileIo.recording().beforeEveryForce(() -> {
            if (watching.get()) {
                forcedBy.add(Thread.currentThread().getName());
            }
        });
        List<String> later = new ArrayList<>();
        try (FileVaultStore store = fixture.open(io)) {
            watching.set(true);
            // when
            Thread.currentThread().interrupt();
            boolean stillInterrupted;
            try {
                Commits.entry(store, "interrupted");
            } finally {
                stillInterrupted = Thread.interrupted();
            }
            // then
            assertThat(stillInterrupted).as("the caller keeps its interrupt status").isTrue();
            assertThat(forcedBy).as("the writer thread forced the commit, not the interrupted caller")
                    .containsExactly("offline-vault-writer");
            assertThat(store.isSealed()).isFalse();
            // the writer answers before it ends its turn (it may still start a checkpoint), so a commit right after
            // may still be its own; once it is done, a caller that is not interrupted leads again
            for (int i = 0; i < 20 && !forcedBy.get(forcedBy.size() - 1).equals(Thread.currentThread().getName()); i++) {
                later.add("after-" + i);
                Commits.entry(store, later.get(i));
            }
            assertThat(forcedBy).as("a later caller, not interrupted, leads its own commit")
                    .endsWith(Thread.currentThread().getName());
        }
        List<String> keys = new ArrayList<>(later);
        keys.add("interrupted");
        assertReopensWith(fixture, keys.toArray(String[]::new));
    }

    @Test
    @Timeout(60)
    void an_interrupt_inside_the_leaders_force_has_the_writer_append_the_group_again() {
        // given: the caller's own journal force is where the interrupt reaches it, after its write
        StoreFixture fixture = storeWithRecords();
        AtomicBoolean armed = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        FaultyFileIo io = FaultyFileIo.recording().beforeEveryForce(() -> {
            if (Thread.currentThread() == caller && armed.getAndSet(false)) {
                caller.interrupt();
            }
        });
        try (FileVaultStore store = fixture.open(io)) {
            int stepsBefore = io.steps().size();
            armed.set(true);
            // when
            boolean stillInterrupted;
            try {
                Commits.entry(store, "forced-twice");
            } finally {
                stillInterrupted = Thread.interrupted();
            }
            // then
            assertThat(armed).as("the interrupt was sent inside the force").isFalse();
            assertThat(stillInterrupted).isTrue();
            assertThat(store.isSealed()).isFalse();
            List<String> steps = io.steps().subList(stepsBefore, io.steps().size());
            assertThat(steps).as("the group reached the file, then was truncated away and written again")
                    .containsSubsequence("write journal.1", "force journal.1", "openForAppending journal.1",
                            "truncate journal.1", "force journal.1", "write journal.1", "force journal.1");
            assertThat(steps.stream().filter("write journal.1"::equals)).hasSize(2);
            Commits.entry(store, "after");
        }
        assertReopensWith(fixture, "forced-twice", "after");
    }

    @Test
    @Timeout(60)
    void an_interrupt_inside_the_leaders_write_has_the_writer_append_the_group_again() {
        StoreFixture fixture = storeWithRecords();
        AtomicBoolean armed = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        FaultyFileIo io = FaultyFileIo.recording().beforeEveryWrite(() -> {
            if (Thread.currentThread() == caller && armed.getAndSet(false)) {
                caller.interrupt();
            }
        });
        try (FileVaultStore store = fixture.open(io)) {
            armed.set(true);
            boolean stillInterrupted;
            try {
                Commits.entry(store, "written-once");
            } finally {
                stillInterrupted = Thread.interrupted();
            }
            assertThat(armed).as("the interrupt was sent inside the write").isFalse();
            assertThat(stillInterrupted).isTrue();
            assertThat(store.isSealed()).isFalse();
            Commits.entry(store, "after");
        }
        assertReopensWith(fixture, "written-once", "after");
    }

    @Test
    @Timeout(120)
    void interrupts_at_random_moments_of_many_commits_never_seal_and_lose_nothing() throws Exception {
        // given one thread committing while another interrupts it every few dozen microseconds
        StoreFixture fixture = storeWithRecords();
        int commits = 300;
        List<String> keys = IntStream.range(0, commits).mapToObj(i -> "k-" + i).toList();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> committing = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        try (FileVaultStore store = fixture.open()) {
            Future<?> committer = threads.submit(() -> {
                committing.set(Thread.currentThread());
                started.countDown();
                try {
                    for (String key : keys) {
                        Commits.entry(store, key);
                        Thread.interrupted(); // so that the next commit may lead again
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            Future<Integer> interrupter = threads.submit(() -> {
                assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
                Thread target = committing.get();
                int sent = 0;
                while (!done.get()) {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000, 400_000));
                    if (!done.get()) {
                        target.interrupt();
                        sent++;
                    }
                }
                return sent;
            });
            // when / then: every commit is answered with success
            committer.get(100, TimeUnit.SECONDS);
            int sent = interrupter.get(30, TimeUnit.SECONDS);
            assertThat(sent).as("interrupts sent").isPositive();
            assertThat(store.isSealed()).isFalse();
            assertThat(Commits.keys(store)).hasSize(RECORDS + commits);
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(Commits.keys(reopened)).hasSize(RECORDS + commits).containsAll(keys);
        }
    }

    private StoreFixture storeWithRecords() {
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            for (int i = 0; i < RECORDS; i++) {
                Commits.entry(store, "k" + i);
            }
        }
        return fixture;
    }

    private static void assertReopensWith(StoreFixture fixture, String... keys) {
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(Commits.keys(reopened)).hasSize(RECORDS + keys.length).contains(keys);
        }
    }
}

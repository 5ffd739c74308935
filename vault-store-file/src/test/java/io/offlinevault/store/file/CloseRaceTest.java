package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.port.out.Batch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit or a key change that races {@code close()} is answered: it succeeds when it was admitted before
 * close, else fails with "the store is closed"; it never waits forever for a writer that has stopped.
 */
class CloseRaceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int ROUNDS = 1_000;
    private static final int COMMITTERS = 8;

    @TempDir
    Path root;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    @Timeout(30)
    void a_commit_admitted_after_close_stopped_the_writer_fails_instead_of_waiting_forever() throws Exception {
        // given a committer held after its checks, before it is admitted
        FileVaultStore store = new StoreFixture(root).create(new UnsyncedFileIo());
        FileVaultRepository repository = (FileVaultRepository) store.repository();
        CountDownLatch atSeam = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        repository.beforeAdmission(() -> {
            atSeam.countDown();
            await(closed, "close() to return");
        });
        Future<?> commit = threads.submit(() -> repository.commit(entryBatch("late")));
        await(atSeam, "the committer to reach the seam");
        // when close() stops the writer in that window, then lets the committer go on
        store.close();
        closed.countDown();
        // then
        assertThatThrownBy(() -> outcome(commit)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the store is closed");
    }

    @Test
    @Timeout(60)
    void eight_committers_racing_close_are_all_answered_in_every_round() throws Exception {
        StoreFixture fixture = new StoreFixture(root);
        fixture.create(new UnsyncedFileIo()).close();
        int committed = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            FileVaultStore store = fixture.open(new UnsyncedFileIo());
            FileVaultRepository repository = (FileVaultRepository) store.repository();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> commits = new ArrayList<>();
            for (int i = 0; i < COMMITTERS; i++) {
                String key = "r" + round + "-c" + i;
                commits.add(threads.submit(() -> {
                    await(start, "the start of the round");
                    if (key.endsWith("-c0")) {
                        store.rotate();
                    } else {
                        repository.commit(entryBatch(key));
                    }
                    return null;
                }));
            }
            start.countDown();
            store.close();
            for (Future<?> commit : commits) {
                try {
                    outcome(commit);
                    committed++;
                } catch (IllegalStateException e) {
                    assertThat(e).hasMessage("the store is closed");
                    refused++;
                }
            }
        }
        assertThat(committed + refused).isEqualTo(ROUNDS * COMMITTERS);
        try (FileVaultStore reopened = fixture.open(new UnsyncedFileIo())) {
            assertThat(reopened.isSealed()).isFalse();
        }
    }

    private static Batch entryBatch(String key) {
        return Batch.builder().putEntry(Commits.ACME, EntryValidator.validateCreate(Commits.ACME,
                EntryDraft.empty().withKey(key).withValue("value of " + key))).build();
    }

    // The task's own exception, or a failure naming the wait when it is not answered in time.
    private static void outcome(Future<?> task) throws Exception {
        try {
            task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("a commit racing close() was not answered within " + PATIENCE, e);
        }
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}

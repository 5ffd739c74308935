package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java 17 request pool: a thread per request in progress, not per request ever made, and a queue beyond. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestExecutorsTest {
    private static final long WAIT_SECONDS = 10;

    @Test
    void requests_one_after_another_reuse_a_few_threads() throws Exception {
        RequestExecutors.GrowingPool pool = new RequestExecutors.GrowingPool(512, 5);
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 200; i++) {
                Future<?> done = pool.submit(() -> threads.add(Thread.currentThread().getName()));
                done.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            // A request's future completes just before the pool counts it finished, so the next one may start a
            // second or third thread; the pool before this one started a thread for each of the 200.
            assertThat(threads).hasSizeLessThanOrEqualTo(8);
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requests_that_block_each_get_a_thread_so_that_a_fresh_one_still_runs() throws Exception {
        // given: 300 requests held, as slow clients hold theirs
        RequestExecutors.GrowingPool pool = new RequestExecutors.GrowingPool(512, 5);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(300);
        try {
            for (int i = 0; i < 300; i++) {
                pool.execute(() -> {
                    started.countDown();
                    await(release);
                });
            }
            assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all 300 running at once").isTrue();
            // when
            Future<String> fresh = pool.submit(() -> "answered");
            // then
            assertThat(fresh.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("answered");
            assertThat(pool.getPoolSize()).isBetween(300, 301);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void beyond_the_last_thread_requests_wait_in_the_queue_and_all_run() throws Exception {
        // given: a pool of 4 threads, all held
        RequestExecutors.GrowingPool pool = new RequestExecutors.GrowingPool(4, 5);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(4);
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(10);
        try {
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> {
                    started.countDown();
                    await(release);
                    finished.incrementAndGet();
                    all.countDown();
                });
            }
            assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            // when: six more than it has threads
            for (int i = 0; i < 6; i++) {
                pool.execute(() -> {
                    finished.incrementAndGet();
                    all.countDown();
                });
            }
            // then: they wait, none is refused, no fifth thread starts; released, every one runs
            assertThat(pool.getQueue()).hasSize(6);
            assertThat(pool.getPoolSize()).isEqualTo(4);
            release.countDown();
            assertThat(all.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(finished).hasValue(10);
            assertThat(pool.getLargestPoolSize()).isEqualTo(4);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void many_requesters_at_once_lose_no_request() throws Exception {
        RequestExecutors.GrowingPool pool = new RequestExecutors.GrowingPool(8, 5);
        int requests = 20_000;
        CountDownLatch all = new CountDownLatch(requests);
        Thread[] requesters = new Thread[4];
        try {
            for (int t = 0; t < requesters.length; t++) {
                requesters[t] = new Thread(() -> {
                    for (int i = 0; i < requests / requesters.length; i++) {
                        pool.execute(all::countDown);
                    }
                });
                requesters[t].start();
            }
            for (Thread requester : requesters) {
                requester.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            }
            assertThat(all.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every request ran").isTrue();
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_pool_shut_down_refuses_requests() {
        RequestExecutors.GrowingPool pool = new RequestExecutors.GrowingPool(4, 5);
        pool.shutdown();
        assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.execute(() -> { }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

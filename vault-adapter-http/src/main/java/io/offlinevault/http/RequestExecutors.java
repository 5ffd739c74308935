package io.offlinevault.http;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs requests: a virtual thread per request where the JVM has them (Java 21+, found by
 * reflection, since the build targets release 17), else a bounded pool of platform threads. The JDK server reads
 * a request's headers on the executor's thread and the handler reads the body there, so a slow client holds a
 * thread until it is done or the read timeout ({@link JdkServerProperties}) closes its connection: the pool is
 * large enough that slow clients leave threads for the others.
 */
final class RequestExecutors {
    /** Threads of the fallback pool (Java 17): requests beyond it wait in its queue. */
    static final int POOL_THREADS = 512;
    /** How long an idle thread of the fallback pool lives: the pool shrinks back to nothing between bursts. */
    static final long IDLE_SECONDS = 5;

    private RequestExecutors() {
    }

    static ExecutorService forRequests() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return boundedPool();
        }
    }

    static ExecutorService boundedPool() {
        return new GrowingPool(POOL_THREADS, IDLE_SECONDS);
    }

    /**
     * A pool that starts a thread only when no thread of it is idle, up to {@code maxThreads}; beyond that, requests
     * wait in its queue. A plain {@link ThreadPoolExecutor} with as many core threads starts a new thread for every
     * request until it has them all, whatever the load: 16 busy connections kept 512 threads, each request woke
     * another of them, and every collection scanned all their stacks (measured in docs/BENCHMARKS.md, issue 21).
     * Here the pool holds about as many threads as requests in progress, and so many slow clients as there are
     * threads left. Thread-safe.
     */
    static final class GrowingPool extends ThreadPoolExecutor {
        // Requests handed to the pool and not finished: more than the threads means that none is idle.
        private final AtomicInteger unfinished = new AtomicInteger();

        GrowingPool(int maxThreads, long idleSeconds) {
            super(0, maxThreads, idleSeconds, TimeUnit.SECONDS, new HandOffQueue(), daemonThreads());
            ((HandOffQueue) getQueue()).pool = this;
        }

        @Override
        public void execute(Runnable task) {
            unfinished.incrementAndGet();
            try {
                super.execute(task);
            } catch (RejectedExecutionException e) {
                // Lost the race for the last thread (the queue said "start one", another request took it): wait in
                // the queue like any request beyond the limit. A shut-down pool refuses, as any pool does.
                if (isShutdown() || !((HandOffQueue) getQueue()).enqueue(task)) {
                    unfinished.decrementAndGet();
                    throw e;
                }
            }
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            unfinished.decrementAndGet();
        }

        private static ThreadFactory daemonThreads() {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, "offline-vault-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }

    /**
     * The pool's queue: it takes a request only when a thread of the pool is idle or none can be started, so that
     * the pool starts a thread otherwise ({@link ThreadPoolExecutor} starts threads beyond its core only when its
     * queue refuses). An idle thread that reaches its idle time just as a request is queued for it may still end
     * (while other threads live); the request then runs when the next request on any thread is done, as it would
     * beyond the limit.
     */
    private static final class HandOffQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient GrowingPool pool;

        @Override
        public boolean offer(Runnable task) {
            if (pool.unfinished.get() > pool.getPoolSize() && pool.getPoolSize() < pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        boolean enqueue(Runnable task) {
            return super.offer(task);
        }
    }
}

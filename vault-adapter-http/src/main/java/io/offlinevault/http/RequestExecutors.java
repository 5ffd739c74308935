package io.offlinevault.http;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
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
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "offline-vault-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

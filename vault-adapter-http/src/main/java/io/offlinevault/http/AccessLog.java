package io.offlinevault.http;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The access lines of every server in the process, written in order by one background thread, so that a request
 * does not wait for the log's lock and its console write: {@link #log} only queues the line. A line is never
 * dropped: when the queue is full the caller writes it itself. Lines carry no secret (the router builds them from
 * the method, the route template, the status, the time and the request id). Thread-safe.
 */
final class AccessLog {
    private static final System.Logger ACCESS = System.getLogger("io.offlinevault.http.access");
    private static final int CAPACITY = 16_384;
    // After writing what it found, the writer pauses this long, so that under load it takes the lines of many requests
    // at a time: a request then hands its line over without waking the writer (a wake-up per request, a futex call and
    // a context switch on a one-CPU server, was 3% of a GET's samples). A line reaches the log at most this much later.
    private static final long PAUSE_MILLIS = 5;
    private static final BlockingQueue<String> QUEUE = new LinkedBlockingQueue<>(CAPACITY);
    private static final Object WRITTEN = new Object();
    private static long queued;
    private static long written;
    private static Thread writer;

    private AccessLog() {
    }

    /**
     * Queues the access line of a request answered {@code status} in {@code millis} (writes it on this thread when the
     * queue is full); nothing when the access log is off.
     */
    static void log(String method, String template, int status, long millis, String requestId) {
        if (ACCESS.isLoggable(Level.INFO)) {
            log(method + " " + template + " " + status + " " + millis + "ms " + requestId);
        }
    }

    /** Queues {@code line} for the access log (writes it on this thread when the queue is full). */
    private static void log(String line) {
        synchronized (WRITTEN) {
            if (writer == null) {
                writer = new Thread(AccessLog::drain, "offline-vault-access-log");
                writer.setDaemon(true);
                writer.start();
            }
            if (QUEUE.offer(line)) {
                queued++;
                return;
            }
        }
        ACCESS.log(Level.INFO, line);
    }

    /**
     * Waits until every line queued before this call is written, for at most {@code timeout}; {@return whether
     * they are} A server that stops calls it, so that the last lines reach the log before the process ends.
     */
    static boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (WRITTEN) {
            long target = queued;
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    WRITTEN.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private static void drain() {
        List<String> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(QUEUE.take());
            } catch (InterruptedException e) {
                // a daemon thread that nobody interrupts on purpose: keep writing
                continue;
            }
            QUEUE.drainTo(batch);
            for (String line : batch) {
                ACCESS.log(Level.INFO, line);
            }
            synchronized (WRITTEN) {
                written += batch.size();
                WRITTEN.notifyAll();
            }
            batch.clear();
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                // as above: keep writing
            }
        }
    }
}

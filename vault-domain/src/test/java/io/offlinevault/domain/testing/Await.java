package io.offlinevault.domain.testing;

import java.io.BufferedReader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for tests: each names what it waits for, polls by sleeping rather than spinning, and fails the
 * test with an {@link AssertionError} saying what never happened once its patience runs out. Every wait here
 * answers an interrupt, so JUnit's timeout (which interrupts the test thread) ends it too. A safety net against
 * a hung test, not a timing assertion. Thread-safe.
 */
public final class Await {
    /** How long a test waits for something that normally takes well under a second. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Polls {@code condition} every 10 ms until it holds; fails naming {@code what} after {@code patience}. */
    public static void until(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        until(what, patience, condition, () -> "");
    }

    /**
     * Polls {@code condition} every 10 ms until it holds; fails after {@code patience} naming {@code what} and
     * what {@code state} says at that moment (the progress made, the threads involved).
     */
    public static void until(String what, Duration patience, BooleanSupplier condition, Supplier<?> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String seen = String.valueOf(state.get());
                throw new AssertionError(what + ": not within " + seconds(patience)
                        + (seen.isEmpty() ? "" : "; " + seen));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits for {@code latch} to reach zero; fails naming {@code what} after {@code patience}. */
    public static void until(String what, Duration patience, CountDownLatch latch) throws InterruptedException {
        if (!latch.await(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError(what + ": not within " + seconds(patience) + " (" + latch.getCount()
                    + " counts left)");
        }
    }

    /**
     * {@return the result of {@code future}} Fails naming {@code what} after {@code patience}, cancelling it (which
     * interrupts its worker); a task that failed throws its {@link ExecutionException} as {@link Future#get} does.
     */
    public static <T> T result(String what, Duration patience, Future<T> future)
            throws InterruptedException, ExecutionException {
        try {
            return future.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + ": no result within " + seconds(patience), e);
        }
    }

    /**
     * {@return the next line of {@code reader}, or null at its end} The read runs on a daemon thread, since a read
     * from a child's pipe neither times out nor answers an interrupt; after a failure that thread stays blocked
     * until the stream closes (destroying the child closes it), and the reader must not be used again.
     */
    public static String line(String what, Duration patience, BufferedReader reader)
            throws InterruptedException, ExecutionException {
        FutureTask<String> read = new FutureTask<>(reader::readLine);
        Thread thread = new Thread(read, "await-line");
        thread.setDaemon(true);
        thread.start();
        return result(what, patience, read);
    }

    /**
     * {@return the exit code of {@code process}, once it ended} After {@code patience} kills it (kill -9) and fails
     * naming {@code what}.
     */
    public static int exit(String what, Duration patience, Process process) throws InterruptedException {
        if (!process.waitFor(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError(what + ": pid " + process.pid() + " still ran after " + seconds(patience)
                    + "; killed it");
        }
        return process.exitValue();
    }

    /**
     * Kills {@code process} (kill -9), if it still runs, and waits for its end; fails if it outlives
     * {@link #PATIENCE}. For a {@code finally} or an {@code @AfterEach}: a child never outlives its test.
     */
    public static void destroyed(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("pid " + process.pid() + " still ran " + seconds(PATIENCE) + " after kill -9");
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}

package io.offlinevault.app.serve;

import static java.util.Objects.requireNonNull;

import io.offlinevault.http.VaultHttpServer;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running {@code serve}: the HTTP server and the store behind it, stopped once and in that order, so
 * that requests in flight finish before the store finishes its commits and releases its lock. Thread-safe.
 */
final class Serving {
    private final VaultHttpServer server;
    private final Runnable closeStore;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Serving(VaultHttpServer server, Runnable closeStore) {
        this.server = requireNonNull(server, "server");
        this.closeStore = requireNonNull(closeStore, "closeStore");
    }

    /**
     * {@return the HTTP server on {@code settings} over {@code backend}, started} {@link #stop()} closes the backend
     * after the server; a server that does not start closes it at once.
     *
     * @throws IOException when the server cannot listen on {@code settings}' address
     */
    static Serving start(VaultHttpServer.Settings settings, Backend backend) throws IOException {
        VaultHttpServer server;
        try {
            server = VaultHttpServer.start(settings, backend.services());
        } catch (IOException | RuntimeException | Error e) {
            backend.close();
            throw e;
        }
        return new Serving(server, backend::close);
    }

    /** {@return the port the server bound} */
    int port() {
        return server.port();
    }

    /**
     * Stops the server (exchanges in flight finish), then closes the store (commits in flight finish, the
     * lock is released); returns once both are done, whichever thread asked first. Idempotent.
     */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStoppedUninterruptibly();
            return;
        }
        try {
            server.close();
        } finally {
            try {
                closeStore.run();
            } finally {
                stopped.countDown();
            }
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void awaitStoppedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

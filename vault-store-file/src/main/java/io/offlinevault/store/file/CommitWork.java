package io.offlinevault.store.file;

import io.offlinevault.domain.port.out.Batch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What the file store's committers are asked to do, in queue order, and the outcome each caller waits for. */
sealed interface CommitWork permits CommitWork.Commit, CommitWork.Maintenance, CommitWork.Stop {
    /** A batch to check and commit, and its caller waiting for the outcome. */
    record Commit(Batch batch, Outcome outcome) implements CommitWork {
    }

    /**
     * A task that runs alone on the writer thread between two groups (a synchronous checkpoint under a new keyring, a
     * backup's pin, a verify), and its caller.
     */
    record Maintenance(Runnable task, Outcome outcome) implements CommitWork {
    }

    /** Finish what was queued before, then stop: queued by close() alone, always last; its caller joins the writer. */
    record Stop() implements CommitWork {
    }

    /** The outcome a caller waits for, without giving in to interrupts: completed once, by a committer or a seal. */
    final class Outcome {
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        void succeed() {
            done.complete(null);
        }

        /** {@return whether this call completed it} */
        boolean fail(Throwable failure) {
            return done.completeExceptionally(failure);
        }

        void await() {
            join(done);
        }

        /** {@return what {@code future} completes with, waiting through interrupts; its runtime failure is rethrown} */
        static <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}

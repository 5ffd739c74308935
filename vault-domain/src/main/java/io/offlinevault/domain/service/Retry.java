package io.offlinevault.domain.service;

import io.offlinevault.domain.port.out.ConcurrentChangeException;
import java.util.function.Supplier;

/**
 * Runs a read-compute-commit step again when another commit changed what it read (optimistic
 * concurrency). Each attempt reads a fresh view, so only a live-lock could exhaust the attempts.
 */
final class Retry {
    private static final int MAX_ATTEMPTS = 100;

    private Retry() {
    }

    static <T> T optimistically(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (ConcurrentChangeException e) {
                if (i == MAX_ATTEMPTS) {
                    throw new IllegalStateException("gave up after " + MAX_ATTEMPTS + " concurrent changes", e);
                }
            }
        }
    }
}

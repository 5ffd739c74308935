package io.offlinevault.domain.port.out;

/**
 * Where a vault lives: the one transactional boundary of the domain. Reads see an immutable
 * {@link VaultView}; writes are {@link Batch}es committed atomically. Thread-safe.
 */
public interface VaultRepository {
    /** {@return the view as of the latest acknowledged commit; never waits for a commit in flight} */
    VaultView view();

    /**
     * Checks the batch's preconditions against the latest state (including batches committed just
     * before it) and applies all of its changes, or none. Returns once the batch is durable.
     *
     * @throws io.offlinevault.domain.error.VaultException when a precondition fails or the store cannot write
     * @throws ConcurrentChangeException when a precondition saw a state changed since the caller read it
     */
    void commit(Batch batch);
}

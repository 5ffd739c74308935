package io.offlinevault.domain.memory;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.VaultRepository;

/**
 * A {@link VaultRepository} that keeps the vault in memory only: gone when the process ends. Commits
 * are serialised (one writer at a time) and publish a new immutable {@link VaultState}; {@link #view()}
 * never blocks. Because a state is an immutable value, saving the whole vault is keeping a {@link #view()},
 * and {@link #restore} puts it back. Thread-safe.
 */
public final class InMemoryVaultRepository implements VaultRepository {
    private volatile VaultState state;

    /** Starts an empty vault. */
    public InMemoryVaultRepository() {
        this.state = VaultState.empty();
    }

    /**
     * {@return a vault started with {@code firstCommit}, such as the one that holds the {@code admin} token}
     *
     * @throws io.offlinevault.domain.error.VaultException when a precondition of the batch fails
     */
    public static InMemoryVaultRepository create(Batch firstCommit) {
        requireNonNull(firstCommit, "firstCommit");
        InMemoryVaultRepository repository = new InMemoryVaultRepository();
        repository.commit(firstCommit);
        return repository;
    }

    @Override
    public VaultState view() {
        return state;
    }

    @Override
    public synchronized void commit(Batch batch) {
        requireNonNull(batch, "batch");
        state = state.apply(batch);
    }

    /**
     * Replaces the whole vault by {@code saved}, a state that {@link #view()} returned earlier, in one swap
     * under the commit lock: every commit lands wholly before or wholly after it, and a reader sees the old
     * state or the saved one, never a mix.
     */
    public synchronized void restore(VaultState saved) {
        state = requireNonNull(saved, "saved");
    }
}

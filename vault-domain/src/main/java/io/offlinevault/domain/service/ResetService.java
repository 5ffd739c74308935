package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.in.Reset;

/**
 * {@link Reset} on an {@link InMemoryVaultRepository}: remembers the repository's state when the service is
 * made (an ephemeral server makes it once the vault holds its admin token and seed) and restores exactly
 * that state. Thread-safe.
 */
public final class ResetService implements Reset {
    private final InMemoryVaultRepository repository;
    private final VaultState start;

    /** Saves the current state of {@code repository} as the one that {@link #reset} goes back to. */
    public ResetService(InMemoryVaultRepository repository) {
        this.repository = requireNonNull(repository, "repository");
        this.start = repository.view();
    }

    @Override
    public void reset(Caller caller) {
        caller.requireEverything("reset the vault");
        repository.restore(start);
    }
}

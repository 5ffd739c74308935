package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;

/**
 * Puts a test vault back to the state it started in (its seed, its admin token), for test suites that
 * reset between tests; only an ephemeral server has one. Thread-safe.
 */
public interface Reset {
    /**
     * Puts the vault back to its starting state in one atomic swap, dropping everything created, changed or
     * revoked since; needs every privilege in every organization.
     *
     * @throws io.offlinevault.domain.error.AccessDeniedException when the caller lacks any privilege anywhere
     */
    void reset(Caller caller);
}

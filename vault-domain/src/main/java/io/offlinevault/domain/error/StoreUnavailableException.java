package io.offlinevault.domain.error;

import static java.util.Objects.requireNonNull;

/**
 * The store is sealed: it failed to open, or a commit's outcome became unknown, so it refuses every
 * read and write until it is repaired and restarted. {@link #reason()} says why (one of the
 * {@code STORE_*} codes or {@code COMMIT_OUTCOME_UNKNOWN}); the message says what to do.
 */
public final class StoreUnavailableException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode reason;

    public StoreUnavailableException(ErrorCode reason, String message) {
        super(ErrorCode.STORE_UNAVAILABLE, message);
        this.reason = requireNonNull(reason, "reason");
    }

    /** {@return why the store is sealed} */
    public ErrorCode reason() {
        return reason;
    }
}

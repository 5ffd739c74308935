package io.offlinevault.domain.error;

/**
 * The store cannot do what was asked: it is locked, sealed, damaged, full, or a write failed.
 * The code is one of the {@code STORE_*} codes or {@code COMMIT_OUTCOME_UNKNOWN}; the message says
 * what to do and never names a secret or a key.
 */
public final class StoreException extends VaultException {
    private static final long serialVersionUID = 1L;

    public StoreException(ErrorCode code, String message) {
        super(code, message);
    }

    public StoreException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}

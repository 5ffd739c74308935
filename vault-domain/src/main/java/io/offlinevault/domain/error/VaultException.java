package io.offlinevault.domain.error;

import static java.util.Objects.requireNonNull;

/**
 * Every failure the domain and its adapters report on purpose; any other exception is a bug.
 * Messages say what went wrong and how to fix it, and never hold a value, token or passphrase.
 */
public abstract class VaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    protected VaultException(ErrorCode code, String message) {
        super(message);
        this.code = requireNonNull(code, "code");
    }

    protected VaultException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code");
    }

    /** {@return the code that adapters map to a status or an exit code} */
    public final ErrorCode code() {
        return code;
    }
}

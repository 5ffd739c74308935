package io.offlinevault.app.cli;

import io.offlinevault.domain.error.ErrorCode;

/** The exit codes of every {@code offline-vault} command; the help lists them in this order. */
public enum ExitStatus {
    OK(0, "Success."),
    FAILURE(1, "The command failed; the message says why."),
    USAGE(2, "Usage error or invalid input."),
    MISSING_ENTRIES(3, "Vault entries that a snapshot references are missing."),
    STORE_LOCKED(4, "Another process holds the data directory; the message names its pid."),
    STORE_SEALED(5, "The store does not open; the message says why and how to recover.");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /**
     * {@return the exit status of a command that fails with {@code code}} Exhaustive on purpose: a new
     * {@link ErrorCode} does not compile until it has an exit status.
     */
    public static ExitStatus forError(ErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER, INVALID_JSON, INVALID_VAULT_ENTRY, INVALID_SNAPSHOT, PAYLOAD_TOO_LARGE -> USAGE;
            case INVALID_TOKEN, ACCESS_DENIED, VAULT_ENTRY_NOT_FOUND, SNAPSHOT_NOT_FOUND, TOKEN_NOT_FOUND, NOT_FOUND,
                    METHOD_NOT_ALLOWED, MISDIRECTED_REQUEST, VAULT_ENTRY_ALREADY_EXISTS, TOKEN_ALREADY_EXISTS,
                    LAST_ADMIN_TOKEN, VAULT_FETCH_CONFLICT, STORE_WRITE_FAILED, STORE_NO_SPACE, INTERNAL_ERROR -> FAILURE;
            case STORE_LOCKED -> STORE_LOCKED;
            case STORE_UNAVAILABLE, COMMIT_OUTCOME_UNKNOWN, STORE_MISSING, STORE_CORRUPT, STORE_WRONG_KEY, STORE_TAMPERED,
                    STORE_UNSUPPORTED_VERSION, STORE_PERMISSIONS, STORE_CONFLICT -> STORE_SEALED;
        };
    }

    /** {@return the process exit code} */
    public int code() {
        return code;
    }

    /** {@return one sentence for the help's exit-code list} */
    public String meaning() {
        return meaning;
    }
}

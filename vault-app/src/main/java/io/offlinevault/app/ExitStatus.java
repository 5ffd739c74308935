package io.offlinevault.app;

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

    /** {@return the process exit code} */
    public int code() {
        return code;
    }

    /** {@return one sentence for the help's exit-code list} */
    public String meaning() {
        return meaning;
    }
}

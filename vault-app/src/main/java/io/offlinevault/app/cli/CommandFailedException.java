package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

/** A command cannot go on: the message says why and what to do, the status is the process's exit code. */
public final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitStatus status;

    public CommandFailedException(ExitStatus status, String message) {
        super(requireNonNull(message, "message"));
        this.status = requireNonNull(status, "status");
    }

    /** {@return the exit status the command ends with} */
    public ExitStatus status() {
        return status;
    }
}

package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

/** A command cannot go on: the message says why and what to do, the status is the process's exit code. */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitStatus status;

    CommandFailedException(ExitStatus status, String message) {
        super(requireNonNull(message, "message"));
        this.status = requireNonNull(status, "status");
    }

    /** {@return the exit status the command ends with} */
    ExitStatus status() {
        return status;
    }
}

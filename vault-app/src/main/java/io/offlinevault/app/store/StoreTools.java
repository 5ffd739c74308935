package io.offlinevault.app.store;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;

/** What {@code verify}, {@code backup} and {@code restore} share: how they fail. */
final class StoreTools {
    /** What {@code restore} says when a server holds the data dir, after the store's message that names its pid. */
    static final String WHILE_LOCKED = "restore replaces the vault's files and needs the data directory to itself:"
            + " stop that server, run this command, then start the server again.";

    private StoreTools() {
    }

    /** {@return {@code e} as the command's failure: exit 4 naming the holder while locked, else its code's status} */
    static CommandFailedException failed(StoreException e) {
        String message = e.code() == ErrorCode.STORE_LOCKED ? e.getMessage() + System.lineSeparator() + WHILE_LOCKED
                : e.getMessage();
        return new CommandFailedException(ExitStatus.forError(e.code()), message);
    }
}

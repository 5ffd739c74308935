package io.offlinevault.app.store;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code offline-vault rotate}: a new data key, in a checkpoint written now under the next key term; what was
 * written before stays readable, and the keys that open the vault do not change.
 */
@Command(name = "rotate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Rotates the vault's data key: a checkpoint written now under a new key term, and a new journal segment."
                + " Everything written before stays readable; the key file and the passphrase stay as they are.",
            "The store also rotates by itself after 2^31 encryptions in one term.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExample:%n",
        footer = "  offline-vault rotate")
public final class RotateCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    public RotateCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the checkpoint under the new term is durable} Prints the new term. */
    @Override
    public Integer call() {
        int term = command.operations(server).rotate(Caller.owner());
        return command.succeeded("rotated: new data is sealed under key term " + term
                + "; everything written before stays readable");
    }
}

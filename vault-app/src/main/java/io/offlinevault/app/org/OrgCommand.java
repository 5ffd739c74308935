package io.offlinevault.app.org;

import io.offlinevault.app.cli.Surroundings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code offline-vault org}: the organizations of the vault. */
@Command(name = "org",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the organizations of the vault: those that hold entries or snapshots, or that a token names.",
            "Runs on the data directory, or through a running server: --server URL (OFFLINE_VAULT_ADDR), or the"
                + " server that holds the data directory."
        })
public final class OrgCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@return the {@code org} command with its subcommands} */
    public static CommandLine commandLine(Surroundings surroundings) {
        CommandLine org = new CommandLine(new OrgCommand());
        org.addSubcommand(new OrgListCommand(surroundings));
        return org;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing an org command: list.");
    }
}

package io.offlinevault.app.token;

import io.offlinevault.app.cli.Surroundings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code offline-vault token}: the group of the commands that manage the vault's bearer tokens offline. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Creates, lists and revokes the bearer tokens of the vault, as the store's owner.",
            "These commands open the data directory themselves, so stop a server that serves it first; while it"
                + " runs, its admin routes manage tokens: POST, GET /_offline-vault/tokens, DELETE"
                + " /_offline-vault/tokens/{name}."
        })
public final class TokenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@return the {@code token} command with its {@code create}, {@code list} and {@code revoke} subcommands} */
    public static CommandLine commandLine(Surroundings surroundings) {
        CommandLine token = new CommandLine(new TokenCommand());
        token.addSubcommand(new TokenCreateCommand(surroundings));
        token.addSubcommand(new TokenListCommand(surroundings));
        token.addSubcommand(new TokenRevokeCommand(surroundings));
        return token;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing a token command: create, list or revoke.");
    }
}

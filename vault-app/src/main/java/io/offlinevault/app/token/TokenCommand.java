package io.offlinevault.app.token;

import io.offlinevault.app.cli.Subcommands;
import io.offlinevault.app.cli.Surroundings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code offline-vault token}: the group of the commands that manage the vault's bearer tokens offline. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Creates, lists and revokes the bearer tokens of the vault, as the store's owner.",
            "They run on the data directory, or through a running server's admin routes (/_offline-vault/tokens):"
                + " --server URL (OFFLINE_VAULT_ADDR), or the server that holds the data directory."
        })
public final class TokenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /**
     * {@return the {@code token} command with the subcommands {@code wanted} names, or with all when it names none}
     * See {@link Subcommands}.
     */
    public static CommandLine commandLine(Surroundings surroundings, Predicate<String> wanted) {
        return Subcommands.add(new CommandLine(new TokenCommand()), subcommands(surroundings), wanted);
    }

    /** {@return every subcommand by its name, in the order the help lists them; each built on demand} */
    static Map<String, Supplier<Object>> subcommands(Surroundings surroundings) {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("create", () -> new TokenCreateCommand(surroundings));
        subcommands.put("list", () -> new TokenListCommand(surroundings));
        subcommands.put("revoke", () -> new TokenRevokeCommand(surroundings));
        return subcommands;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw Subcommands.missing(spec, "a");
    }
}

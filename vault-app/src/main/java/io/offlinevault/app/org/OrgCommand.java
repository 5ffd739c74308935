package io.offlinevault.app.org;

import io.offlinevault.app.cli.Subcommands;
import io.offlinevault.app.cli.Surroundings;
import java.util.LinkedHashMap;
import picocli.CommandLine;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    /**
     * {@return the {@code org} command with the subcommands {@code wanted} names, or with all when it names none}
     * See {@link Subcommands}.
     */
    public static CommandLine commandLine(Surroundings surroundings, Predicate<String> wanted) {
        return Subcommands.add(new CommandLine(new OrgCommand()), subcommands(surroundings), wanted);
    }

    /** {@return every subcommand by its name, in the order the help lists them; each built on demand} */
    static Map<String, Supplier<Object>> subcommands(Surroundings surroundings) {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("list", () -> new OrgListCommand(surroundings));
        return subcommands;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw Subcommands.missing(spec, "an");
    }
}

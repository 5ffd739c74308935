package io.offlinevault.app.entry;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Subcommands;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.Violation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code offline-vault entry}: the group of the commands that manage vault entries offline, as the store's owner. */
@Command(name = "entry",
        mixinStandardHelpOptions = true,
        description = {
            "Creates, reads, lists, updates, renames, deletes, reveals and imports vault entries, as the store's owner.",
            "They run on the data directory, or through a running server: --server URL (OFFLINE_VAULT_ADDR), or the"
                + " server that holds the data directory. entry reveal never runs through a server."
        })
public final class EntryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /**
     * {@return the {@code entry} command with the subcommands {@code wanted} names, or with all when it names none}
     * See {@link Subcommands}.
     */
    public static CommandLine commandLine(Surroundings surroundings, Predicate<String> wanted) {
        return Subcommands.add(new CommandLine(new EntryCommand()), subcommands(surroundings), wanted);
    }

    /** {@return every subcommand by its name, in the order the help lists them; each built on demand} */
    static Map<String, Supplier<Object>> subcommands(Surroundings surroundings) {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("create", () -> new EntryCreateCommand(surroundings));
        subcommands.put("get", () -> new EntryGetCommand(surroundings));
        subcommands.put("list", () -> new EntryListCommand(surroundings));
        subcommands.put("update", () -> new EntryUpdateCommand(surroundings));
        subcommands.put("rename", () -> new EntryRenameCommand(surroundings));
        subcommands.put("delete", () -> new EntryDeleteCommand(surroundings));
        subcommands.put("reveal", () -> new EntryRevealCommand(surroundings));
        subcommands.put("import", () -> new EntryImportCommand(surroundings));
        return subcommands;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw Subcommands.missing(spec, "an");
    }

    /**
     * Prints each warning on {@code err} with the command that renames the entry to the key its references spell
     * out, in {@code organization}; the save happened, and the exit code stays the command's own.
     */
    static void warn(PrintWriter err, OrganizationId organization, List<EntryWarning> warnings) {
        for (EntryWarning warning : warnings) {
            err.println("warning: " + warning.message() + " (" + warning.code() + ")");
            err.println("  offline-vault entry rename --org " + organization.value() + " --key " + warning.key().value()
                    + " --to " + warning.expectedKeys().get(0));
        }
        err.flush();
    }

    /** {@return the organization of {@code --org}}, or a usage error that says why not. */
    static OrganizationId organization(CommandSpec spec, String raw) {
        try {
            return OrganizationId.of(raw);
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), "--org '" + raw + "' is not an organization id. "
                    + e.getMessage());
        }
    }

    /** {@return the key of {@code --key}}, or a usage error listing what is wrong with it. */
    static EntryKey key(String raw) {
        List<Violation> violations = EntryKey.check(raw, "key");
        if (!violations.isEmpty()) {
            throw new CommandFailedException(ExitStatus.USAGE, invalid(violations));
        }
        return EntryKey.of(raw);
    }

    /** {@return the violations of an invalid entry as a usage failure: one line each, field, code and message} */
    static CommandFailedException invalid(InvalidEntryException e) {
        return new CommandFailedException(ExitStatus.USAGE, invalid(e.violations()));
    }

    private static String invalid(List<Violation> violations) {
        StringBuilder message = new StringBuilder("The vault entry is invalid (" + violations.size()
                + (violations.size() == 1 ? " rule" : " rules") + " broken):");
        for (Violation violation : violations) {
            message.append(System.lineSeparator()).append("  ").append(line(violation));
        }
        return message.toString();
    }

    /** {@return one violation as {@code field  code  message}} */
    static String line(Violation violation) {
        return violation.field() + "  " + violation.code() + "  " + violation.message();
    }
}

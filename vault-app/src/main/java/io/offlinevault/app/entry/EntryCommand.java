package io.offlinevault.app.entry;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
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
            "These commands open the data directory themselves: while a server serves it, use the HTTP API instead."
        })
public final class EntryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@return the {@code entry} command with its subcommands} */
    public static CommandLine commandLine(Surroundings surroundings) {
        CommandLine entry = new CommandLine(new EntryCommand());
        entry.addSubcommand(new EntryCreateCommand(surroundings));
        entry.addSubcommand(new EntryGetCommand(surroundings));
        entry.addSubcommand(new EntryListCommand(surroundings));
        entry.addSubcommand(new EntryUpdateCommand(surroundings));
        entry.addSubcommand(new EntryRenameCommand(surroundings));
        entry.addSubcommand(new EntryDeleteCommand(surroundings));
        entry.addSubcommand(new EntryRevealCommand(surroundings));
        entry.addSubcommand(new EntryImportCommand(surroundings));
        return entry;
    }

    /** Called without a subcommand: a usage error that says which commands there are. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing an entry command: create, get, list, update, rename, delete, reveal or import.");
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

package io.offlinevault.app.entry;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code offline-vault entry reveal}: the value of a PUBLIC or OBFUSCATED entry, alone on standard output;
 * a STRICT one is refused. The only command that prints a value.
 */
@Command(name = "reveal",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints the value of a PUBLIC or OBFUSCATED entry, alone on standard output.",
            "A STRICT entry is refused (exit 1). This is a guard against mistakes, not a security boundary:"
                + " whoever holds the key file and the data directory can read every value (see the threat"
                + " model in RELIABILITY.md). This is the only command that prints a value."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  API_URL=$(offline-vault entry reveal --org acme --key api-url)"})
final class EntryRevealCommand implements Callable<Integer> {
    /** What reveal says when a server holds the data dir, after the store's message that names its pid. */
    private static final String WHILE_LOCKED = "entry reveal reads the data directory itself and never runs through a"
            + " server (values other than PUBLIC never leave a server over HTTP): stop that server and run this command"
            + " again.";

    @Mixin
    private EntryAddress address;

    @Mixin
    private OfflineCommand command;

    EntryRevealCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings, VaultUse.OPENS);
    }

    /** {@return 0} Prints the value and a line break, nothing else, on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = address.organization();
        EntryKey key = address.key();
        VaultEntry entry = command.withLocalPorts(WHILE_LOCKED, ports -> ports.entries().get(Caller.owner(), org, key));
        boolean revealable = switch (entry.visibility()) {
            case PUBLIC, OBFUSCATED -> true;
            case STRICT -> false;
        };
        if (!revealable) {
            throw new CommandFailedException(ExitStatus.FAILURE, "The entry '" + entry.key().value() + "' in "
                    + address.organization().value() + " is STRICT: its value is never revealed. Only an extension or a snapshot"
                    + " apply uses it; to read it, replace it with a new value of a lower visibility.");
        }
        return command.succeeded(entry.value().reveal());
    }
}

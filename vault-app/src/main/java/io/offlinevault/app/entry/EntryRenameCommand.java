package io.offlinevault.app.entry;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.port.in.SavedEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault entry rename}: one entry under a new key in one commit, its value (a STRICT one too) and
 * everything else kept: the fix for an entry created under a key the snapshot does not reference.
 */
@Command(name = "rename",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Renames a vault entry in one commit, keeping its value, type, visibility, references and scopes: a"
                + " STRICT value never leaves the vault and is never typed again.",
            "The fix for an entry created under a key the snapshot does not reference (snapshot check lists the"
                + " look-alike keys). An unknown key or an existing new key is a failure (exit 1); an invalid new key"
                + " is a usage error (exit 2)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault entry rename --org acme \\",
            "      --key src_iyn07x-configuration.parameters.secretKey.value \\",
            "      --to src_iynO7X-configuration.parameters.secretKey.value",
            "  renamed entry 'src_iyn07x-configuration.parameters.secretKey.value' to",
            "  'src_iynO7X-configuration.parameters.secretKey.value' in acme"
        })
final class EntryRenameCommand implements Callable<Integer> {
    @Mixin
    private EntryAddress address;

    @Option(names = "--to", required = true, paramLabel = "NEW_KEY", description = "The entry's new key.")
    private String newKey;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryRenameCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the entry is renamed} Warns when the new key is not one its references spell out. */
    @Override
    public Integer call() {
        OrganizationId org = address.organization();
        EntryKey entryKey = address.key();
        SavedEntry renamed;
        try {
            renamed = command.withPorts(server, ports -> ports.entries().rename(Caller.owner(), org, entryKey, newKey));
        } catch (InvalidEntryException e) {
            throw EntryCommand.invalid(e);
        }
        EntryCommand.warn(command.err(), org, renamed.warnings());
        return command.succeeded("renamed entry '" + entryKey.value() + "' to '" + renamed.entry().key().value()
                + "' in " + org.value());
    }
}

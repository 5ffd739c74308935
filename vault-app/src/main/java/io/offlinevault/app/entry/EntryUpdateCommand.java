package io.offlinevault.app.entry;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.in.SavedEntry;
import io.offlinevault.domain.error.InvalidEntryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code offline-vault entry update}: changes the given fields of an entry; absent options keep the stored ones. */
@Command(name = "update",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Updates a vault entry with the same rules as the HTTP API's PUT: options not given keep their"
                + " stored values; --reference or --scope replace the whole list.",
            "A more visible --visibility (STRICT to OBFUSCATED or PUBLIC) or another --type needs a new value."
                + " Every broken rule is printed (field, code, message) and the command exits 2. Prints no value."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault entry update --org acme --key my-source-password \\",
            "      --value-file new-password.txt",
            "  offline-vault entry update --org acme --key api-url \\",
            "      --scope EXTENSION:my-extension-id"
        })
final class EntryUpdateCommand implements Callable<Integer> {
    @Mixin
    private EntryAddress address;

    @Mixin
    private EntryFields fields;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryUpdateCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the entry is updated} */
    @Override
    public Integer call() {
        OrganizationId org = address.organization();
        EntryKey entryKey = address.key();
        if (!fields.anyGiven()) {
            throw command.usage("Nothing to update: give a value (--value-file or"
                    + " --value-stdin), --type, --visibility, --reference or --scope.");
        }
        EntryDraft draft = fields.applyTo(EntryDraft.empty(), command.surroundings());
        SavedEntry saved;
        try {
            saved = command.withPorts(server, ports -> ports.entries().replace(Caller.owner(), org, entryKey, draft));
        } catch (InvalidEntryException e) {
            throw EntryCommand.invalid(e);
        }
        VaultEntry updated = saved.entry();
        EntryCommand.warn(command.err(), org, saved.warnings());
        return command.succeeded("updated entry '" + updated.key().value() + "' in " + org.value() + " ("
                + updated.valueType() + ", " + updated.visibility() + ")");
    }
}

package io.offlinevault.app.entry;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code offline-vault entry delete}: deletes one entry; an unknown key exits 1. */
@Command(name = "delete",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Deletes a vault entry. An unknown key is a failure (exit 1)."},
        footerHeading = "%nExamples:%n",
        footer = {"  offline-vault entry delete --org acme --key my-source-password"})
final class EntryDeleteCommand implements Callable<Integer> {
    @Mixin
    private EntryAddress address;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryDeleteCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the entry is deleted} */
    @Override
    public Integer call() {
        OrganizationId org = address.organization();
        EntryKey entryKey = address.key();
        command.runWithPorts(server, ports -> ports.entries().delete(Caller.owner(), org, entryKey));
        return command.succeeded("deleted entry '" + entryKey.value() + "' in " + org.value());
    }
}

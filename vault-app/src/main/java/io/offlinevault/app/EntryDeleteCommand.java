package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code offline-vault entry delete}: deletes one entry; an unknown key exits 1. */
@Command(name = "delete",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Deletes a vault entry. An unknown key is a failure (exit 1)."},
        footerHeading = "%nExamples:%n",
        footer = {"  offline-vault entry delete --org acme --key my-source-password"})
final class EntryDeleteCommand implements Callable<Integer> {
    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EntryAddress address;

    @Mixin
    private StoreOptions storeOptions;

    EntryDeleteCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0 once the entry is deleted} */
    @Override
    public Integer call() {
        OrganizationId org = address.organization(spec);
        EntryKey entryKey = address.key();
        try (OfflineVault vault = OfflineVault.open(storeOptions, surroundings, EntryCommand.WHILE_LOCKED)) {
            vault.ports().entries().delete(Caller.owner(), org, entryKey);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("deleted entry '" + entryKey.value() + "' in " + org.value());
        out.flush();
        return ExitStatus.OK.code();
    }
}

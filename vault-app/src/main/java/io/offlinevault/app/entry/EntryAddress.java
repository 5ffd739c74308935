package io.offlinevault.app.entry;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --org} and {@code --key} that name one vault entry, shared by the entry commands. */
final class EntryAddress {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The entry's organization.")
    private String organization;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The entry's key.")
    private String key;

    /** {@return the organization}, or a usage error that says why {@code --org} is not one */
    OrganizationId organization() {
        return EntryCommand.organization(command, organization);
    }

    /** {@return the key}, or a usage error listing what is wrong with {@code --key} */
    EntryKey key() {
        return EntryCommand.key(key);
    }
}

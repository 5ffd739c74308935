package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EntryAddress address;

    @Mixin
    private StoreOptions storeOptions;

    EntryRevealCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0} Prints the value and a line break, nothing else, on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = address.organization(spec);
        EntryKey entryKey = address.key();
        VaultEntry entry;
        try (OfflineVault vault = OfflineVault.open(storeOptions, surroundings, EntryCommand.WHILE_LOCKED)) {
            entry = vault.ports().entries().get(Caller.owner(), org, entryKey);
        }
        boolean revealable = switch (entry.visibility()) {
            case PUBLIC, OBFUSCATED -> true;
            case STRICT -> false;
        };
        if (!revealable) {
            throw new CommandFailedException(ExitStatus.FAILURE, "The entry '" + entryKey.value() + "' in "
                    + org.value() + " is STRICT: its value is never revealed. Only an extension or a snapshot"
                    + " apply uses it; to read it, replace it with a new value of a lower visibility.");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(entry.value().reveal());
        out.flush();
        return ExitStatus.OK.code();
    }
}

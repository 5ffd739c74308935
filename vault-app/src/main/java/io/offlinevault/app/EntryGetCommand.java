package io.offlinevault.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.http.codec.EntryJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code offline-vault entry get}: one entry in the API's wire JSON, with a value only when it is PUBLIC. */
@Command(name = "get",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints one vault entry as the HTTP API returns it (JSON on one line).",
            "The value is included only for a PUBLIC entry, as over HTTP; use entry reveal for an OBFUSCATED one."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault entry get --org acme --key my-source-password",
            "  {\"organizationId\":\"acme\",\"key\":\"my-source-password\",\"valueType\":\"STRING\",...}"
        })
final class EntryGetCommand implements Callable<Integer> {
    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EntryAddress address;

    @Mixin
    private StoreOptions storeOptions;

    EntryGetCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0} Prints the entry's wire JSON on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = address.organization(spec);
        EntryKey entryKey = address.key();
        VaultEntry entry;
        try (OfflineVault vault = OfflineVault.open(storeOptions, surroundings, EntryCommand.WHILE_LOCKED)) {
            entry = vault.ports().entries().get(Caller.owner(), org, entryKey);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(new String(WireJson.write(EntryJson.of(org, entry)), UTF_8));
        out.flush();
        return ExitStatus.OK.code();
    }
}

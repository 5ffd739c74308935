package io.offlinevault.app.entry;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.http.codec.EntryJson;
import io.offlinevault.http.codec.WireJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    @Mixin
    private EntryAddress address;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryGetCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0} Prints the entry's wire JSON on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = address.organization();
        EntryKey key = address.key();
        VaultEntry entry = command.withPorts(server, ports -> ports.entries().get(Caller.owner(), org, key));
        return command.succeeded(new String(WireJson.write(EntryJson.of(address.organization(), entry)), UTF_8));
    }
}

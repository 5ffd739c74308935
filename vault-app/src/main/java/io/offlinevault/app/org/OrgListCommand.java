package io.offlinevault.app.org;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code offline-vault org list}: one organization id per line, sorted, as GET /rest/organizations lists them. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists the organizations that hold entries or snapshots or that a token names, sorted, one per line;"
                + " -o json prints GET /rest/organizations's answer. Through a server, those its token may see."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault org list",
            "  offline-vault org list -o json"
        })
final class OrgListCommand implements Callable<Integer> {
    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    OrgListCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0} Prints the organizations on standard output. */
    @Override
    public Integer call() {
        List<OrganizationId> organizations = command.withPorts(server,
                ports -> ports.platform().organizations(Caller.owner()));
        PrintWriter out = command.out();
        if (output.json()) {
            out.println(new String(WireJson.write(organizations.stream().map(organization -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", organization.value());
                json.put("displayName", organization.value());
                return json;
            }).toList()), UTF_8));
        } else {
            organizations.forEach(organization -> out.println(organization.value()));
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}

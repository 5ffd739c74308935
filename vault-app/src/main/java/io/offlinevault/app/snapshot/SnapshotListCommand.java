package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.IsoDate;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Table;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.http.codec.SnapshotJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline-vault snapshot list}: an organization's snapshots, newest first. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists an organization's registered snapshots, newest first: id, creation date, resources, note.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault snapshot list --org acme",
            "  offline-vault snapshot list --org acme -o json"
        })
final class SnapshotListCommand implements Callable<Integer> {
    private static final List<String> HEADINGS = List.of("ID", "CREATED", "RESOURCES", "NOTE");

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The organization.")
    private String organization;

    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    SnapshotListCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0} Prints the snapshots on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        List<Snapshot> snapshots = command.withPorts(server, ports -> ports.snapshots().list(Caller.owner(), org));
        PrintWriter out = command.out();
        if (output.json()) {
            out.println(new String(WireJson.write(snapshots.stream().map(SnapshotJson::of).toList()), UTF_8));
        } else if (snapshots.isEmpty()) {
            out.println("no snapshots in " + org.value());
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADINGS);
            for (Snapshot snapshot : snapshots) {
                rows.add(List.of(snapshot.id(), IsoDate.of(snapshot.createdDate()),
                        Integer.toString(snapshot.contentSummary().values().stream().mapToInt(Integer::intValue).sum()),
                        snapshot.developerNote()));
            }
            Table.print(out, rows);
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}

package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.IsoDate;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.http.codec.SnapshotJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline-vault snapshot get}: one snapshot, with its reports. */
@Command(name = "get",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows one snapshot: its id, creation date, note, resources per type and each report (dry run or apply)"
                + " with its result; -o json prints the HTTP API's snapshot model.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault snapshot get --org acme \\",
            "      --snapshot acme-01JD3X0Q8M6V4W1N7T2R5K9H3B",
            "  offline-vault snapshot get --snapshot \"$ID\" --org acme -o json"
        })
final class SnapshotGetCommand implements Callable<Integer> {
    @Option(names = "--snapshot", required = true, paramLabel = "ID", description = "The snapshot's id.")
    private String snapshotId;

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The snapshot's organization.")
    private String organization;

    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    SnapshotGetCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0} Prints the snapshot on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        Snapshot snapshot = command.withPorts(server, ports -> ports.snapshots().get(Caller.owner(), org,
                snapshotId));
        PrintWriter out = command.out();
        if (output.json()) {
            out.println(new String(WireJson.write(SnapshotJson.of(snapshot)), UTF_8));
        } else {
            out.println("snapshot " + snapshot.id() + " in " + org.value() + ", created "
                    + IsoDate.of(snapshot.createdDate()) + " by " + snapshot.createdBy()
                    + (snapshot.developerNote().isEmpty() ? "" : ": " + snapshot.developerNote()));
            snapshot.contentSummary().forEach((type, count) -> out.println("  " + type.name() + ": " + count));
            for (SnapshotReport report : snapshot.reports()) {
                out.println("  " + report.type() + " report " + report.id() + ": " + report.resultCode() + " ("
                        + IsoDate.of(report.updatedDate()) + ")");
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}

package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline-vault snapshot delete}: removes one registered snapshot and its reports. */
@Command(name = "delete",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Deletes a registered snapshot and its reports; the resources it applied stay.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  offline-vault snapshot delete --org acme \\",
            "      --snapshot acme-01JD3X0Q8M6V4W1N7T2R5K9H3B"
        })
final class SnapshotDeleteCommand implements Callable<Integer> {
    @Option(names = "--snapshot", required = true, paramLabel = "ID", description = "The snapshot's id.")
    private String snapshotId;

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The snapshot's organization.")
    private String organization;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    SnapshotDeleteCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the snapshot is deleted} */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        command.runWithPorts(server, ports -> ports.snapshots().delete(Caller.owner(), org, snapshotId));
        return command.succeeded("deleted snapshot " + snapshotId + " in " + org.value());
    }
}

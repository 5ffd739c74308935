package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offline-vault snapshot register}: stores a snapshot file in an organization and prints its id alone. */
@Command(name = "register",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Registers a snapshot file (JSON or ZIP) in an organization, as the snapshot upload of the HTTP API"
                + " does, and prints the new snapshot's id alone on standard output. Progress (reading, uploading to a"
                + " server) goes to standard error when it is the console, never to a pipe or a file.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ID=$(offline-vault snapshot register -f snapshot.json --org acme \\",
            "      --note 'from staging')",
            "  offline-vault snapshot apply --snapshot \"$ID\" --org acme --dry-run"
        })
final class SnapshotRegisterCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Mixin
    private SnapshotFile file;

    @Option(names = "--org", required = true, paramLabel = "ORG",
            description = "The organization the snapshot is registered in.")
    private String organization;

    @Option(names = "--note", paramLabel = "TEXT", description = "The snapshot's developer note.")
    private String note;

    SnapshotRegisterCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the snapshot is stored} Prints its id, and only its id, on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        SnapshotContent content = file.content(SnapshotCommand.progress(command.surroundings(), command.err()));
        Snapshot snapshot = command.withPorts(server, ports -> ports.snapshots().register(Caller.owner(), org, content, note == null ? "" : note));
        return command.succeeded(snapshot.id());
    }
}

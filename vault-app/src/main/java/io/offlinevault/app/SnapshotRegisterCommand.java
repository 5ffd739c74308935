package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offline-vault snapshot register}: stores a snapshot file in an organization and prints its id alone. */
@Command(name = "register",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Registers a snapshot file (JSON or ZIP) in an organization, as the snapshot upload of the HTTP API"
                + " does, and prints the new snapshot's id alone on standard output.",
            "Runs offline: stop a server that serves the data directory first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ID=$(offline-vault snapshot register snapshot.json --org acme --note 'from staging')",
            "  offline-vault snapshot apply \"$ID\" --org acme --dry-run"
        })
final class SnapshotRegisterCommand implements Callable<Integer> {
    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file: a JSON content document or a ZIP.")
    private Path file;

    @Option(names = "--org", required = true, paramLabel = "ORG",
            description = "The organization the snapshot is registered in.")
    private String organization;

    @Option(names = "--note", paramLabel = "TEXT", description = "The snapshot's developer note.")
    private String note;

    SnapshotRegisterCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0 once the snapshot is stored} Prints its id, and only its id, on standard output. */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(spec, organization, "--org");
        SnapshotContent content = SnapshotCommand.read(file);
        Snapshot snapshot;
        try (OfflineVault vault = OfflineVault.open(storeOptions, surroundings, SnapshotCommand.WHILE_LOCKED)) {
            snapshot = vault.ports().snapshots()
                    .register(Caller.owner(), org, content, note == null ? "" : note);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(snapshot.id());
        out.flush();
        return ExitStatus.OK.code();
    }
}

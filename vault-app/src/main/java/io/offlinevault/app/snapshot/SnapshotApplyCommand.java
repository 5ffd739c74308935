package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.Counted;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Exits;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.SnapshotIdOption;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.DeletionScope;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ResourceOperations;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.VaultReference;
import io.offlinevault.http.codec.SnapshotJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault snapshot apply}: applies a registered snapshot to its organization (or only computes
 * what it would do, with {@code --dry-run}) and prints a summary of the report; exit 3 when resources are in
 * error, such as a placeholder whose vault entry is missing.
 */
@Exits(ExitStatus.MISSING_ENTRIES)
@Command(name = "apply",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Applies a registered snapshot to its organization and prints a summary of the report: its result code,"
                + " the counters per resource type and, for each INVALID_PLACEHOLDER, the missing key and where"
                + " it is used. Exits 3 when the report is RESOURCES_IN_ERROR: then nothing was applied.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault snapshot apply --org acme \\",
            "      --snapshot acme-01JD3X0Q8M6V4W1N7T2R5K9H3B --dry-run",
            "  offline-vault snapshot apply --org acme \\",
            "      --snapshot acme-01JD3X0Q8M6V4W1N7T2R5K9H3B --delete-missing"
        })
final class SnapshotApplyCommand implements Callable<Integer> {
    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Mixin
    private SnapshotIdOption snapshot;

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The snapshot's organization.")
    private String organization;

    @Option(names = "--delete-missing", description = {
        "Also delete the applied resources the snapshot lacks, among the resource types the snapshot names."})
    private boolean deleteMissing;

    @Option(names = "--dry-run", description = "Only compute and record what applying would do (a DRY_RUN report).")
    private boolean dryRun;

    SnapshotApplyCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 when the report is SUCCESS, 3 when resources are in error} */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        DeletionOptions options = deleteMissing ? DeletionOptions.deleteMissing(DeletionScope.ONLY_TYPES_FROM_SNAPSHOT)
                : DeletionOptions.keepMissing();
        String snapshotId = snapshot.required();
        SnapshotReport report = command.withPorts(server, ports -> dryRun
                ? ports.snapshots().dryRun(Caller.owner(), org, snapshotId, options)
                : ports.snapshots().apply(Caller.owner(), org, snapshotId, options));
        PrintWriter out = command.out();
        if (output.json()) {
            out.println(new String(WireJson.write(SnapshotJson.report(report)), UTF_8));
        } else {
            print(out, report);
        }
        out.flush();
        return report.resultCode().equals("RESOURCES_IN_ERROR") ? ExitStatus.MISSING_ENTRIES.code()
                : ExitStatus.OK.code();
    }

    private static void print(PrintWriter out, SnapshotReport report) {
        out.println(report.type() + " report " + report.id() + ": " + report.resultCode() + " ("
                + Counted.of(report.resourcesProcessed(), "resource") + " processed)");
        for (Map.Entry<ResourceType, ResourceOperations> operations : report.resourceOperations().entrySet()) {
            ResourceOperations counts = operations.getValue();
            out.println("  " + operations.getKey().name() + ": created " + counts.createdNames().size()
                    + ", updated " + counts.updatedNames().size() + ", recreated " + counts.recreatedNames().size()
                    + ", deleted " + counts.deletedNames().size() + ", in error " + counts.inErrorNames().size()
                    + ", unchanged " + counts.unchangedNames().size());
        }
        report.resourceOperationResults().forEach((type, byName) -> byName.forEach((name, results) -> {
            for (OperationResult result : results) {
                out.println("  " + result.resultCode() + " " + type.name() + "/" + name + describe(result));
            }
        }));
        if (report.resultCode().equals("RESOURCES_IN_ERROR")) {
            out.println("Nothing was applied: create the missing entries (offline-vault snapshot template), then"
                    + " apply again.");
        }
    }

    private static String describe(OperationResult result) {
        if (result.reference().isEmpty()) {
            return ": " + result.message();
        }
        VaultReference reference = result.reference().get();
        List<String> similar = result.similarKeys().orElse(List.of());
        return ": missing key " + SnapshotCommand.shown(reference.key()) + " at " + reference.jsonPath().value()
                + (similar.isEmpty() ? "" : " (similar: " + String.join(", ", similar) + ")")
                + result.keyViolation().map(code -> " (keyViolation " + code + ": no entry can have this key; change"
                        + " the placeholder in the snapshot)").orElse("");
    }
}

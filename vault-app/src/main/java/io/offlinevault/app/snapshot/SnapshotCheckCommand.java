package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.Counted;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Exits;
import io.offlinevault.app.cli.JsonText;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Table;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.ReferenceLocation;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.VaultReference;
import io.offlinevault.http.codec.SnapshotJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault snapshot check}: lists the vault entries a snapshot file references and whether the
 * organization has them; exit 3 when any is missing, so that a CI job can gate a migration on it.
 */
@Exits(ExitStatus.MISSING_ENTRIES)
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists every {{ VAULT.<key> }} placeholder of a snapshot file with its resource, JSON path and whether"
                + " the organization's vault has the key; exits 3 when any key is missing.",
            "The file is JSON or ZIP, read with the same reader and limits as the snapshot upload of the HTTP API."
                + " For a missing key, the existing keys that look like it (case, 0/o, 1/l/i, 5/s, 8/b) are shown.",
            "A placeholder whose key breaks the key rules (a no-break space, a reserved word, ...) is MISSING: no"
                + " entry can ever have that key, so the snapshot must change; the rule it breaks is shown.",
            "Values are never printed. Progress (reading, checking, uploading to a server) goes to standard error"
                + " when it is the console, never to a pipe or a file.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault snapshot check -f snapshot.json --org acme",
            "  offline-vault snapshot check -f export.zip --org acme -o json > check.json",
            "  offline-vault snapshot check -f snapshot.json --org acme ||",
            "      offline-vault snapshot template -f snapshot.json --org acme \\",
            "      --output missing.json"
        })
final class SnapshotCheckCommand implements Callable<Integer> {
    private static final List<String> HEADINGS = List.of("STATUS", "KEY", "RESOURCE", "JSON PATH");

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Mixin
    private SnapshotFile file;

    @Option(names = "--org", required = true, paramLabel = "ORG",
            description = "The organization whose vault entries the snapshot will use.")
    private String organization;

    @Mixin
    private OutputFormat output;

    SnapshotCheckCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 when nothing is missing, 3 when entries are missing} */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        PrintWriter out = command.out();
        PrintWriter progress = SnapshotCommand.progress(command.surroundings(), command.err());
        SnapshotContent content = file.content(progress);
        SnapshotCheck check = command.withPorts(server, ports -> ports.checks().check(
                Caller.owner(), org, content, SnapshotCommand.checkProgress(progress, org)));
        if (output.json()) {
            out.println(JsonText.pretty(SnapshotJson.check(check)));
        } else {
            print(out, check);
        }
        out.flush();
        return check.missing().isEmpty() ? ExitStatus.OK.code() : ExitStatus.MISSING_ENTRIES.code();
    }

    private static void print(PrintWriter out, SnapshotCheck check) {
        int keys = (int) check.references().stream().map(VaultReference::key).distinct().count();
        if (check.references().isEmpty()) {
            out.println("The snapshot references no vault entry.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (VaultReference reference : check.references()) {
            rows.add(List.of(check.found(reference.key()) ? "found" : "MISSING", SnapshotCommand.shown(reference.key()),
                    reference.resourceType().name() + "/" + reference.resourceName(),
                    (reference.in() == ReferenceLocation.PARENTS ? "parents: " : "") + reference.jsonPath().value()));
        }
        Table.print(out, rows);
        List<ReferencedKey> missing = check.missing();
        for (ReferencedKey key : missing) {
            List<String> similar = check.similarTo(key);
            if (!similar.isEmpty()) {
                out.println("similar to the missing " + key.value() + ": " + String.join(", ", similar));
            }
            SnapshotCommand.impossible(key).ifPresent(out::println);
        }
        if (missing.isEmpty()) {
            out.println((keys == 1 ? "The one referenced key exists" : "All " + keys + " referenced keys exist")
                    + " in " + check.organization().value() + ".");
        } else {
            out.println(missing.size() + " of " + Counted.of(keys, "referenced key")
                    + (missing.size() == 1 ? " is" : " are") + " missing in "
                    + check.organization().value() + ": create " + (missing.size() == 1 ? "it" : "them")
                    + " (offline-vault snapshot template writes skeletons), or fetch " + (missing.size() == 1 ? "it"
                    : "them") + " from the origin organization.");
        }
    }
}

package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.snapshot.ReferencedKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault fetch}: copies the vault entries that a snapshot of the destination organization
 * references from the origin organization, in one commit, as the API's fetch route does.
 */
@Command(name = "fetch",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copies the vault entries that a snapshot registered in the destination organization references from"
                + " the origin organization, in one commit; values are copied, never printed.",
            "Strategies: ALL_OR_NOTHING copies every missing key, or nothing when one is missing from the origin"
                + " too (exit 1 naming those keys); ONLY_MISSING copies the missing keys the origin has;"
                + " OVERWRITE copies every key the origin has, replacing the destination's values.",
            "Prints the keys copied, overwritten, skipped and missing in the origin. A placeholder whose key breaks"
                + " the key rules (a no-break space, a reserved word, ...) is never copied: it is missing in the"
                + " origin, and a conflict for ALL_OR_NOTHING; the rule it breaks is named.",
            "Runs offline: stop a server that serves the data directory first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault fetch --from staging --to acme \\",
            "      --snapshot acme-01JD3X0Q8M6V4W1N7T2R5K9H3B --dry-run",
            "  offline-vault fetch --from staging --to acme \\",
            "      --snapshot acme-01JD3X0Q8M6V4W1N7T2R5K9H3B --strategy ONLY_MISSING"
        })
public final class FetchCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Option(names = "--from", required = true, paramLabel = "ORG", description = "The origin organization.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "ORG",
            description = "The destination organization, where the snapshot is registered.")
    private String to;

    @Option(names = "--snapshot", required = true, paramLabel = "ID", description = "The snapshot's id in --to.")
    private String snapshotId;

    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "ALL_OR_NOTHING", description = {
        "ALL_OR_NOTHING, ONLY_MISSING or OVERWRITE (any case). Default: ${DEFAULT-VALUE}."})
    private FetchStrategy strategy;

    @Option(names = "--dry-run", description = "Only say what would be copied; write nothing.")
    private boolean dryRun;

    public FetchCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once copied} A conflict of {@code ALL_OR_NOTHING} exits 1 and names the keys. */
    @Override
    public Integer call() {
        OrganizationId source = SnapshotCommand.organization(command.spec(), from, "--from");
        OrganizationId destination = SnapshotCommand.organization(command.spec(), to, "--to");
        FetchResult result;
        try {
            result = command.withPorts(server, ports -> ports.entries().fetch(Caller.owner(),
                    destination, new FetchRequest(source, snapshotId, strategy, dryRun)));
        } catch (FetchConflictException e) {
            List<ReferencedKey> conflicts = e.keys().stream().map(ReferencedKey::of).toList();
            throw new CommandFailedException(ExitStatus.FAILURE, e.getMessage() + System.lineSeparator()
                    + "missing from both organizations: " + shown(conflicts) + System.lineSeparator()
                    + impossible(conflicts)
                    + "Create them in " + destination.value() + ": offline-vault snapshot template --org "
                    + destination.value() + " writes their skeletons for offline-vault entry import, or offline-vault"
                    + " entry create one by one; then fetch again. --strategy ONLY_MISSING copies the others now.");
        }
        PrintWriter out = command.out();
        if (dryRun) {
            out.println("dry run: nothing was written");
        }
        print(out, dryRun ? "would copy" : "copied", names(result.copied()));
        print(out, dryRun ? "would overwrite" : "overwritten", names(result.overwritten()));
        print(out, "skipped, already in " + destination.value(), names(result.skipped()));
        out.println("skipped, not in " + source.value() + " (" + result.missingInSource().size() + ")"
                + (result.missingInSource().isEmpty() ? "" : ": " + shown(result.missingInSource())));
        out.print(impossible(result.missingInSource()));
        out.flush();
        if (result.sourceEmpty()) {
            PrintWriter err = command.err();
            err.println("warning: " + source.value() + " holds no vault entry at all: wrong organization id?");
            err.flush();
        }
        return ExitStatus.OK.code();
    }

    private static void print(PrintWriter out, String label, List<String> keys) {
        out.println(label + " (" + keys.size() + ")" + (keys.isEmpty() ? "" : ": " + String.join(", ", keys)));
    }

    private static List<String> names(List<EntryKey> keys) {
        return keys.stream().map(EntryKey::value).toList();
    }

    private static String shown(List<ReferencedKey> keys) {
        return keys.stream().map(SnapshotCommand::shown).collect(Collectors.joining(", "));
    }

    // One line per key that can never be an entry key: no strategy and no entry create can supply it.
    private static String impossible(List<ReferencedKey> keys) {
        return keys.stream().map(SnapshotCommand::impossible).flatMap(Optional::stream)
                .map(line -> line + System.lineSeparator()).collect(Collectors.joining());
    }
}

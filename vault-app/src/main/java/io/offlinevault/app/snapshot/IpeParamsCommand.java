package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Exits;
import io.offlinevault.app.cli.JsonText;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code offline-vault ipe-params}: the {@code vault_parameters} dictionary that an indexing pipeline
 * extension receives, printed with STRICT values redacted, or given whole to a local test command on its
 * standard input.
 */
@Exits(child = "CMD")
@Command(name = "ipe-params",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows the vault_parameters dictionary an indexing pipeline extension receives: the organization's"
                + " entries whose scopes name the extension (resourceType EXTENSION and its id), as a JSON object"
                + " key -> value, sorted by key.",
            "Printed, STRICT values are redacted as \"" + IpeParamsCommand.REDACTED + "\"; PUBLIC and OBFUSCATED"
                + " values are printed.",
            "With --run -- CMD ARGS..., runs CMD with the FULL dictionary, STRICT values included, as JSON on its"
                + " standard input: the child receives STRICT values. The dictionary is never printed, written to a"
                + " file, put in the environment or in the arguments. CMD inherits standard output and error, and"
                + " this command exits with CMD's exit code.",
            "Runs on the data directory only, never through a server: stop a server that serves it first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault ipe-params --org acme --extension pim_enrichment_T4xW9q",
            "  offline-vault ipe-params --org acme --extension pim_enrichment_T4xW9q \\",
            "      --run -- python3 test_extension.py   # reads json.load(sys.stdin)"
        })
public final class IpeParamsCommand implements Callable<Integer> {
    /** What replaces a STRICT value in the printed dictionary. */
    static final String REDACTED = "<strict: redacted>";

    /** What ipe-params says when a server holds the data dir, after the store's message that names its pid. */
    private static final String WHILE_LOCKED = "ipe-params reads the data directory itself and never runs through a"
            + " server (values other than PUBLIC never leave a server over HTTP): stop that server and run this command"
            + " again.";

    @Mixin
    private OfflineCommand offline;

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The extension's organization.")
    private String organization;

    @Option(names = "--extension", required = true, paramLabel = "ID",
            description = "The extension's id, as the entries' scopes name it (resourceType EXTENSION).")
    private String extension;

    @Option(names = "--run", description = {
        "Run the command after -- with the full dictionary (STRICT values included) on its standard input."})
    private boolean run;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command to run with --run, after --.")
    private List<String> command = new ArrayList<>();

    public IpeParamsCommand(Surroundings surroundings) {
        this.offline = new OfflineCommand(surroundings, VaultUse.OPENS);
    }

    /** {@return 0 once printed; with {@code --run}, the child's exit code} */
    @Override
    public Integer call() throws InterruptedException {
        OrganizationId org = SnapshotCommand.organization(offline.spec(), organization, "--org");
        if (run && command.isEmpty()) {
            throw offline.usage("--run needs a command after --, such as"
                    + " --run -- python3 test_extension.py");
        }
        if (!run && !command.isEmpty()) {
            throw offline.usage("A command to run is given without --run: add --run"
                    + " before --, or leave the command out to print the dictionary.");
        }
        if (extension.isEmpty()) {
            throw offline.usage("--extension must not be empty.");
        }
        List<VaultEntry> entries = offline.withLocalPorts(WHILE_LOCKED, ports -> ports.scopedEntries()
                .scopedTo(Caller.owner(), org, new Scope(extension, ResourceType.EXTENSION)));
        if (run) {
            return runWith(entries);
        }
        Map<String, Object> printed = new LinkedHashMap<>();
        for (VaultEntry entry : entries) {
            printed.put(entry.key().value(), entry.visibility() == Visibility.STRICT ? REDACTED : entry.value().reveal());
        }
        PrintWriter out = offline.out();
        out.println(JsonText.pretty(printed));
        out.flush();
        PrintWriter err = offline.err();
        err.println(entries.size() + " entries of " + org.value() + " are scoped to the extension " + extension);
        err.flush();
        return ExitStatus.OK.code();
    }

    /**
     * Removes from a child's {@code environment} every variable that may hold a token of this command line
     * ({@code OFFLINE_VAULT_*TOKEN*}): the extension under test gets its parameters, never the caller's access.
     */
    static void withoutTokens(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("OFFLINE_VAULT_") && name.contains("TOKEN"));
    }

    private int runWith(List<VaultEntry> entries) throws InterruptedException {
        Map<String, Object> dictionary = new TreeMap<>();
        for (VaultEntry entry : entries) {
            dictionary.put(entry.key().value(), entry.value().reveal());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        withoutTokens(builder.environment());
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new CommandFailedException(ExitStatus.FAILURE, "Could not start " + command.get(0) + " ("
                    + e.getClass().getSimpleName() + "): check that it exists and is executable.");
        }
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write(WireJson.write(dictionary));
        } catch (IOException e) {
            // The child closed its standard input without reading it all: its exit code says how it went.
        }
        return child.waitFor();
    }
}

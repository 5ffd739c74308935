package io.offlinevault.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offline-vault ipe-params}: the {@code vault_parameters} dictionary that an indexing pipeline
 * extension receives, printed with STRICT values redacted, or given whole to a local test command on its
 * standard input.
 */
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
            "Runs offline: stop a server that serves the data directory first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault ipe-params --org acme --extension pim_enrichment_T4xW9q",
            "  offline-vault ipe-params --org acme --extension pim_enrichment_T4xW9q \\",
            "      --run -- python3 test_extension.py   # reads json.load(sys.stdin)"
        })
final class IpeParamsCommand implements Callable<Integer> {
    /** What replaces a STRICT value in the printed dictionary. */
    static final String REDACTED = "<strict: redacted>";

    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

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

    IpeParamsCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0 once printed; with {@code --run}, the child's exit code} */
    @Override
    public Integer call() throws InterruptedException {
        OrganizationId org = SnapshotCommand.organization(spec, organization, "--org");
        if (run && command.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--run needs a command after --, such as"
                    + " --run -- python3 test_extension.py");
        }
        if (!run && !command.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "A command to run is given without --run: add --run"
                    + " before --, or leave the command out to print the dictionary.");
        }
        if (extension.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--extension must not be empty.");
        }
        List<VaultEntry> entries;
        try (OfflineVault vault = OfflineVault.open(storeOptions, surroundings, SnapshotCommand.WHILE_LOCKED)) {
            entries = vault.ports().scopedEntries().scopedTo(Caller.owner(), org,
                    new Scope(extension, ResourceType.EXTENSION));
        }
        if (run) {
            return runWith(entries);
        }
        Map<String, Object> printed = new LinkedHashMap<>();
        for (VaultEntry entry : entries) {
            printed.put(entry.key().value(), entry.visibility() == Visibility.STRICT ? REDACTED : entry.value().reveal());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(JsonText.pretty(printed));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(entries.size() + " entries of " + org.value() + " are scoped to the extension " + extension);
        err.flush();
        return ExitStatus.OK.code();
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

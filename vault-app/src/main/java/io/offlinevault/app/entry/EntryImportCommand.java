package io.offlinevault.app.entry;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.Counted;
import io.offlinevault.app.cli.BoundedFile;
import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.InputFile;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFormat;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.ItemViolation;
import io.offlinevault.http.codec.EntryJson;
import io.offlinevault.http.codec.WireJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault entry import}: many entries from a JSON array in one commit, every item validated
 * first; nothing is written when any item is invalid or, without {@code --update}, already exists.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates (and with --update, updates) many entries in one commit from -f FILE: a JSON array of entries"
                + " in the HTTP API's shape, such as the file snapshot template writes once its values are filled in.",
            "Every item is validated first with the API's rules; every broken rule of every item is printed"
                + " (item index from 0, field, code, message) and nothing is written (exit 2). A key that already"
                + " exists is a conflict (exit 1, nothing written) unless --update is given; then the fields an"
                + " item leaves out keep their stored values. Progress (entries checked, the upload to a server)"
                + " goes to standard error when it is the console, never to a pipe or a file. Prints no value."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault entry import -f entries.json --org acme",
            "  offline-vault entry import -f entries.json --org acme --update",
            "  where entries.json holds a JSON array of POST /vaultentries bodies:",
            "  [{\"key\": \"my-source-password\", \"value\": \"...\",",
            "    \"vaultVisibilityType\": \"STRICT\"}]"
        })
final class EntryImportCommand implements Callable<Integer> {
    /** The largest import file. */
    static final int MAX_FILE = 64 * 1024 * 1024;
    private static final int PROGRESS_EVERY = 1000;

    @Mixin
    private InputFile input = InputFile.orArgument();

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The entries' organization.")
    private String organization;

    @Option(names = "--update", description = "Updates entries whose key exists instead of refusing them.")
    private boolean update;

    @Mixin
    private OutputFormat output;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryImportCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once every entry is committed} */
    @Override
    public Integer call() {
        OrganizationId org = EntryCommand.organization(command.spec(), organization);
        String file = input.required();
        List<Map<String, Object>> items = items(WireJson.read(BoundedFile.read(file, "-f", MAX_FILE),
                MAX_FILE, "the file " + file), file);
        Optional<PrintWriter> progress = command.surroundings().progress(command.err());
        List<EntryDraft> drafts = items.stream().map(EntryDraft::of).toList();
        ImportMode mode = update ? ImportMode.UPSERT : ImportMode.CREATE_ONLY;
        ImportResult result;
        try {
            result = command.withPorts(server, ports -> ports.imports().importEntries(Caller.owner(),
                    org, drafts, mode, progress.<EntryImports.Progress>map(ImportProgress::new)
                            .orElse(EntryImports.Progress.NONE)));
        } catch (InvalidEntryException e) {
            List<ItemViolation> violations = e.violations().stream().map(ItemViolation::of).toList();
            long invalidItems = violations.stream().mapToInt(ItemViolation::item).distinct().count();
            boolean blankValues = violations.stream().anyMatch(v -> v.violation().code().equals("value.blank")
                    || v.violation().code().equals("value.required"));
            throw new CommandFailedException(ExitStatus.USAGE, "Nothing was imported: " + invalidItems + " of "
                    + Counted.of(items.size(), "item") + " in " + file + (invalidItems == 1 ? " is" : " are")
                    + " invalid (" + Counted.of(violations.size(), "rule") + " broken):" + System.lineSeparator()
                    + "  " + String.join(System.lineSeparator() + "  ", violations.stream()
                    .map(v -> "item " + v.item() + keyOf(items, v.item()) + ": " + EntryCommand.line(v.violation()))
                    .toList())
                    + (blankValues ? System.lineSeparator() + "Fill in the values that offline-vault snapshot template"
                    + " left empty, then import again." : ""));
        } catch (AlreadyExistsException e) {
            List<String> conflicts = e.keys();
            throw new CommandFailedException(ExitStatus.FAILURE, "Nothing was imported: " + conflicts.size()
                    + (conflicts.size() == 1 ? " key already exists" : " keys already exist") + " in "
                    + org.value() + ": " + String.join(", ", conflicts)
                    + System.lineSeparator() + "Give --update to update them (absent fields keep their values).");
        }
        EntryCommand.warn(command.err(), org, result.warnings());
        if (output.json()) {
            return command.succeeded(new String(WireJson.write(EntryJson.imported(result)), UTF_8));
        }
        return command.succeeded("imported " + Counted.of(items.size(), "entry", "entries") + " into " + org.value()
                + " ("
                + result.created() + " created, " + result.updated() + " updated) in one commit");
    }

    // " (key 'K')" when item i names its key as a string: what the person looks for in the file.
    private static String keyOf(List<Map<String, Object>> items, int item) {
        Object key = item >= 0 && item < items.size() ? items.get(item).get("key") : null;
        return key instanceof String named && !named.isBlank() ? " (key '" + named + "')" : "";
    }

    /** Shows a long import's steps on the terminal: every thousandth item checked, then the commit. */
    private record ImportProgress(PrintWriter err) implements EntryImports.Progress {
        @Override
        public void checked(int checked, int total) {
            if (checked % PROGRESS_EVERY == 0) {
                err.println("checked " + checked + " of " + total + " entries");
                err.flush();
            }
        }

        @Override
        public void committing(int items) {
            err.println("writing " + items + " entries in one commit");
            err.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Object json, String file) {
        if (!(json instanceof List<?> list)) {
            throw new CommandFailedException(ExitStatus.USAGE, "The file " + file
                    + " must hold a JSON array of entries.");
        }
        List<String> notObjects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                notObjects.add("item " + i + ": must be a JSON object");
            }
        }
        if (!notObjects.isEmpty()) {
            throw new CommandFailedException(ExitStatus.USAGE, "Nothing was imported: " + file + " has items that are"
                    + " not entries:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ",
                    notObjects));
        }
        return (List<Map<String, Object>>) list;
    }
}

package io.offlinevault.app.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.offlinevault.app.cli.Counted;
import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Exits;
import io.offlinevault.app.cli.JsonText;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OutputFile;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.VaultReference;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offline-vault snapshot template}: writes a JSON array with one entry skeleton per key that a
 * snapshot file references and the organization lacks, in the shape {@code entry import} reads once the
 * values are filled in. A referenced key that can never be an entry key gets no skeleton: the command names it and
 * exits 3 (API.md 6).
 */
@Exits(ExitStatus.MISSING_ENTRIES)
@Command(name = "template",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the skeletons of the vault entries a snapshot file needs and the organization lacks: a JSON"
                + " array of entries in the API's create shape, each with an empty value, valueType STRING,"
                + " vaultVisibilityType STRICT and the attributeReferences of every place the key is used.",
            "Fill in the values (and adjust the types), then create the entries with offline-vault entry import."
                + " Nothing missing writes an empty array.",
            "A placeholder whose key breaks the key rules (a no-break space, a reserved word, ...) gets no skeleton:"
                + " no entry can have that key. The command names each such key with the rule it breaks on standard"
                + " error, writes the other skeletons, and exits 3: change those placeholders in the snapshot.",
            "Runs on the data directory, or through a running server: --server URL, or the server that holds the data"
                + " directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault snapshot template -f snapshot.json --org acme \\",
            "      --output-file missing.json",
            "  # edit missing.json: fill in each \"value\"",
            "  offline-vault entry import -f missing.json --org acme"
        })
final class SnapshotTemplateCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    @Mixin
    private SnapshotFile file;

    @Option(names = "--org", required = true, paramLabel = "ORG",
            description = "The organization whose vault entries the snapshot will use.")
    private String organization;

    // The skeletons' file: created 0600, as it holds secrets once filled in.
    @Mixin
    private OutputFile outputFile;

    SnapshotTemplateCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /**
     * {@return 0 once the skeletons are written, even when nothing is missing; 3 when a referenced key can never be
     * an entry key (the skeletons of the others are written all the same)}
     */
    @Override
    public Integer call() {
        OrganizationId org = SnapshotCommand.organization(command.spec(), organization, "--org");
        PrintWriter err = command.err();
        PrintWriter progress = SnapshotCommand.progress(command.surroundings(), err);
        Optional<Path> output = outputFile.path();
        if (output.isPresent() && Files.exists(output.get())) {
            throw exists(output.get());
        }
        SnapshotContent content = file.content(progress);
        SnapshotCheck check = command.withPorts(server, ports -> ports.checks().check(
                Caller.owner(), org, content, SnapshotCommand.checkProgress(progress, org)));
        List<Object> skeletons = skeletons(check);
        String text = JsonText.pretty(skeletons) + System.lineSeparator();
        if (output.isEmpty()) {
            PrintWriter out = command.out();
            out.print(text);
            out.flush();
        } else {
            write(output.get(), text);
            err.println("wrote " + Counted.of(skeletons.size(), "entry skeleton") + " to " + output.get());
        }
        List<String> impossible = check.missing().stream().map(SnapshotCommand::impossible).flatMap(Optional::stream)
                .toList();
        for (String line : impossible) {
            err.println("left out: " + line);
        }
        err.flush();
        return impossible.isEmpty() ? ExitStatus.OK.code() : ExitStatus.MISSING_ENTRIES.code();
    }

    /** {@return one skeleton per missing key that can be an entry key, sorted by key} */
    static List<Object> skeletons(SnapshotCheck check) {
        Map<ReferencedKey, Set<Map<String, Object>>> uses = new LinkedHashMap<>();
        for (ReferencedKey key : check.missing()) {
            if (key.entryKey().isPresent()) {
                uses.put(key, new LinkedHashSet<>());
            }
        }
        for (VaultReference reference : check.references()) {
            Set<Map<String, Object>> places = uses.get(reference.key());
            if (places != null) {
                Map<String, Object> place = new LinkedHashMap<>();
                place.put("jsonPath", reference.jsonPath().value());
                place.put("resourceName", reference.resourceName());
                place.put("resourceType", reference.resourceType().name());
                places.add(place);
            }
        }
        List<Object> skeletons = new ArrayList<>();
        uses.forEach((key, places) -> {
            Map<String, Object> skeleton = new LinkedHashMap<>();
            skeleton.put("key", key.value());
            skeleton.put("value", "");
            skeleton.put("valueType", "STRING");
            skeleton.put("vaultVisibilityType", "STRICT");
            skeleton.put("attributeReferences", List.copyOf(places));
            skeletons.add(skeleton);
        });
        return skeletons;
    }

    private static void write(Path output, String text) {
        try {
            Files.createFile(output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            createPlain(output);
        } catch (FileAlreadyExistsException e) {
            throw exists(output);
        } catch (IOException e) {
            throw cannotWrite(output, e);
        }
        try (OutputStream out = Files.newOutputStream(output, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            throw cannotWrite(output, e);
        }
    }

    // A file system without POSIX permissions (Windows): the file is created with its defaults.
    private static void createPlain(Path output) {
        try {
            Files.createFile(output);
        } catch (FileAlreadyExistsException e) {
            throw exists(output);
        } catch (IOException e) {
            throw cannotWrite(output, e);
        }
    }

    private static CommandFailedException exists(Path output) {
        return new CommandFailedException(ExitStatus.USAGE, "The output file " + output
                + " already exists; it is never overwritten: name a new file.");
    }

    private static CommandFailedException cannotWrite(Path output, IOException e) {
        return new CommandFailedException(ExitStatus.FAILURE, "The output file " + output + " could not be written ("
                + e.getClass().getSimpleName() + ").");
    }
}

package io.offlinevault.app.entry;

import io.offlinevault.app.cli.BoundedFile;
import io.offlinevault.app.cli.InputFile;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.ServerOptions;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.in.SavedEntry;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.http.codec.WireJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code offline-vault entry create}: creates one entry from options (the value from a file or standard
 * input, never an argument) or from a JSON file in the API's shape ({@code -f FILE}), validated as the API validates.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates a vault entry, validated with the same rules as the HTTP API.",
            "The value is never a command-line argument (it would sit in the process list and the shell's"
                + " history): it comes from --value-file or --value-stdin, or with the whole entry from -f FILE: one"
                + " JSON object in the API's shape (key, value, valueType, vaultVisibilityType, attributeReferences,"
                + " scopes), which excludes the other entry options."
                + " Defaults: --type STRING, --visibility STRICT. Every broken rule is printed (field, code,"
                + " message) and the command exits 2. Prints no value."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  printf %%s \"$PASSWORD\" | offline-vault entry create --org acme \\",
            "      --key my-source-password --value-stdin \\",
            "      --reference SOURCE:my-source:configuration.password",
            "  offline-vault entry create --org acme --key api-url --value-file url.txt \\",
            "      --visibility PUBLIC",
            "  offline-vault entry create --org acme -f entry.json"
        })
final class EntryCreateCommand implements Callable<Integer> {
    @Option(names = "--org", required = true, paramLabel = "ORG", description = "The entry's organization.")
    private String organization;

    @Option(names = "--key", paramLabel = "KEY", description = "The entry's key (required unless -f).")
    private String key;

    @Mixin
    private InputFile input = InputFile.orJsonOption();

    @Mixin
    private EntryFields fields;

    @Mixin
    private OfflineCommand command;

    @Mixin
    private ServerOptions server;

    EntryCreateCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings);
    }

    /** {@return 0 once the entry is stored} */
    @Override
    public Integer call() {
        OrganizationId org = EntryCommand.organization(command.spec(), organization);
        EntryDraft draft = draft();
        SavedEntry saved;
        try {
            saved = command.withPorts(server, ports -> ports.entries().create(Caller.owner(), org, draft));
        } catch (InvalidEntryException e) {
            throw EntryCommand.invalid(e);
        }
        VaultEntry created = saved.entry();
        EntryCommand.warn(command.err(), org, saved.warnings());
        return command.succeeded("created entry '" + created.key().value() + "' in " + org.value() + " ("
                + created.valueType() + ", " + created.visibility() + ")");
    }

    private EntryDraft draft() {
        if (input.given().isPresent()) {
            String json = input.given().get();
            if (key != null || fields.anyGiven()) {
                throw usage("-f takes the whole entry from its file: give no --key, value, --type, --visibility,"
                        + " --reference or --scope with it.");
            }
            return EntryDraft.of(WireJson.readObject(BoundedFile.read(json, "-f", WireJson.MAX_BODY),
                    WireJson.MAX_BODY, "the file " + json));
        }
        if (key == null) {
            throw usage("Give the entry's --key (or the whole entry with -f FILE).");
        }
        if (!fields.hasValue()) {
            throw usage("Give the value with --value-file FILE or --value-stdin (never as an argument).");
        }
        return fields.applyTo(EntryDraft.empty().withKey(key), command.surroundings());
    }

    private ParameterException usage(String message) {
        return command.usage(message);
    }
}

package io.offlinevault.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs offline commands in-process on a vault under a temp dir, keeping everything they printed, with a standard
 * input the test writes and a console it can read on its own. Not thread-safe; the harness of a command's tests
 * may extend it.
 */
public class OfflineRun {
    private final Path root;
    private final StringWriter everything = new StringWriter();
    private final StringWriter console = new StringWriter();
    private boolean withConsole;
    private byte[] stdin = new byte[0];
    private Map<String, String> environment = Map.of();

    public OfflineRun(Path root, boolean withConsole) {
        this.root = requireNonNull(root, "root");
        this.withConsole = withConsole;
    }

    /** A run with a console. */
    public OfflineRun(Path root) {
        this(root, true);
    }

    public final Path root() {
        return root;
    }

    /** The commands still to run read {@code input} as their standard input. */
    public final void stdin(String input) {
        stdin = input.getBytes(UTF_8);
    }

    /** The commands still to run see {@code variables} as their whole environment. */
    public final void environment(Map<String, String> variables) {
        environment = Map.copyOf(variables);
    }

    /** The commands still to run have no console, as under a service manager or in CI. */
    public final void withoutConsole() {
        withConsole = false;
    }

    /** {@return what the commands so far wrote to the console} */
    public final String console() {
        return console.toString();
    }

    /** Forgets what the commands so far printed on standard output and error; the console keeps its text. */
    public final void forgetOutput() {
        everything.getBuffer().setLength(0);
    }

    /** What one command did. */
    public record Run(int exitCode, String out, String err) {
    }

    public Path dataDir() {
        return root.resolve("data");
    }

    public Path keyFile() {
        return root.resolve("keys/vault.key");
    }

    public StoreLocation location() {
        return StoreLocation.of(dataDir(), keyFile());
    }

    /** Creates the vault, as serve would on its first start. */
    public void createVault() {
        try (FileVaultStore store = FileVaultStore.openOrCreate(location(), IdGenerator.secure()::newToken,
                OpenOptions.of(Clock.system())).store()) {
            assertThat(store.sealedBecause()).isEmpty();
        }
    }

    /** Creates entries from JSON objects in the API's create shape, through the domain on the closed store. */
    public void createEntries(String organization, List<Map<String, Object>> drafts) {
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            for (Map<String, Object> draft : drafts) {
                entries.create(Caller.owner(), OrganizationId.of(organization), EntryDraft.of(draft));
            }
        }
    }

    /** Runs {@code offline-vault <command> <args> --data-dir .. --key-file ..}. */
    public final Run vault(String command, String[] args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return vault(all.toArray(String[]::new));
    }

    /** Runs {@code offline-vault <args> --data-dir .. --key-file ..}. */
    public Run vault(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        int end = command.indexOf("--");
        List<String> store = List.of("--data-dir", dataDir().toString(), "--key-file", keyFile().toString());
        if (end < 0) {
            command.addAll(store);
        } else {
            command.addAll(end, store);
        }
        return run(command.toArray(String[]::new));
    }

    /** Runs {@code offline-vault <args>} as given. */
    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = withConsole ? () -> Optional.of(new PrintWriter(console, true)) : Terminal.none();
        byte[] input = stdin;
        Surroundings surroundings = new Surroundings(environment, root.resolve("home"), terminal, stop -> { },
                () -> new ByteArrayInputStream(input));
        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(err, true), args);
        everything.append(out.toString()).append(err.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** {@return everything every command printed, on any stream, the console included} */
    public String output() {
        return everything + console.toString();
    }
}

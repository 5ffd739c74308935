package io.offlinevault.app.store;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OfflineVault;
import io.offlinevault.app.cli.Passphrases;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.StoreLocation;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code offline-vault rekey}: changes what opens the vault (its passphrase, its key file) without re-encrypting
 * anything by hand, each change a checkpoint that survives a crash; says what changed and that older copies keep
 * opening with the old key.
 */
@Command(name = "rekey",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Changes the keys that open the vault: sets, changes or removes its passphrase, or replaces its key file"
                + " by a new random one. Everything stays readable; nothing is re-encrypted by hand.",
            "The current key opens the vault first (the key file, else the passphrase as for every command). A new"
                + " passphrase is typed twice on the console, or read from --new-passphrase-file; never an argument.",
            "--new-key-file writes <key file>.new, then a checkpoint both keys open, keeps the old key file as"
                + " <key file>.old-<date>, moves the new one to the key file's path, then a checkpoint only the new"
                + " key opens. Interrupted, the vault opens with either key file and says which: run it again.",
            "checkpoint.prev and backups taken before the change keep opening with the old key: keep them as safe,"
                + " or delete them once a newer backup exists.",
            "Runs on the data directory only, never through a server: stop a server that serves it first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault rekey --new-passphrase",
            "  offline-vault rekey --new-passphrase-file ./new-passphrase.txt \\",
            "      --passphrase-file ./old-passphrase.txt",
            "  offline-vault rekey --new-key-file",
            "  offline-vault rekey --remove-passphrase"
        })
public final class RekeyCommand implements Callable<Integer> {
    /** What rekey says when a server holds the data dir, after the store's message that names its pid. */
    static final String WHILE_LOCKED = "rekey changes the vault's keys offline: stop that server, run this command,"
            + " then start the server again.";

    @Mixin
    private OfflineCommand command;

    @Option(names = "--new-passphrase", description = {
        "Set a new passphrase (or add one), typed twice on the console without echo."})
    private boolean newPassphrase;

    @Option(names = "--new-passphrase-file", paramLabel = "FILE", description = {
        "Set a new passphrase (or add one) read from FILE (UTF-8; one trailing newline ignored); never printed."})
    private String newPassphraseFile;

    @Option(names = "--remove-passphrase", description = {
        "Remove the passphrase: the key file alone opens the vault (refused when it has no key file)."})
    private boolean removePassphrase;

    @Option(names = "--new-key-file", description = {
        "Replace the key file by a new random one (a vault without one gets one); the old one is kept as"
            + " <key file>.old-<date>."})
    private boolean newKeyFile;

    public RekeyCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings, VaultUse.OPENS);
    }

    /** {@return 0 once every change asked for is durable} */
    @Override
    public Integer call() {
        PrintWriter out = command.out();
        checkOptions();
        Optional<SecretValue> fromFile = Optional.empty();
        if (newPassphraseFile != null) {
            try {
                fromFile = Optional.of(Passphrases.fromFile(command.surroundings(), "--new-passphrase-file",
                        newPassphraseFile));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        StoreLocation location = command.storeOptions().location(command.surroundings());
        try (OfflineVault vault = command.open(WHILE_LOCKED)) {
            FileVaultStore store = vault.store();
            Optional<SecretValue> passphrase = newPassphrase ? Optional.of(typedTwice()) : fromFile;
            boolean hadPassphrase = store.keysInUse().passphrase();
            if (newKeyFile) {
                FileVaultStore.KeyFileChange change = store.changeKeyFile(Clock.system());
                out.println("new key file: " + change.keyFile() + change.oldKeyFile().map(old -> " (the old one is"
                        + " kept as " + old + ")").orElse(" (nothing was at that path before; keep it safe)"));
            }
            if (passphrase.isPresent()) {
                store.changePassphrase(passphrase, command.storeOptions().kdfParams());
                out.println(hadPassphrase ? "passphrase changed" : "passphrase added");
            } else if (removePassphrase) {
                removePassphrase(store, hadPassphrase, out);
            }
            out.println("the vault now opens with " + OfflineVault.keys(store.keysInUse(), location));
            if (hadPassphrase || newKeyFile) {
                out.println("checkpoint.prev and backups taken before this change still open with the old key: keep"
                        + " them as safe as the new one, or delete them once a newer backup exists");
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }

    private void checkOptions() {
        int passphraseChanges = (newPassphrase ? 1 : 0) + (newPassphraseFile != null ? 1 : 0)
                + (removePassphrase ? 1 : 0);
        if (passphraseChanges == 0 && !newKeyFile) {
            throw usage("Say what to change: --new-passphrase, --new-passphrase-file FILE, --remove-passphrase or"
                    + " --new-key-file.");
        }
        if (passphraseChanges > 1) {
            throw usage("--new-passphrase, --new-passphrase-file and --remove-passphrase exclude each other: give one.");
        }
    }

    private SecretValue typedTwice() {
        try {
            return Passphrases.askNew(command.surroundings(), "the new passphrase", "give it in a file named by"
                    + " --new-passphrase-file FILE.");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void removePassphrase(FileVaultStore store, boolean hadPassphrase, PrintWriter out) {
        if (!hadPassphrase) {
            out.println("the vault has no passphrase: nothing to remove");
            return;
        }
        try {
            store.changePassphrase(Optional.empty(), command.storeOptions().kdfParams());
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitStatus.USAGE, "the vault has no key file: removing its passphrase"
                    + " would leave it without any key. Give it a key file in the same run: offline-vault rekey"
                    + " --new-key-file --remove-passphrase.");
        }
        out.println("passphrase removed");
    }

    private ParameterException usage(String message) {
        return command.usage(message);
    }
}

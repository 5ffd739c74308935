package io.offlinevault.app.cli;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.KdfParams;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.VaultKeys;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the vault lives and what unlocks it, shared by every command that opens it: each location has a flag, an
 * environment variable and a default, in that order of precedence. The passphrase comes from
 * {@code --passphrase-file} or {@code OFFLINE_VAULT_PASSPHRASE_FILE}, else from the console (without echo) and only
 * when the key file does not open the vault; never from an argument ({@code --passphrase VALUE} is refused).
 */
public final class StoreOptions {
    static final String DATA_DIR_VARIABLE = "OFFLINE_VAULT_DATA";
    static final String KEY_FILE_VARIABLE = "OFFLINE_VAULT_KEY_FILE";
    static final String ADMIN_TOKEN_FILE_VARIABLE = "OFFLINE_VAULT_ADMIN_TOKEN_FILE";
    static final String DEFAULT_DATA_DIR = "~/.offline-vault/data";
    static final String DEFAULT_KEY_FILE = "~/.offline-vault/keys/vault.key";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--data-dir", paramLabel = "DIR", description = {
        "The vault's data directory; created with a new vault when it does not exist or is empty.",
        "Env: " + DATA_DIR_VARIABLE, "Default: " + DEFAULT_DATA_DIR})
    private String dataDir;

    @Option(names = "--key-file", paramLabel = "FILE", description = {
        "The key file that encrypts the vault (mode 0600; never overwritten, an existing one is reused).",
        "Losing every key loses every secret: keep it safe and apart from backups of the data directory.",
        "Env: " + KEY_FILE_VARIABLE, "Default: " + DEFAULT_KEY_FILE})
    private String keyFile;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = {
        "Where a new vault writes its generated admin token (created 0600, never overwritten).",
        "Env: " + ADMIN_TOKEN_FILE_VARIABLE, "Default: <data-dir>/admin.token"})
    private String adminTokenFile;

    @Option(names = Passphrases.FILE_FLAG, paramLabel = "FILE", description = {
        "A file holding the vault's passphrase (UTF-8; one trailing newline ignored, otherwise exact); never printed.",
        "Without it, the passphrase is asked on the console, without echo, only when the key file does not open the"
            + " vault. A new vault also opens with this passphrase.",
        "Env: " + Passphrases.FILE_VARIABLE})
    private String passphraseFile;

    // Declared only to refuse it with a reason: a passphrase in an argument sits in the process list.
    @Option(names = Passphrases.REFUSED_FLAG, paramLabel = "VALUE", arity = "0..1", hidden = true)
    private String refusedPassphrase;

    // For tests only: cheaper Argon2id costs for new passphrase slots, still within the policy bounds.
    @Option(names = "--kdf-memory-kib", paramLabel = "KIB", hidden = true)
    private Integer kdfMemoryKiB;

    @Option(names = "--kdf-iterations", paramLabel = "N", hidden = true)
    private Integer kdfIterations;

    /**
     * {@return the flags of this mixin given on the command line, in the order the help lists them}
     *
     * @throws ParameterException when {@code --passphrase VALUE} was given (exit 2)
     */
    public List<String> givenFlags() {
        refuseArgumentPassphrase();
        List<String> given = new ArrayList<>();
        if (dataDir != null) {
            given.add("--data-dir");
        }
        if (keyFile != null) {
            given.add("--key-file");
        }
        if (adminTokenFile != null) {
            given.add("--admin-token-file");
        }
        if (passphraseFile != null) {
            given.add(Passphrases.FILE_FLAG);
        }
        if (kdfMemoryKiB != null) {
            given.add("--kdf-memory-kib");
        }
        if (kdfIterations != null) {
            given.add("--kdf-iterations");
        }
        return List.copyOf(given);
    }

    /** {@return the vault's location from the flags, else the environment, else the defaults} */
    public StoreLocation location(Surroundings surroundings) {
        refuseArgumentPassphrase();
        Path data = path(surroundings, "--data-dir", dataDir, DATA_DIR_VARIABLE).orElseGet(
                () -> path(surroundings, DEFAULT_DATA_DIR));
        Path key = path(surroundings, "--key-file", keyFile, KEY_FILE_VARIABLE).orElseGet(
                () -> path(surroundings, DEFAULT_KEY_FILE));
        Optional<Path> adminToken = path(surroundings, "--admin-token-file", adminTokenFile, ADMIN_TOKEN_FILE_VARIABLE);
        return adminToken.map(file -> new StoreLocation(data, key, file)).orElseGet(() -> StoreLocation.of(data, key));
    }

    /**
     * {@return what opens an existing vault: its key file, else its passphrase (from the file, else asked on the
     * console only when the key file does not open the vault)}
     *
     * @throws ParameterException when the passphrase file cannot be read, is not UTF-8 or is empty (exit 2)
     */
    public VaultKeys vaultKeys(Surroundings surroundings) {
        return opening(surroundings, true);
    }

    /**
     * {@return what opens the vault, or protects it when {@link FileVaultStore#openOrCreate} creates it} A new vault
     * gets the key file (unless {@code newVault} says not to) and a passphrase slot when the passphrase file gives
     * one or {@code newVault} asks for one (typed twice on the console, before anything is created); an existing
     * vault opens as with {@link #vaultKeys(Surroundings)}.
     *
     * @throws ParameterException for an unreadable passphrase file, or a passphrase that a new vault needs and the
     *         console cannot give (exit 2)
     */
    public VaultKeys vaultKeys(Surroundings surroundings, NewVaultOptions newVault) {
        StoreLocation location = location(surroundings);
        boolean creating;
        try {
            creating = FileVaultStore.wouldCreate(location);
        } catch (StoreException e) {
            creating = false; // openOrCreate says what is wrong with the data dir
        }
        if (!creating) {
            if (newVault.withPassphrase()) {
                messages().println("note: --with-passphrase only shapes a new vault; the vault in " + location.dataDir()
                        + " keeps its keys (offline-vault rekey --new-passphrase adds or changes its passphrase)");
                messages().flush();
            }
            return opening(surroundings, newVault.useKeyFile());
        }
        Optional<SecretValue> passphrase = givenPassphrase(surroundings);
        if (passphrase.isEmpty() && (newVault.withPassphrase() || !newVault.useKeyFile())) {
            try {
                passphrase = Optional.of(Passphrases.askNew(surroundings, "the new vault's passphrase", "give it in a"
                        + " file named by " + Passphrases.FILE_FLAG + " FILE or " + Passphrases.FILE_VARIABLE + "."));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        Optional<SecretValue> chosen = passphrase;
        return new VaultKeys(newVault.useKeyFile(), () -> chosen, kdfParams());
    }

    /**
     * {@return the Argon2id parameters of a new passphrase slot: the defaults, or the hidden test options}
     *
     * @throws ParameterException when a hidden option is outside the policy bounds (exit 2)
     */
    public KdfParams kdfParams() {
        int memory = kdfMemoryKiB != null ? kdfMemoryKiB : KdfParams.DEFAULT_MEMORY_KIB;
        int iterations = kdfIterations != null ? kdfIterations : KdfParams.DEFAULT_ITERATIONS;
        if (memory < KdfParams.MIN_MEMORY_KIB || memory > KdfParams.MAX_MEMORY_KIB) {
            throw usage("--kdf-memory-kib must be from " + KdfParams.MIN_MEMORY_KIB + " to " + KdfParams.MAX_MEMORY_KIB
                    + ".");
        }
        if (iterations < KdfParams.MIN_ITERATIONS || iterations > KdfParams.MAX_ITERATIONS) {
            throw usage("--kdf-iterations must be from " + KdfParams.MIN_ITERATIONS + " to " + KdfParams.MAX_ITERATIONS
                    + ".");
        }
        return KdfParams.fresh(memory, iterations, KdfParams.DEFAULT_PARALLELISM);
    }

    /** {@return the command's standard error, where warnings and notes go} */
    PrintWriter messages() {
        return command.commandLine().getErr();
    }

    private VaultKeys opening(Surroundings surroundings, boolean useKeyFile) {
        StoreLocation location = location(surroundings);
        Optional<SecretValue> given = givenPassphrase(surroundings);
        KdfParams params = kdfParams();
        if (given.isPresent()) {
            return new VaultKeys(useKeyFile, () -> given, params);
        }
        return new VaultKeys(useKeyFile, () -> Passphrases.ask(surroundings, "Passphrase of the vault in "
                + location.dataDir() + ": "), params);
    }

    // The file is read at once, so that a bad one is a usage error before the store is opened.
    private Optional<SecretValue> givenPassphrase(Surroundings surroundings) {
        String source = passphraseFile != null ? Passphrases.FILE_FLAG : Passphrases.FILE_VARIABLE;
        Optional<String> raw = passphraseFile != null ? Optional.of(passphraseFile)
                : surroundings.variable(Passphrases.FILE_VARIABLE);
        try {
            return raw.map(file -> Passphrases.fromFile(surroundings, source, file));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void refuseArgumentPassphrase() {
        if (refusedPassphrase != null) {
            throw usage(Passphrases.refusal(Passphrases.REFUSED_FLAG));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    private Optional<Path> path(Surroundings surroundings, String flag, String flagValue, String variable) {
        if (flagValue != null) {
            return Optional.of(checked(surroundings, flagValue, flag));
        }
        return surroundings.variable(variable).map(value -> checked(surroundings, value, variable));
    }

    private Path checked(Surroundings surroundings, String raw, String source) {
        try {
            if (raw.isBlank()) {
                throw new InvalidPathException(raw, "empty");
            }
            return path(surroundings, raw);
        } catch (InvalidPathException e) {
            throw usage(source + " is not a usable path: give a file system path (a leading ~ means the home"
                    + " directory).");
        }
    }

    private static Path path(Surroundings surroundings, String raw) {
        return Path.of(surroundings.expandHome(raw));
    }
}

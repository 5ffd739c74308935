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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the vault lives and what unlocks it, shared by every command that opens it: each location has a flag, an
 * environment variable and a default, in that order of precedence. The passphrase comes from
 * {@code --passphrase-file} or {@code OFFLINE_VAULT_PASSPHRASE_FILE}, else from the console (without echo) and only
 * when the key file does not open the vault; never from an argument ({@code --passphrase VALUE} is refused).
 * <p>
 * Which of these options a command shows, and how their help describes them, follows what the command does with
 * the vault ({@link VaultUse}): {@link #of(VaultUse)} gives the mixin for it, so that a command that cannot create a
 * vault never says "created with a new vault", and {@code --admin-token-file} shows only where it is written or read.
 * Each option is declared once; only its help lines differ by use, and they stand in one table ({@code Help}).
 */
public final class StoreOptions {
    static final String DATA_DIR_VARIABLE = "OFFLINE_VAULT_DATA";
    static final String KEY_FILE_VARIABLE = "OFFLINE_VAULT_KEY_FILE";
    static final String ADMIN_TOKEN_FILE_VARIABLE = "OFFLINE_VAULT_ADMIN_TOKEN_FILE";
    static final String DEFAULT_DATA_DIR = "~/.offline-vault/data";
    static final String DEFAULT_KEY_FILE = "~/.offline-vault/keys/vault.key";

    private static final String DATA_DIR_ENV = "Env: " + DATA_DIR_VARIABLE;
    private static final String DATA_DIR_DEFAULT = "Default: " + DEFAULT_DATA_DIR;
    private static final String KEY_FILE_ENV = "Env: " + KEY_FILE_VARIABLE;
    private static final String KEY_FILE_DEFAULT = "Default: " + DEFAULT_KEY_FILE;
    private static final String ADMIN_TOKEN_FILE_ENV = "Env: " + ADMIN_TOKEN_FILE_VARIABLE;
    private static final String ADMIN_TOKEN_FILE_DEFAULT = "Default: <data-dir>/admin.token";
    private static final String PASSPHRASE_FILE = "A file holding the vault's passphrase (UTF-8; one trailing newline"
            + " ignored, otherwise exact); never printed.";
    private static final String PASSPHRASE_ASKED = "Without it, the passphrase is asked on the console, without echo,"
            + " only when the key file does not open the vault.";
    private static final String PASSPHRASE_ENV = "Env: " + Passphrases.FILE_VARIABLE;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    // Declared only to refuse it with a reason: a passphrase in an argument sits in the process list.
    @Option(names = Passphrases.REFUSED_FLAG, paramLabel = "VALUE", arity = "0..1", hidden = true)
    private String refusedPassphrase;

    // For tests only: cheaper Argon2id costs for new passphrase slots, still within the policy bounds.
    @Option(names = "--kdf-memory-kib", paramLabel = "KIB", hidden = true)
    private Integer kdfMemoryKiB;

    @Option(names = "--kdf-iterations", paramLabel = "N", hidden = true)
    private Integer kdfIterations;

    // The options the help shows, each declared once in option(..) with the help lines of the use (Help). picocli
    // takes a CommandSpec mixin as it is built, and adds its options where this field stands.
    @Mixin
    private final CommandSpec shown = CommandSpec.create();
    private final OptionSpec dataDir;
    private final OptionSpec keyFile;
    private final Optional<OptionSpec> adminTokenFile;
    private final OptionSpec passphraseFile;

    private StoreOptions(Help help) {
        dataDir = option("--data-dir", "DIR", List.of(help.dataDir()), DATA_DIR_ENV, DATA_DIR_DEFAULT);
        keyFile = option("--key-file", "FILE", help.keyFile(), KEY_FILE_ENV, KEY_FILE_DEFAULT);
        adminTokenFile = help.adminTokenFile().map(line -> option("--admin-token-file", "FILE", List.of(line),
                ADMIN_TOKEN_FILE_ENV, ADMIN_TOKEN_FILE_DEFAULT));
        passphraseFile = option(Passphrases.FILE_FLAG, "FILE", List.of(PASSPHRASE_FILE, help.passphraseAsked()),
                PASSPHRASE_ENV);
    }

    /** {@return the store options of a command that does {@code use} with the vault, described for that use} */
    public static StoreOptions of(VaultUse use) {
        return new StoreOptions(Help.of(use));
    }

    private OptionSpec option(String name, String paramLabel, List<String> help, String... envAndDefault) {
        List<String> description = new ArrayList<>(help);
        description.addAll(List.of(envAndDefault));
        OptionSpec option = OptionSpec.builder(name).paramLabel(paramLabel).type(String.class)
                .description(description.toArray(String[]::new)).build();
        shown.addOption(option);
        return option;
    }

    /** {@return {@code --data-dir} as given; {@code null} when not given} */
    private String dataDir() {
        return dataDir.getValue();
    }

    /** {@return {@code --key-file} as given; {@code null} when not given} */
    private String keyFile() {
        return keyFile.getValue();
    }

    /** {@return {@code --admin-token-file} as given; {@code null} when not given or not an option of the command} */
    private String adminTokenFile() {
        return adminTokenFile.map(option -> option.<String>getValue()).orElse(null);
    }

    /** {@return {@code --passphrase-file} as given; {@code null} when not given} */
    private String passphraseFile() {
        return passphraseFile.getValue();
    }

    /**
     * {@return the flags of this mixin given on the command line, in the order the help lists them}
     *
     * @throws ParameterException when {@code --passphrase VALUE} was given (exit 2)
     */
    public List<String> givenFlags() {
        refuseArgumentPassphrase();
        List<String> given = new ArrayList<>();
        if (dataDir() != null) {
            given.add("--data-dir");
        }
        if (keyFile() != null) {
            given.add("--key-file");
        }
        if (adminTokenFile() != null) {
            given.add("--admin-token-file");
        }
        if (passphraseFile() != null) {
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
        Path data = path(surroundings, "--data-dir", dataDir(), DATA_DIR_VARIABLE).orElseGet(
                () -> path(surroundings, DEFAULT_DATA_DIR));
        Path key = path(surroundings, "--key-file", keyFile(), KEY_FILE_VARIABLE).orElseGet(
                () -> path(surroundings, DEFAULT_KEY_FILE));
        Optional<Path> adminToken = path(surroundings, "--admin-token-file", adminTokenFile(),
                ADMIN_TOKEN_FILE_VARIABLE);
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
        String passphraseFile = passphraseFile();
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

    /**
     * What the help says of the four options for one use, before their environment variable and default: the one
     * table the uses differ by. {@code adminTokenFile} is empty where the use neither writes nor reads the token.
     */
    private record Help(String dataDir, List<String> keyFile, Optional<String> adminTokenFile, String passphraseAsked) {
        private static final Help OPENING = new Help(
                "The vault's data directory; it must hold a vault (offline-vault init creates one).",
                List.of("The key file that opens the vault."),
                Optional.empty(),
                PASSPHRASE_ASKED);
        private static final Help OPENING_OR_REACHING = new Help(OPENING.dataDir, OPENING.keyFile, Optional.of(
                "The data directory's admin token, read only to run through the server that holds the data directory."),
                OPENING.passphraseAsked);
        private static final Help CREATING = new Help(
                "The vault's data directory; created with a new vault when it does not exist or is empty.",
                List.of("The key file that encrypts the vault (mode 0600; never overwritten, an existing one is"
                        + " reused).", "Losing every key loses every secret: keep it safe and apart from backups of"
                        + " the data directory."),
                Optional.of("Where a new vault writes its generated admin token (created 0600, never overwritten)."),
                PASSPHRASE_ASKED + " A new vault also opens with this passphrase.");
        private static final Help RESTORING = new Help(
                "The data directory whose vault the backup replaces; created when it does not exist.",
                List.of("The key file that opens the backup, and then the restored vault."),
                Optional.empty(),
                "Without it, the passphrase is asked on the console, without echo, only when the key file does not"
                        + " open the backup.");

        static Help of(VaultUse use) {
            return switch (use) {
                case OPENS -> OPENING;
                case OPENS_OR_REACHES_ITS_SERVER -> OPENING_OR_REACHING;
                case CREATES, CREATES_OR_REACHES_ITS_SERVER -> CREATING;
                case RESTORES -> RESTORING;
            };
        }
    }
}

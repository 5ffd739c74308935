package io.offlinevault.app;

import io.offlinevault.store.file.StoreLocation;
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
 * Where the vault lives, shared by every command that opens it: each option has a flag, an environment
 * variable and a default, in that order of precedence.
 */
final class StoreOptions {
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

    /** {@return the flags of this mixin given on the command line, in the order the help lists them} */
    List<String> givenFlags() {
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
        return List.copyOf(given);
    }

    /** {@return the vault's location from the flags, else the environment, else the defaults} */
    StoreLocation location(Surroundings surroundings) {
        Path data = path(surroundings, "--data-dir", dataDir, DATA_DIR_VARIABLE).orElseGet(
                () -> path(surroundings, DEFAULT_DATA_DIR));
        Path key = path(surroundings, "--key-file", keyFile, KEY_FILE_VARIABLE).orElseGet(
                () -> path(surroundings, DEFAULT_KEY_FILE));
        Optional<Path> adminToken = path(surroundings, "--admin-token-file", adminTokenFile, ADMIN_TOKEN_FILE_VARIABLE);
        return adminToken.map(file -> new StoreLocation(data, key, file)).orElseGet(() -> StoreLocation.of(data, key));
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
            throw new ParameterException(command.commandLine(), source + " is not a usable path: give a file"
                    + " system path (a leading ~ means the home directory).");
        }
    }

    private static Path path(Surroundings surroundings, String raw) {
        return Path.of(surroundings.expandHome(raw));
    }
}

package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.store.file.StoreLocation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code offline-vault init}: creates the vault as {@code serve} would, and says where its key file and its
 * admin token file are; an existing vault is left as it is.
 */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates a new vault: the key file (or an existing one, reused), the data directory and the admin"
                + " token file, then prints where they are.",
            "With a passphrase (from " + Passphrases.FILE_FLAG + " or " + Passphrases.FILE_VARIABLE + ", or typed"
                + " twice with --with-passphrase) the vault also opens with it; with --no-key-file, with it alone.",
            "Losing every key (key file and passphrase) loses every secret: keep the key file safe and apart"
                + " from backups of the data directory. The admin token is written to its file only, never printed.",
            "On an existing vault it says so and changes nothing (exit 0)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  offline-vault init",
            "  offline-vault init --data-dir ./vault/data --key-file ~/.offline-vault/keys/project.key",
            "  offline-vault init --with-passphrase"
        })
final class InitCommand implements Callable<Integer> {
    /** What init says when a server holds the data dir, after the store's message that names its pid. */
    static final String WHILE_LOCKED = "A server already serves this vault: it exists, there is nothing to initialize.";

    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Mixin
    private NewVaultOptions newVault;

    InitCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0 once the vault exists} */
    @Override
    public Integer call() {
        StoreLocation location = storeOptions.location(surroundings);
        PrintWriter out = spec.commandLine().getOut();
        // openOrCreate announces a creation itself (key file, admin token file, the warning); never the token.
        try (OfflineVault vault = OfflineVault.openOrCreate(storeOptions, newVault, surroundings, WHILE_LOCKED, out)) {
            if (!vault.created()) {
                out.println("a vault already exists in " + location.dataDir() + " ("
                        + OfflineVault.keys(vault.store().keysInUse(), location) + "); nothing changed");
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}

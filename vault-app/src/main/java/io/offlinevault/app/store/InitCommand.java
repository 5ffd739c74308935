package io.offlinevault.app.store;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.NewVaultOptions;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OfflineVault;
import io.offlinevault.app.cli.Passphrases;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.store.file.StoreLocation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            "  offline-vault init --data-dir ./vault/data \\",
            "      --key-file ~/.offline-vault/keys/project.key",
            "  offline-vault init --with-passphrase"
        })
public final class InitCommand implements Callable<Integer> {
    /** What init says when a server holds the data dir, after the store's message that names its pid. */
    static final String WHILE_LOCKED = "A server already serves this vault: it exists, there is nothing to initialize.";

    @Mixin
    private OfflineCommand command;

    @Mixin
    private NewVaultOptions newVault;

    public InitCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings, VaultUse.CREATES);
    }

    /** {@return 0 once the vault exists} */
    @Override
    public Integer call() {
        StoreLocation location = command.storeOptions().location(command.surroundings());
        PrintWriter out = command.out();
        // openOrCreate announces a creation itself (key file, admin token file, the warning); never the token.
        try (OfflineVault vault = OfflineVault.openOrCreate(command.storeOptions(), newVault, command.surroundings(),
                WHILE_LOCKED, out)) {
            if (!vault.created()) {
                out.println("a vault already exists in " + location.dataDir() + " ("
                        + OfflineVault.keys(vault.store().keysInUse(), location) + "); nothing changed");
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}

package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.StoreMaintenance;
import io.offlinevault.store.file.VaultKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@link Operations} for a command that runs without a server: verify and backup read the data dir's files under
 * its lock without opening the vault (so a vault that does not open can still be verified); info and rotate open
 * it for their duration. Store failures come as the store's {@link io.offlinevault.domain.error.StoreException};
 * an opening that fails is a {@link CommandFailedException}, as for {@link OfflineVault}.
 */
public final class OfflineOperations implements Operations {
    private final StoreLocation location;
    private final VaultKeys keys;
    private final String whileLocked;
    private final PrintWriter warnings;

    private OfflineOperations(StoreLocation location, VaultKeys keys, String whileLocked, PrintWriter warnings) {
        this.location = requireNonNull(location, "location");
        this.keys = requireNonNull(keys, "keys");
        this.whileLocked = requireNonNull(whileLocked, "whileLocked");
        this.warnings = requireNonNull(warnings, "warnings");
    }

    /**
     * {@return the operations of the vault that {@code options} locate, unlocked as they say}
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     */
    public static OfflineOperations of(StoreOptions options, Surroundings surroundings, String whileLocked) {
        return new OfflineOperations(options.location(surroundings), options.vaultKeys(surroundings), whileLocked,
                options.messages());
    }

    /** {@return every operation: verify and backup read the files, rotate opens the vault} */
    @Override
    public Set<Operation> available() {
        return EnumSet.allOf(Operation.class);
    }

    @Override
    public VaultInfo info(Caller caller) {
        caller.requireEverything("read what the vault holds");
        try (OfflineVault vault = OfflineVault.open(location, keys, whileLocked, warnings)) {
            return vault.ports().operations().info(caller);
        }
    }

    @Override
    public VerifyReport verify(Caller caller) {
        caller.requireEverything("verify the vault's files");
        return StoreMaintenance.verify(location, keys);
    }

    @Override
    public BackupReport backup(Caller caller, String destination) {
        caller.requireEverything("back up the vault");
        return StoreMaintenance.backup(location, keys, Path.of(destination));
    }

    @Override
    public int rotate(Caller caller) {
        caller.requireEverything("rotate the data key");
        try (OfflineVault vault = OfflineVault.open(location, keys, whileLocked, warnings)) {
            return vault.ports().operations().rotate(caller);
        }
    }
}

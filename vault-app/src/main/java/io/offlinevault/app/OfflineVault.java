package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.StoreLocation;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The vault as a command that runs without a server uses it: opened (or created) and locked for the
 * command's duration, then closed. A store that is locked, sealed or missing is a
 * {@link CommandFailedException} that says why and what to do; nothing starts sealed.
 */
final class OfflineVault implements AutoCloseable {
    private final FileVaultStore store;
    private final boolean created;

    private OfflineVault(FileVaultStore store, boolean created) {
        this.store = store;
        this.created = created;
    }

    /**
     * {@return the open vault at {@code location}} Never creates anything.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is missing or sealed
     */
    static OfflineVault open(StoreLocation location, String whileLocked) {
        requireNonNull(whileLocked, "whileLocked");
        FileVaultStore store;
        try {
            store = FileVaultStore.open(location, Clock.system());
        } catch (StoreException e) {
            if (e.code() == ErrorCode.STORE_MISSING) {
                throw new CommandFailedException(ExitStatus.forError(e.code()), e.getMessage() + System.lineSeparator()
                        + "offline-vault init (or serve) creates a new vault there.");
            }
            throw failed(e, whileLocked);
        }
        return unsealed(store, location, false);
    }

    /**
     * {@return the open vault at {@code location}, created first exactly as {@code serve} creates it when
     * the data dir does not exist or is empty} A creation is announced on {@code messages}, never with the
     * admin token itself, which only the admin token file holds.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is sealed
     */
    static OfflineVault openOrCreate(StoreLocation location, String whileLocked, PrintWriter messages) {
        requireNonNull(whileLocked, "whileLocked");
        FileVaultStore.Opening opening;
        try {
            opening = FileVaultStore.openOrCreate(location, IdGenerator.secure()::newToken, Clock.system());
        } catch (StoreException e) {
            throw failed(e, whileLocked);
        }
        OfflineVault vault = unsealed(opening.store(), location, opening.created().isPresent());
        opening.created().ifPresent(created -> announceCreation(created, location, messages));
        return vault;
    }

    /** Says that a vault was created, where its key file is and where its admin token went; never the token. */
    static void announceCreation(FileVaultStore.CreatedVault created, StoreLocation location, PrintWriter messages) {
        messages.println("created a new vault in " + location.dataDir() + " ("
                + (created.keyFileCreated() ? "key file " : "existing key file ") + location.keyFile()
                + "; keep it safe: losing every key loses every secret)");
        messages.println("admin token written to " + created.adminTokenFile());
        messages.flush();
    }

    /** {@return whether this opening created the vault} */
    boolean created() {
        return created;
    }

    /** {@return the vault's repository} */
    VaultRepository repository() {
        return store.repository();
    }

    /** Finishes the commits in flight and releases the data dir's lock. */
    @Override
    public void close() {
        store.close();
    }

    private static OfflineVault unsealed(FileVaultStore store, StoreLocation location, boolean created) {
        Optional<StoreUnavailableException> sealed = store.sealedBecause();
        if (sealed.isEmpty()) {
            return new OfflineVault(store, created);
        }
        store.close();
        ErrorCode reason = sealed.get().reason();
        throw new CommandFailedException(ExitStatus.forError(reason), "the vault in " + location.dataDir()
                + " did not open (" + reason + "): " + sealed.get().getMessage() + System.lineSeparator()
                + "to recover: " + Recovery.step(reason) + "; then run this command again");
    }

    private static CommandFailedException failed(StoreException e, String whileLocked) {
        String message = e.code() == ErrorCode.STORE_LOCKED ? e.getMessage() + System.lineSeparator() + whileLocked
                : e.getMessage();
        return new CommandFailedException(ExitStatus.forError(e.code()), message);
    }
}

package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.OpenedWith;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.VaultKeys;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The vault as a command that runs without a server uses it: opened (or created) and locked for the
 * command's duration, then closed. A store that is locked, sealed or missing is a
 * {@link CommandFailedException} that says why and what to do; nothing starts sealed.
 */
public final class OfflineVault implements AutoCloseable {
    private final FileVaultStore store;
    private final boolean created;
    private final Ports ports;

    private OfflineVault(FileVaultStore store, boolean created) {
        this.store = store;
        this.created = created;
        this.ports = Ports.over(store.repository(), Optional.of(new OpenStore(store, Optional.empty())));
    }

    /**
     * {@return the open vault that {@code options} locate, unlocked as {@link StoreOptions#vaultKeys(Surroundings)}
     * says} Never creates anything; warnings (a vault opened by a key file left by an interrupted key change) go to
     * the command's standard error.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is missing or sealed
     */
    public static OfflineVault open(StoreOptions options, Surroundings surroundings, String whileLocked) {
        return open(options.location(surroundings), options.vaultKeys(surroundings), whileLocked, options.messages());
    }

    /**
     * {@return the open vault at {@code location}, unlocked with {@code keys}} Never creates anything.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @param warnings where a warning about a key file left by an interrupted key change goes
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is missing or sealed
     */
    static OfflineVault open(StoreLocation location, VaultKeys keys, String whileLocked, PrintWriter warnings) {
        requireNonNull(whileLocked, "whileLocked");
        FileVaultStore store;
        try {
            store = FileVaultStore.open(location, OpenOptions.of(Clock.system()).withKeys(keys));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.STORE_MISSING) {
                throw new CommandFailedException(ExitStatus.forError(e.code()), e.getMessage() + System.lineSeparator()
                        + "offline-vault init (or serve) creates a new vault there.");
            }
            throw failed(e, whileLocked);
        }
        OfflineVault vault = unsealed(store, location, false);
        warnAboutLeftoverKeyFile(store, location, warnings);
        return vault;
    }

    /**
     * {@return the open vault that {@code options} locate, created first exactly as {@code serve} creates it when
     * the data dir does not exist or is empty, protected as {@code newVault} says} A creation is announced on
     * {@code messages}, never with the admin token itself, which only the admin token file holds.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is sealed
     */
    public static OfflineVault openOrCreate(StoreOptions options, NewVaultOptions newVault, Surroundings surroundings,
                                     String whileLocked, PrintWriter messages) {
        return openOrCreate(options.location(surroundings), options.vaultKeys(surroundings, newVault), whileLocked,
                messages);
    }

    /**
     * {@return the open vault at {@code location}, unlocked with {@code keys}, created first (protected by
     * {@code keys}) when the data dir does not exist or is empty} A creation is announced on {@code messages}, never
     * with the admin token itself, and so is a warning about a key file left by an interrupted key change.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is sealed
     */
    private static OfflineVault openOrCreate(StoreLocation location, VaultKeys keys, String whileLocked,
                                     PrintWriter messages) {
        requireNonNull(whileLocked, "whileLocked");
        FileVaultStore.Opening opening;
        try {
            opening = FileVaultStore.openOrCreate(location, IdGenerator.secure()::newToken,
                    OpenOptions.of(Clock.system()).withKeys(keys));
        } catch (StoreException e) {
            throw failed(e, whileLocked);
        }
        OfflineVault vault = unsealed(opening.store(), location, opening.created().isPresent());
        opening.created().ifPresent(created -> announceCreation(created, location, opening.store().keysInUse(),
                messages));
        warnAboutLeftoverKeyFile(opening.store(), location, messages);
        return vault;
    }

    /**
     * Says that a vault was created, what opens it (where its key file is, whether a passphrase does) and where its
     * admin token went; never the token, never the passphrase.
     */
    public static void announceCreation(FileVaultStore.CreatedVault created, StoreLocation location,
                                 FileVaultStore.KeysInUse keys, PrintWriter messages) {
        String opensWith = keys(keys, location, created.keyFileCreated() ? "key file " : "existing key file ");
        messages.println("created a new vault in " + location.dataDir() + " (" + opensWith + "; keep "
                + (keys.keyFile() && keys.passphrase() ? "both" : "it") + " safe: losing every key loses every secret)");
        messages.println("admin token written to " + created.adminTokenFile());
        messages.flush();
    }

    /** {@return what opens a vault with {@code keys}: "key file K", "key file K or its passphrase", "its passphrase"} */
    public static String keys(FileVaultStore.KeysInUse keys, StoreLocation location) {
        return keys(keys, location, "key file ");
    }

    private static String keys(FileVaultStore.KeysInUse keys, StoreLocation location, String keyFileLabel) {
        String keyFile = keyFileLabel + location.keyFile();
        if (keys.keyFile() && keys.passphrase()) {
            return keyFile + " or its passphrase";
        }
        return keys.keyFile() ? keyFile : "its passphrase alone, no key file";
    }

    /**
     * Warns on {@code messages} when {@code store} opened with a key file that an interrupted key change left
     * ({@code <key file>.new} or {@code <key file>.old-<date>}), naming it and the command that finishes the change.
     */
    public static void warnAboutLeftoverKeyFile(FileVaultStore store, StoreLocation location, PrintWriter messages) {
        store.openedWith().filter(OpenedWith::isLeftover).flatMap(OpenedWith::keyFile).ifPresent(leftover -> {
            messages.println("warning: the vault in " + location.dataDir() + " opened with " + leftover + ", a key"
                    + " file left by an interrupted key change, not with " + location.keyFile() + ": run offline-vault"
                    + " rekey --new-key-file again to finish the change");
            messages.flush();
        });
    }

    /** {@return whether this opening created the vault} */
    public boolean created() {
        return created;
    }

    /** {@return the store itself, for the commands that change its keys} */
    public FileVaultStore store() {
        return store;
    }

    /** {@return the inbound ports over this vault, which the commands call as the store's owner} */
    public Ports ports() {
        return ports;
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

package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The encrypted file store: opens (or creates) a vault in a data dir, holds its lock, and serves its
 * {@link VaultRepository}. A vault that fails to open is not an exception but a <em>sealed</em> store
 * that says why, changes no file and answers every use with {@link StoreUnavailableException}; only a
 * data dir locked by another holder is thrown ({@code STORE_LOCKED}). Thread-safe.
 */
public final class FileVaultStore implements AutoCloseable {
    private static final StoreLog LOG = new StoreLog(FileVaultStore.class);
    static final PassphraseKdf PASSPHRASES = new PassphraseKdf(PassphraseKdf.ARGON2ID);

    private final DataDirLock lock;
    private final FileVaultRepository repository;
    private final StoreUnavailableException sealedAtOpen;
    private final OpenedWith openedWith;
    private final FileIo io;
    private final StoreLocation location;
    // what opens the vault now (its backups are read back with them); updated by a key change, never printed
    private volatile KeyCandidates keys;

    FileVaultStore(DataDirLock lock, FileVaultRepository repository, StoreUnavailableException sealedAtOpen,
                           OpenedWith openedWith, FileIo io, StoreLocation location, KeyCandidates keys) {
        this.lock = lock;
        this.repository = repository;
        this.sealedAtOpen = sealedAtOpen;
        this.openedWith = openedWith;
        this.io = io;
        this.location = location;
        this.keys = keys;
    }

    /** Which keys open the vault now, and the key term new data is sealed under. */
    public record KeysInUse(boolean keyFile, boolean passphrase, int term) {
    }

    /** A key file changed: the new one now at the key file's path, and where the old one was kept (if any). */
    public record KeyFileChange(Path keyFile, Optional<Path> oldKeyFile) {
    }

    /** {@return the generation of the vault's newest checkpoint: it grows with every checkpoint and restore} */
    public long generation() {
        checkOpen();
        return repository.generation();
    }

    /** {@return which keys open the vault now, and the current key term} */
    public KeysInUse keysInUse() {
        checkOpen();
        return keysOf(repository.keyring());
    }

    /**
     * Rotates the data key: a checkpoint under a new key term, written now; what follows is sealed under a fresh
     * data key, and everything written before stays readable. {@return the keys in use after}
     */
    public KeysInUse rotate() {
        checkOpen();
        return keysOf(repository.rekey(Keyring::withNewTerm));
    }

    /**
     * Sets the vault's passphrase to {@code passphrase} (Argon2id with {@code params} and a fresh salt), or with
     * an empty one removes it; key-file slots stay. One checkpoint: a crash leaves the old passphrase or the new
     * one. {@code checkpoint.prev} and backups keep opening with the old passphrase.
     *
     * @throws IllegalArgumentException when removing the passphrase would leave the vault without any key
     */
    public KeysInUse changePassphrase(Optional<SecretValue> passphrase, KdfParams params) {
        checkOpen();
        if (passphrase.isEmpty() && !keysInUse().keyFile()) {
            throw new IllegalArgumentException("this vault has no key file: removing its passphrase would leave no key");
        }
        List<Kek> added = new ArrayList<>();
        passphrase.ifPresent(p -> added.add(PASSPHRASES.derive(p, params.withFreshSalt(), "the new passphrase")));
        String vaultId = repository.vaultId();
        KeysInUse now = keysOf(repository.rekey(keyring -> keyring.withSlots(keyring.slots().stream()
                .filter(slot -> !slot.isPassphrase()).toList(), added, vaultId)));
        keys = keys.withPassphrase(passphrase);
        return now;
    }

    /**
     * Replaces the key file by a new random one, in the order that survives a crash at any step: the new key is
     * written to {@code <key file>.new}; a checkpoint that both keys open; the old key file linked to
     * {@code <key file>.old-<date>} and the new one renamed over the key file, the directory forced; a checkpoint
     * that only the new key (and the passphrase, if any) opens. An interrupted change opens with either key file
     * and says which; running it again finishes it. A vault without a key file gets one.
     */
    public KeyFileChange changeKeyFile(Clock clock) {
        checkOpen();
        Path keyFile = location.keyFile();
        Path fresh = keyFile.resolveSibling(keyFile.getFileName() + KeyCandidates.NEW_SUFFIX);
        Kek newKek;
        try {
            StoreFiles.createDirectories(io, keyFile.toAbsolutePath().getParent(), "the key file's directory");
            newKek = io.exists(fresh) ? KeyFile.read(io, fresh) : KeyFile.create(io, fresh);
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the new key file (" + fresh + ")", e);
        }
        String vaultId = repository.vaultId();
        repository.rekey(keyring -> keyring.slots().stream().anyMatch(slot -> slot.kekId().equals(newKek.id()))
                ? keyring : keyring.withSlots(keyring.slots(), List.of(newKek), vaultId));
        Optional<Path> old = Optional.empty();
        try {
            if (io.exists(keyFile)) {
                old = Optional.of(keepOld(keyFile, clock));
            }
            io.moveAtomically(fresh, keyFile);
            io.forceDirectory(keyFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the key file (" + keyFile + ")", e);
        }
        keys = keys.withKeyFile(new Keyring.Candidate(OpenedWith.keyFile(keyFile), newKek));
        repository.rekey(keyring -> keyring.withSlots(keyring.slots().stream()
                .filter(slot -> slot.isPassphrase() || slot.kekId().equals(newKek.id())).toList(), List.of(), vaultId));
        return new KeyFileChange(keyFile, old);
    }

    // A hard link: the key file's path is never without a key, and no existing file is ever replaced.
    private Path keepOld(Path keyFile, Clock clock) throws IOException {
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(clock.millis()));
        for (int attempt = 0; ; attempt++) {
            Path old = keyFile.resolveSibling(keyFile.getFileName() + KeyCandidates.OLD_INFIX + date
                    + (attempt == 0 ? "" : "-" + attempt));
            if (!io.exists(old)) {
                io.createLink(old, keyFile);
                return old;
            }
        }
    }

    /**
     * Copies the vault, as of the last commit before this call, to {@code to}, a new directory that it creates
     * (never through a link), while commits go on: the writer pins that state between two commits (the newest
     * checkpoint, the journal segments up to that commit and the blobs it references, which no checkpoint deletes
     * until the copy is done) and the files are copied outside it, each written durably, the checkpoint last. The
     * copy is then read back with the keys this store was opened with (a key change since included); it never
     * holds the key file. A copy that fails is removed, and the store goes on serving. {@return what was copied}
     * Thread-safe.
     *
     * @throws InvalidParameterException when {@code to} exists (a link included) or is inside the data dir
     * @throws StoreUnavailableException when the store is sealed, saying why
     * @throws StoreException STORE_WRITE_FAILED or STORE_NO_SPACE when the copy cannot be written; the error of a
     *         copy that does not read back as the vault
     * @throws IllegalStateException when the store is closed
     */
    public BackupReport backup(Path to) {
        requireNonNull(to, "to");
        checkOpen();
        return StoreBackup.backupOpen(io, location.dataDir(), repository, keys, to);
    }

    /**
     * {@return a report on every store file of the open vault, as {@link StoreMaintenance#verify} gives offline}
     * The files are checked between two commits, while the writer and the checkpointer wait (commits wait for the
     * check; reads do not); damage is reported per file, not thrown. Thread-safe.
     *
     * @throws StoreUnavailableException when the store is sealed, saying why
     * @throws IllegalStateException when the store is closed
     */
    public VerifyReport verify() {
        checkOpen();
        return repository.whileStill(() -> StoreVerifier.verifyHeld(io, location.dataDir(), keys));
    }

    private void checkOpen() {
        if (sealedAtOpen != null) {
            throw sealedAtOpen;
        }
        StoreUnavailableException sealedNow = repository.sealedReason();
        if (sealedNow != null) {
            throw sealedNow;
        }
    }

    private static KeysInUse keysOf(Keyring keyring) {
        return new KeysInUse(keyring.slots().stream().anyMatch(slot -> !slot.isPassphrase()),
                keyring.slots().stream().anyMatch(Keyring.Slot::isPassphrase), keyring.currentTerm());
    }

    /** What {@link #openOrCreate} did: the store, and the new vault's admin token when it created one. */
    public record Opening(FileVaultStore store, Optional<CreatedVault> created) {
    }

    /** A vault just created: where its admin token went, the token itself, and whether the key file is new. */
    public record CreatedVault(Path adminTokenFile, SecretValue adminToken, boolean keyFileCreated) {
    }

    /**
     * Opens the vault at {@code location} as {@code options} say, creating it first when the data dir does not
     * exist, is empty, or holds only what an interrupted creation left ({@code vault.lock}, {@code vault.pid}, temp
     * files, and {@code admin.token} only beside the {@value VaultCreation#CREATING_MARKER} marker: without it, {@code admin.token}
     * alone is a vault that lost its checkpoint, sealed STORE_MISSING). A new vault gets the key file (created unless a valid one exists, never
     * overwritten) when the options' keys use it, and a passphrase slot when they yield a passphrase; at least one
     * of the two. {@code newAdminToken} is asked for a token only when no interrupted creation left one.
     *
     * @throws StoreException STORE_LOCKED when another process or store holds the data dir
     */
    public static Opening openOrCreate(StoreLocation location, Supplier<SecretValue> newAdminToken,
                                       OpenOptions options) {
        if (!VaultCreation.isNew(options.io(), location.dataDir())) {
            return new Opening(open(location, options), Optional.empty());
        }
        return VaultCreation.create(location, newAdminToken, options);
    }

    /**
     * {@return whether {@link #openOrCreate} would create a new vault at {@code location} now: the data dir does
     * not exist, is empty, or holds only what an interrupted creation left} Looks only; writes nothing.
     *
     * @throws StoreException STORE_PERMISSIONS when the data dir cannot be listed
     */
    public static boolean wouldCreate(StoreLocation location) {
        return VaultCreation.isNew(new RealFileIo(), location.dataDir());
    }

    /**
     * {@return the pid that the data dir's {@code vault.pid} names: the holder of its lock when another process holds
     * it, else the last holder} Empty when the file is missing or unreadable. Looks only; writes nothing.
     */
    public static OptionalLong recordedHolder(StoreLocation location) {
        return DataDirLock.recordedHolder(new RealFileIo(), location.dataDir());
    }

    /** {@return the vault at {@code location}, opened as {@code options} say, or sealed} Never creates anything. */
    public static FileVaultStore open(StoreLocation location, OpenOptions options) {
        FileIo io = options.io();
        Clock clock = options.clock();
        VaultKeys keys = options.keys();
        FileVaultRepository.Policy policy = options.policy();
        DataDirLock lock = DataDirLock.acquire(io, location.dataDir());
        try {
            Path dataDir = location.dataDir();
            DataDirModes.narrow(io, location);
            if (!io.exists(dataDir.resolve(Checkpoint.FILE))) {
                if (io.exists(dataDir.resolve(StoreLocation.ADMIN_TOKEN_FILE))
                        && !io.exists(dataDir.resolve(VaultCreation.CREATING_MARKER))) {
                    throw StoreErrors.lost("the data dir holds admin.token but no checkpoint, and no creating marker"
                            + " of an interrupted creation: the vault's checkpoint and journal were lost, so it was not"
                            + " re-initialised (its admin token would have worked against an empty vault)");
                }
                throw StoreErrors.lost("the data dir " + dataDir + " has no checkpoint but holds other store files;"
                        + " it is not a vault or its checkpoint was lost, so it was not re-initialised");
            }
            KeyCandidates candidates = KeyCandidates.of(io, location.keyFile(), keys);
            VaultImage image = readImage(io, location, candidates);
            Checkpoint.Opened checkpoint = image.checkpoint();
            Checkpoint.Header header = checkpoint.header();
            String vaultId = header.vaultId();
            Keyring keyring = checkpoint.keyring();
            Blobs blobs = new Blobs(io, dataDir, vaultId);
            JournalReplay.Result replayed = image.replayed();
            LeftoverFiles.Tidied tidied = LeftoverFiles.remove(io, dataDir, blobs, image, candidates);
            // an upper bound of the messages sealed under the current term: the checkpoint's count, every record
            // replayed, every blob file present
            long encryptions = header.encryptions() + replayed.end().lastSeq() - header.lastSeq()
                    + tidied.present().size();
            FileVaultRepository.Start position = FileVaultRepository.Start.opened(checkpoint, image.checkpointBlobs(),
                    tidied.previousBlobs(), encryptions);
            FileVaultRepository repository = new FileVaultRepository(io, dataDir, vaultId, keyring, blobs, replayed,
                    position, tidied.kept(), clock, policy);
            OpenedWith openedWith = checkpoint.unlocked().openedWith();
            if (openedWith.isLeftover()) {
                LOG.log(Level.WARNING, "the vault opened with " + openedWith.describe() + ", left by an interrupted key"
                        + " change:"
                        + " run rekey again to finish it");
            }
            return new FileVaultStore(lock, repository, null, openedWith, io, location, candidates);
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "the vault in " + location.dataDir() + " did not open: " + e.code());
            return sealed(lock, e);
        } catch (IOException e) {
            return sealed(lock, StoreErrors.unreadable("the data dir " + location.dataDir(), e));
        }
    }

    // With no key file found and no passphrase given, the key file is what is missing.
    private static VaultImage readImage(FileIo io, StoreLocation location, KeyCandidates candidates) {
        try {
            return VaultImage.read(io, location.dataDir(), candidates);
        } catch (StoreException e) {
            if (e.code() == ErrorCode.STORE_WRONG_KEY && candidates.nothingTried()) {
                throw StoreErrors.keyFileMissing(location.keyFile(), e);
            }
            throw e;
        }
    }

    /**
     * {@return a sealed store for a vault that could not even be looked at (its data dir cannot be
     * listed, say)} It holds no lock; every use says why.
     */
    public static FileVaultStore unopened(StoreException cause) {
        return sealed(null, cause);
    }

    /** {@return which key opened the vault; empty when sealed at open} */
    public Optional<OpenedWith> openedWith() {
        return Optional.ofNullable(openedWith);
    }

    /** {@return whether the store failed to open or sealed itself since} */
    public boolean isSealed() {
        return sealedBecause().isPresent();
    }

    /** {@return why the store is sealed, if it is} The message says what to do and names no secret. */
    public Optional<StoreUnavailableException> sealedBecause() {
        if (sealedAtOpen != null) {
            return Optional.of(sealedAtOpen);
        }
        return Optional.ofNullable(repository.sealedReason());
    }

    /** {@return the repository; when sealed, every call throws {@link StoreUnavailableException}} */
    public VaultRepository repository() {
        if (sealedAtOpen != null) {
            return new SealedRepository(sealedAtOpen);
        }
        return repository;
    }

    /** Finishes the commits in flight, stops the writer and releases the data dir's lock. */
    @Override
    public void close() {
        if (repository != null) {
            repository.close();
        }
        if (lock != null) {
            lock.release();
        }
    }

    static FileVaultStore sealed(DataDirLock lock, StoreException cause) {
        return new FileVaultStore(lock, null, new StoreUnavailableException(cause.code(), cause.getMessage()), null,
                null, null, null);
    }

    /** The repository of a store that did not open: every use says why. */
    private record SealedRepository(StoreUnavailableException reason) implements VaultRepository {
        @Override
        public VaultView view() {
            throw reason;
        }

        @Override
        public void commit(Batch batch) {
            throw reason;
        }
    }
}

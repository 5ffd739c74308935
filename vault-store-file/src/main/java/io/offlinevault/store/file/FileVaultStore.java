package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.TokenService;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The encrypted file store: opens (or creates) a vault in a data dir, holds its lock, and serves its
 * {@link VaultRepository}. A vault that fails to open is not an exception but a <em>sealed</em> store
 * that says why, changes no file and answers every use with {@link StoreUnavailableException}; only a
 * data dir locked by another holder is thrown ({@code STORE_LOCKED}). Thread-safe.
 */
public final class FileVaultStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FileVaultStore.class.getName());
    private static final Set<String> LEFT_BY_INTERRUPTED_CREATION =
            Set.of(StoreLocation.ADMIN_TOKEN_FILE, DataDirLock.LOCK_FILE, DataDirLock.PID_FILE);

    private final DataDirLock lock;
    private final FileVaultRepository repository;
    private final StoreUnavailableException sealedAtOpen;

    private FileVaultStore(DataDirLock lock, FileVaultRepository repository, StoreUnavailableException sealedAtOpen) {
        this.lock = lock;
        this.repository = repository;
        this.sealedAtOpen = sealedAtOpen;
    }

    /** What {@link #openOrCreate} did: the store, and the new vault's admin token when it created one. */
    public record Opening(FileVaultStore store, Optional<CreatedVault> created) {
    }

    /** A vault just created: where its admin token went, the token itself, and whether the key file is new. */
    public record CreatedVault(Path adminTokenFile, SecretValue adminToken, boolean keyFileCreated) {
    }

    /**
     * Opens the vault at {@code location}, creating it first when the data dir does not exist, is empty, or
     * holds only what an interrupted creation left ({@code admin.token}, {@code vault.lock}, {@code vault.pid}).
     * An existing valid key file is reused, never overwritten. {@code newAdminToken} is asked for a token only
     * when no interrupted creation left one.
     *
     * @throws StoreException STORE_LOCKED when another process or store holds the data dir
     */
    public static Opening openOrCreate(StoreLocation location, Supplier<SecretValue> newAdminToken, Clock clock) {
        return openOrCreate(new RealFileIo(), location, newAdminToken, clock);
    }

    /** {@return the vault at {@code location}, open or sealed} Never creates anything. */
    public static FileVaultStore open(StoreLocation location, Clock clock) {
        return open(new RealFileIo(), location, clock);
    }

    static Opening openOrCreate(FileIo io, StoreLocation location, Supplier<SecretValue> newAdminToken, Clock clock) {
        if (!isNewVault(io, location.dataDir())) {
            return new Opening(open(io, location, clock), Optional.empty());
        }
        Kek kek;
        boolean keyFileCreated;
        try {
            keyFileCreated = !io.exists(location.keyFile());
            kek = keyFileCreated ? KeyFile.create(io, location.keyFile()) : KeyFile.read(io, location.keyFile());
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the key file (" + location.keyFile() + ")", e);
        } catch (StoreException e) {
            return new Opening(sealed(null, e), Optional.empty());
        }
        StoreFiles.createDirectories(io, location.dataDir(), "the data dir");
        DataDirLock lock = DataDirLock.acquire(io, location.dataDir());
        try {
            SecretValue token;
            if (AdminTokenFile.exists(io, location.adminTokenFile())) {
                token = AdminTokenFile.read(io, location.adminTokenFile());
            } else {
                token = newAdminToken.get();
                StoreFiles.createDirectories(io, location.adminTokenFile().getParent(), "the admin token file's directory");
                AdminTokenFile.create(io, location.adminTokenFile(), token);
            }
            VaultState first = VaultState.empty().apply(TokenService.firstCommit(token, clock.millis()));
            String vaultId = Blobs.newId();
            Keyring keyring = Keyring.create();
            byte[] payload = StoreJson.write(StateCodec.encode(first, BlobIndex.empty()));
            Checkpoint.Header header = new Checkpoint.Header(vaultId, 0, keyring.currentTerm(), clock.millis());
            Checkpoint.replace(io, location.dataDir(), Checkpoint.seal(header, keyring, kek, payload));
            FileVaultRepository repository = new FileVaultRepository(io, location.dataDir(), vaultId, kek, keyring,
                    first, BlobIndex.empty(), 0, Set.of(), clock);
            LOG.log(Level.INFO, "created a new vault in " + location.dataDir());
            return new Opening(new FileVaultStore(lock, repository, null),
                    Optional.of(new CreatedVault(location.adminTokenFile(), token, keyFileCreated)));
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    static FileVaultStore open(FileIo io, StoreLocation location, Clock clock) {
        DataDirLock lock = DataDirLock.acquire(io, location.dataDir());
        try {
            Kek kek = KeyFile.read(io, location.keyFile());
            Path dataDir = location.dataDir();
            if (!io.exists(dataDir.resolve(Checkpoint.FILE))) {
                throw new StoreException(ErrorCode.STORE_MISSING, "The data dir " + dataDir + " has no checkpoint but"
                        + " holds other store files: it is not a vault, or its checkpoint was lost. Restore it from a"
                        + " backup; it was not re-initialised.");
            }
            Checkpoint.Opened checkpoint = Checkpoint.read(io, dataDir.resolve(Checkpoint.FILE), kek, "the checkpoint");
            String vaultId = checkpoint.header().vaultId();
            Blobs blobs = new Blobs(io, dataDir, vaultId);
            StateCodec.Decoded decoded = decode(checkpoint.tree());
            for (String id : decoded.blobs().ids()) {
                blobs.verify(id, checkpoint.keyring());
            }
            Set<String> blobFiles = cleanUp(io, location, kek, blobs, decoded.blobs());
            FileVaultRepository repository = new FileVaultRepository(io, dataDir, vaultId, kek, checkpoint.keyring(),
                    decoded.state(), decoded.blobs(), checkpoint.header().generation(), blobFiles, clock);
            return new FileVaultStore(lock, repository, null);
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "the vault in " + location.dataDir() + " did not open: " + e.code());
            return sealed(lock, e);
        } catch (IOException e) {
            return sealed(lock, new StoreException(ErrorCode.STORE_CORRUPT, "The data dir " + location.dataDir()
                    + " could not be read (" + StoreErrors.reason(e) + "): check its permissions and the disk.", e));
        }
    }

    /**
     * {@return a sealed store for a vault that could not even be looked at (its data dir cannot be
     * listed, say)} It holds no lock; every use says why.
     */
    public static FileVaultStore unopened(StoreException cause) {
        return sealed(null, cause);
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

    private static FileVaultStore sealed(DataDirLock lock, StoreException cause) {
        return new FileVaultStore(lock, null, new StoreUnavailableException(cause.code(), cause.getMessage()));
    }

    private static StateCodec.Decoded decode(Object tree) {
        try {
            return StateCodec.decode(tree);
        } catch (RecordCodec.MalformedRecordException e) {
            throw new StoreException(ErrorCode.STORE_CORRUPT, "The checkpoint decrypted but holds a "
                    + e.getMessage() + ": this build cannot read it. Restore the data dir from a backup.");
        }
    }

    private static boolean isNewVault(FileIo io, Path dataDir) {
        try {
            if (!io.exists(dataDir)) {
                return true;
            }
            List<Path> present = io.list(dataDir);
            return present.stream().allMatch(p -> LEFT_BY_INTERRUPTED_CREATION.contains(p.getFileName().toString()));
        } catch (IOException e) {
            throw new StoreException(ErrorCode.STORE_PERMISSIONS, "The data dir " + dataDir + " cannot be listed ("
                    + StoreErrors.reason(e) + "): check that it is a directory this user owns.", e);
        }
    }

    // Only after a successful open: stale temp files, and blobs that neither checkpoint nor checkpoint.prev needs.
    private static Set<String> cleanUp(FileIo io, StoreLocation location, Kek kek, Blobs blobs, BlobIndex index)
            throws IOException {
        Path dataDir = location.dataDir();
        int temps = 0;
        for (Path file : io.list(dataDir)) {
            if (StoreFiles.isTemp(file) && io.deleteIfExists(file)) {
                temps++;
            }
        }
        for (Path file : blobs.staleTemps()) {
            if (io.deleteIfExists(file)) {
                temps++;
            }
        }
        Set<String> present = new HashSet<>(blobs.list());
        Optional<Set<String>> needed = neededBlobs(io, dataDir, kek, index);
        int removed = 0;
        if (needed.isPresent()) {
            for (String id : Set.copyOf(present)) {
                if (!needed.get().contains(id) && blobs.delete(id)) {
                    present.remove(id);
                    removed++;
                }
            }
        }
        if (temps + removed > 0) {
            LOG.log(Level.INFO, "removed " + temps + " stale temp files and " + removed + " unreferenced blobs");
        }
        return present;
    }

    // Blobs of the checkpoint and of checkpoint.prev; empty (delete nothing) when checkpoint.prev cannot be read.
    private static Optional<Set<String>> neededBlobs(FileIo io, Path dataDir, Kek kek, BlobIndex index)
            throws IOException {
        Set<String> needed = new HashSet<>(index.ids());
        Path previous = dataDir.resolve(Checkpoint.PREVIOUS);
        if (!io.exists(previous)) {
            return Optional.of(needed);
        }
        try {
            Checkpoint.Opened opened = Checkpoint.read(io, previous, kek, "the previous checkpoint");
            needed.addAll(StateCodec.decode(opened.tree()).blobs().ids());
            return Optional.of(needed);
        } catch (StoreException | RecordCodec.MalformedRecordException e) {
            LOG.log(Level.WARNING, "the previous checkpoint does not open (" + e.getClass().getSimpleName()
                    + "); unreferenced blobs are kept");
            return Optional.empty();
        }
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

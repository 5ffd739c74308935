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
     * holds only what an interrupted creation left ({@code admin.token}, {@code vault.lock}, {@code vault.pid},
     * temp files).
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
        return openOrCreate(io, location, newAdminToken, clock, FileVaultRepository.Policy.DEFAULT);
    }

    static Opening openOrCreate(FileIo io, StoreLocation location, Supplier<SecretValue> newAdminToken, Clock clock,
                                FileVaultRepository.Policy policy) {
        if (!isNewVault(io, location.dataDir())) {
            return new Opening(open(io, location, clock, policy), Optional.empty());
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
            Checkpoint.Header header = new Checkpoint.Header(vaultId, 0, keyring.currentTerm(), clock.millis(), 0, 0);
            byte[] checkpoint = Checkpoint.seal(header, keyring, kek, payload);
            Checkpoint.replace(io, location.dataDir(), checkpoint);
            Blobs blobs = new Blobs(io, location.dataDir(), vaultId);
            FileView view = new FileView(first, BlobIndex.empty(), new BlobReader(blobs, keyring));
            FileVaultRepository repository = new FileVaultRepository(io, location.dataDir(), vaultId, kek, keyring,
                    blobs, new JournalReplay.Result(view, new JournalReplay.End(Optional.empty(), 0, 0)),
                    new FileVaultRepository.Start(0, checkpoint.length, 0, Set.of(), Set.of(), false), Set.of(), clock,
                    policy);
            LOG.log(Level.INFO, "created a new vault in " + location.dataDir());
            return new Opening(new FileVaultStore(lock, repository, null),
                    Optional.of(new CreatedVault(location.adminTokenFile(), token, keyFileCreated)));
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    static FileVaultStore open(FileIo io, StoreLocation location, Clock clock) {
        return open(io, location, clock, FileVaultRepository.Policy.DEFAULT);
    }

    static FileVaultStore open(FileIo io, StoreLocation location, Clock clock, FileVaultRepository.Policy policy) {
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
            Checkpoint.Header header = checkpoint.header();
            String vaultId = header.vaultId();
            Blobs blobs = new Blobs(io, dataDir, vaultId);
            StateCodec.Decoded decoded = decode(checkpoint.tree());
            FileView start = new FileView(decoded.state(), decoded.blobs(), new BlobReader(blobs, checkpoint.keyring()));
            JournalReplay.Result replayed = JournalReplay.replay(io, dataDir, vaultId, checkpoint.keyring(), start,
                    header.coversThrough(), header.lastSeq());
            Set<String> live = replayed.view().blobs().ids();
            for (String id : live) {
                blobs.verify(id, checkpoint.keyring());
            }
            Set<String> present = new HashSet<>(blobs.list());
            Optional<Set<String>> previous = previousCheckpointBlobs(io, dataDir, kek);
            Set<String> needed = new HashSet<>(live);
            needed.addAll(decoded.blobs().ids());
            previous.ifPresent(needed::addAll);
            Set<String> blobFiles = cleanUp(io, dataDir, blobs, present, previous.isPresent() ? needed : present);
            FileVaultRepository.Start position = new FileVaultRepository.Start(header.generation(), checkpoint.size(),
                    header.coversThrough(), decoded.blobs().ids(), previous.orElse(present), checkpoint.version() == 1);
            FileVaultRepository repository = new FileVaultRepository(io, dataDir, vaultId, kek, checkpoint.keyring(),
                    blobs, replayed, position, blobFiles, clock, policy);
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
            // temp files are never read: a creation killed while writing vault.pid or the checkpoint leaves one
            return present.stream().allMatch(p -> LEFT_BY_INTERRUPTED_CREATION.contains(p.getFileName().toString())
                    || StoreFiles.isTemp(p));
        } catch (IOException e) {
            throw new StoreException(ErrorCode.STORE_PERMISSIONS, "The data dir " + dataDir + " cannot be listed ("
                    + StoreErrors.reason(e) + "): check that it is a directory this user owns.", e);
        }
    }

    // Only after a successful open: stale temp files, and the blob files that nothing needs; {@return the rest}
    private static Set<String> cleanUp(FileIo io, Path dataDir, Blobs blobs, Set<String> present, Set<String> needed)
            throws IOException {
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
        Set<String> kept = new HashSet<>(present);
        int removed = 0;
        for (String id : present) {
            if (!needed.contains(id) && blobs.delete(id)) {
                kept.remove(id);
                removed++;
            }
        }
        if (temps + removed > 0) {
            LOG.log(Level.INFO, "removed " + temps + " stale temp files and " + removed + " unreferenced blobs");
        }
        return kept;
    }

    // The blobs checkpoint.prev references; empty (keep every blob) when it cannot be read. None when it is absent.
    private static Optional<Set<String>> previousCheckpointBlobs(FileIo io, Path dataDir, Kek kek) throws IOException {
        Path previous = dataDir.resolve(Checkpoint.PREVIOUS);
        if (!io.exists(previous)) {
            return Optional.of(Set.of());
        }
        try {
            Checkpoint.Opened opened = Checkpoint.read(io, previous, kek, "the previous checkpoint");
            return Optional.of(StateCodec.decode(opened.tree()).blobs().ids());
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

package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.service.TokenService;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creating a vault in a data dir ({@link FileVaultStore#openOrCreate}): what counts as a new data dir (empty, or
 * only what an interrupted creation left), and the creation itself, marker first and generation 0 last, so that
 * an interrupted one is taken up again by the next call rather than mistaken for a vault that lost its files.
 */
final class VaultCreation {
    // the store's log lines keep the one logger name that operators and tests filter on
    private static final StoreLog LOG = new StoreLog(FileVaultStore.class);
    /**
     * The marker of a creation in progress: written and forced, with its directory, before anything else of the vault
     * in the data dir, removed once generation 0 is durable. Only with it does {@code admin.token} without a
     * checkpoint mean an interrupted creation rather than a vault whose checkpoint and journal were lost.
     */
    static final String CREATING_MARKER = "creating";
    private static final Set<String> LEFT_BY_INTERRUPTED_CREATION =
            Set.of(StoreLocation.ADMIN_TOKEN_FILE, DataDirLock.LOCK_FILE, DataDirLock.PID_FILE, CREATING_MARKER);

    private VaultCreation() {
    }

    /**
     * {@return whether the data dir does not exist, is empty, or holds only what an interrupted creation left}
     *
     * @throws StoreException STORE_PERMISSIONS when it cannot be listed
     */
    static boolean isNew(FileIo io, Path dataDir) {
        try {
            if (!io.exists(dataDir)) {
                return true;
            }
            List<Path> present = io.list(dataDir);
            Set<String> names = new HashSet<>();
            present.forEach(p -> names.add(p.getFileName().toString()));
            // temp files are never read: a creation killed while writing vault.pid or the checkpoint leaves one;
            // admin.token without the marker is a vault that lost its checkpoint and journal, never a new one
            return present.stream().allMatch(p -> LEFT_BY_INTERRUPTED_CREATION.contains(p.getFileName().toString())
                    || StoreFiles.isTemp(p))
                    && (!names.contains(StoreLocation.ADMIN_TOKEN_FILE) || names.contains(CREATING_MARKER));
        } catch (IOException e) {
            throw StoreErrors.directoryNotAccessible("the data dir " + dataDir, dataDir, e);
        }
    }

    static FileVaultStore.Opening create(StoreLocation location, Supplier<SecretValue> newAdminToken, OpenOptions options) {
        FileIo io = options.io();
        VaultKeys keys = options.keys();
        Clock clock = options.clock();
        List<Kek> keks = new ArrayList<>();
        boolean keyFileCreated = false;
        KeyCandidates known;
        try {
            List<Keyring.Candidate> keyFiles = new ArrayList<>();
            if (keys.useKeyFile()) {
                keyFileCreated = !io.exists(location.keyFile());
                keks.add(keyFileCreated ? KeyFile.create(io, location.keyFile()) : KeyFile.read(io, location.keyFile()));
                keyFiles.add(new Keyring.Candidate(OpenedWith.keyFile(location.keyFile()), keks.get(0)));
            }
            Optional<SecretValue> passphrase = keys.passphrase().get();
            known = KeyCandidates.known(keyFiles, passphrase);
            if (passphrase.isPresent()) {
                keks.add(FileVaultStore.PASSPHRASES.derive(passphrase.get(), keys.newSlotParams().withFreshSalt(), "the new passphrase"));
            }
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the key file (" + location.keyFile() + ")", e);
        } catch (StoreException e) {
            return new FileVaultStore.Opening(FileVaultStore.sealed(null, e), Optional.empty());
        }
        if (keks.isEmpty()) {
            throw new IllegalArgumentException("a new vault needs a key file, a passphrase or both");
        }
        StoreFiles.createDirectories(io, location.dataDir(), "the data dir");
        DataDirLock lock = DataDirLock.acquire(io, location.dataDir());
        try {
            DataDirModes.narrow(io, location);
            Path marker = location.dataDir().resolve(CREATING_MARKER);
            if (!io.exists(marker)) {
                StoreFiles.writeAtomically(io, marker, "an offline-vault creation in progress\n"
                        .getBytes(StandardCharsets.US_ASCII), "the creating marker");
            }
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
            Keyring keyring = Keyring.create(keks, vaultId);
            byte[] payload = StateCodec.write(first, BlobIndex.empty(), Optional.of(Set.of()));
            Checkpoint.Header header = Checkpoint.Header.first(vaultId, keyring.currentTerm(), clock.millis());
            byte[] checkpoint = Checkpoint.seal(header, keyring, payload);
            Checkpoint.replace(io, location.dataDir(), checkpoint);
            removeCreatingMarker(io, location.dataDir());
            Blobs blobs = new Blobs(io, location.dataDir(), vaultId);
            FileView view = new FileView(first, BlobIndex.empty(), new BlobReader(blobs, keyring));
            FileVaultRepository repository = new FileVaultRepository(io, location.dataDir(), vaultId, keyring,
                    blobs, new JournalReplay.Result(view, new JournalReplay.End(Optional.empty(), 0, 0)),
                    FileVaultRepository.Start.newVault(checkpoint.length), Set.of(),
                    clock, options.policy());
            LOG.log(Level.INFO, "created a new vault in " + location.dataDir());
            OpenedWith openedWith = keys.useKeyFile() ? OpenedWith.keyFile(location.keyFile()) : OpenedWith.passphrase();
            return new FileVaultStore.Opening(new FileVaultStore(lock, repository, null, openedWith, io, location, known),
                    Optional.of(new FileVaultStore.CreatedVault(location.adminTokenFile(), token, keyFileCreated)));
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        } catch (IOException e) {
            lock.release();
            throw StoreErrors.writeFailed("the creating marker", e);
        }
    }

    // Generation 0 is durable: a marker left now (a failed delete, a crash) is removed by the next open.
    private static void removeCreatingMarker(FileIo io, Path dataDir) {
        try {
            io.deleteIfExists(dataDir.resolve(CREATING_MARKER));
            io.forceDirectory(dataDir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the creating marker of the new vault ("
                    + e.getClass().getSimpleName() + "); the next open removes it");
        }
    }
}

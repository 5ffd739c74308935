package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an open removes once the vault has opened: temp files that an interrupted write left, the marker of a
 * creation that completed, and the blob files that neither the state, the checkpoint nor {@code checkpoint.prev}
 * references (all of them are kept when {@code checkpoint.prev} does not open, since it might need any). Logs what it
 * removed, never a name of a secret.
 */
final class LeftoverFiles {
    // the store's log lines keep the one logger name that operators and tests filter on
    private static final StoreLog LOG = new StoreLog(FileVaultStore.class);

    /**
     * The blob files after an open's tidying.
     *
     * @param present the blob files found (each sealed under the current term, at most)
     * @param previousBlobs the blobs {@code checkpoint.prev} references, or every blob present when it does not open
     * @param kept the blob files left
     */
    record Tidied(Set<String> present, Set<String> previousBlobs, Set<String> kept) {
    }

    private LeftoverFiles() {
    }

    /** {@return the blob files of the vault opened as {@code image}, after removing what nothing needs} */
    static Tidied remove(FileIo io, Path dataDir, Blobs blobs, VaultImage image, Keyring.KeySource keys)
            throws IOException {
        Set<String> present = new HashSet<>(blobs.list());
        Optional<Set<String>> previous = image.previousBlobs().isPresent() ? image.previousBlobs()
                : previousCheckpointBlobs(io, dataDir, keys);
        Set<String> needed = new HashSet<>(image.liveBlobs());
        needed.addAll(image.checkpointBlobs());
        previous.ifPresent(needed::addAll);
        Set<String> kept = cleanUp(io, dataDir, blobs, present, previous.isPresent() ? needed : present);
        return new Tidied(present, previous.orElse(present), kept);
    }

    // Stale temp files, the creating marker, and the blob files that nothing needs; {@return the blob files kept}
    private static Set<String> cleanUp(FileIo io, Path dataDir, Blobs blobs, Set<String> present, Set<String> needed)
            throws IOException {
        int temps = 0;
        if (io.deleteIfExists(dataDir.resolve(VaultCreation.CREATING_MARKER))) {
            LOG.log(Level.INFO, "removed the creating marker left by a creation that completed");
        }
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
    private static Optional<Set<String>> previousCheckpointBlobs(FileIo io, Path dataDir, Keyring.KeySource keys)
            throws IOException {
        Path previous = dataDir.resolve(Checkpoint.PREVIOUS);
        if (!io.exists(previous)) {
            return Optional.of(Set.of());
        }
        try {
            Checkpoint.Opened opened = Checkpoint.read(io, previous, keys, FileVaultStore.PASSPHRASES,
                    "the previous checkpoint");
            return Optional.of(opened.decode().blobs().ids());
        } catch (StoreException | RecordCodec.MalformedRecordException e) {
            LOG.log(Level.WARNING, "the previous checkpoint does not open (" + e.getClass().getSimpleName()
                    + "); unreferenced blobs are kept");
            return Optional.empty();
        }
    }
}

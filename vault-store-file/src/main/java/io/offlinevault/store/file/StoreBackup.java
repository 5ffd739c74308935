package io.offlinevault.store.file;

import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies a vault to a new directory, as its owner, while it holds the data dir's lock: the checkpoint, the
 * journal segments above it (the newest cut at its last valid record), and the blobs the resulting state needs;
 * never the key file, {@code checkpoint.prev}, the lock or the admin token. Every file is written temp -> force
 * -> rename -> directory force, the blobs first and the checkpoint last, so a copy without a checkpoint is
 * visibly incomplete. The copy is then opened, read-only, with the same keys; a copy that fails is removed.
 */
final class StoreBackup {
    private final FileIo io;
    private final Path dataDir;
    private final Path target;
    private final List<Path> written = new ArrayList<>();
    private final List<Path> createdDirectories = new ArrayList<>();
    private long bytes;

    private StoreBackup(FileIo io, Path dataDir, Path target) {
        this.io = io;
        this.dataDir = dataDir;
        this.target = target;
    }

    /**
     * {@return what was copied from {@code location}'s vault to {@code to}}
     *
     * @throws InvalidParameterException when {@code to} is not a new or empty directory outside the data dir
     * @throws StoreException STORE_LOCKED while another process holds the data dir; the error of a vault that does
     *         not open; STORE_WRITE_FAILED or STORE_NO_SPACE when the copy cannot be written (nothing is left of it)
     */
    static BackupReport backup(FileIo io, StoreLocation location, VaultKeys keys, Path to) {
        Path target = to.toAbsolutePath().normalize();
        if (StoreMaintenance.isWithin(target, location.dataDir())) {
            throw new InvalidParameterException("The backup directory " + target + " is inside the data dir "
                    + location.dataDir() + ": give a directory outside it, best on another disk.");
        }
        checkEmpty(io, target);
        try (DataDirLock lock = DataDirLock.acquire(io, location.dataDir())) {
            KeyCandidates candidates = StoreMaintenance.candidates(io, location, keys);
            VaultImage source = VaultImage.read(io, lock.dataDir(), candidates);
            return new StoreBackup(io, lock.dataDir(), target).copy(source, candidates);
        }
    }

    private static void checkEmpty(FileIo io, Path target) {
        try {
            if (io.exists(target) && !io.list(target).isEmpty()) {
                throw new InvalidParameterException("The backup directory " + target + " is not empty: give a new or"
                        + " empty directory (a backup never writes over files).");
            }
        } catch (NotDirectoryException e) {
            throw new InvalidParameterException("The backup directory " + target + " is a file: give a new or empty"
                    + " directory.");
        } catch (IOException e) {
            throw new InvalidParameterException("The backup directory " + target + " cannot be listed ("
                    + StoreErrors.reason(e) + "): give a directory this user may write.");
        }
    }

    private BackupReport copy(VaultImage source, Keyring.KeySource keys) {
        try {
            directory(target, "the backup directory");
            Set<String> blobs = new TreeSet<>(source.liveBlobs());
            if (!blobs.isEmpty()) {
                directory(target.resolve(Blobs.DIRECTORY), "the backup's blobs directory");
            }
            for (String id : blobs) {
                copy(Blobs.DIRECTORY + "/" + id, Container.maxFileSize(StoreJson.MAX_BLOB), -1, "the blob " + id);
            }
            JournalReplay.End end = source.replayed().end();
            for (long number : source.segments()) {
                boolean newest = end.newest().map(place -> place.segment() == number).orElse(false);
                copy(JournalSegment.path(dataDir, number).getFileName().toString(), StoreFiles.MAX_ARRAY,
                        newest ? end.validLength() : -1, "the journal segment " + number);
            }
            copy(Checkpoint.FILE, Container.maxFileSize(StoreJson.MAX_CHECKPOINT), -1, "the checkpoint");
            checkCopy(source, VaultImage.readBackup(io, target, keys));
            return new BackupReport(target.toString(), source.header().generation(), source.header().writtenAt(),
                    source.lastSeq(), source.segments().size(), blobs.size(), bytes,
                    source.checkpoint().unlocked().openedWith().keyFile().map(Path::toString));
        } catch (RuntimeException e) {
            removeCopy(e);
            throw e;
        }
    }

    // The newest segment is cut at its last valid record: a torn tail is not part of the vault.
    private void copy(String name, long maxBytes, long validLength, String what) {
        byte[] content = StoreFiles.readLimited(io, dataDir.resolve(name), maxBytes, what);
        if (validLength >= 0 && validLength < content.length) {
            content = Arrays.copyOf(content, (int) validLength);
        }
        Path copy = target.resolve(name);
        written.add(copy);
        StoreFiles.writeAtomically(io, copy, content, "the backup's copy of " + what);
        bytes += content.length;
    }

    private void directory(Path dir, String what) {
        List<Path> missing = new ArrayList<>();
        try {
            for (Path current = dir; current != null && !io.exists(current); current = current.getParent()) {
                missing.add(0, current);
            }
        } catch (IOException e) {
            throw StoreErrors.writeFailed(what + " (" + dir + ")", e);
        }
        createdDirectories.addAll(missing);
        StoreFiles.createDirectories(io, dir, what);
    }

    private static void checkCopy(VaultImage source, VaultImage copy) {
        if (!copy.header().vaultId().equals(source.header().vaultId())
                || copy.header().generation() != source.header().generation() || copy.lastSeq() != source.lastSeq()
                || !copy.liveBlobs().equals(source.liveBlobs())) {
            throw StoreErrors.backupMismatch("generation " + copy.header().generation() + " through record "
                    + copy.lastSeq() + " instead of generation " + source.header().generation() + " through record "
                    + source.lastSeq());
        }
    }

    // Only what this backup wrote: the directory was new or empty.
    private void removeCopy(RuntimeException failure) {
        for (int i = written.size() - 1; i >= 0; i--) {
            StoreFiles.deleteQuietly(io, written.get(i), failure);
        }
        for (int i = createdDirectories.size() - 1; i >= 0; i--) {
            StoreFiles.deleteQuietly(io, createdDirectories.get(i), failure);
        }
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Copies a vault to a directory: the checkpoint, the journal segments above it (the newest cut at the last record
 * of the state copied), and the blobs that state needs; never the key file, {@code checkpoint.prev}, the lock or
 * the admin token. Either offline, as the vault's owner holding the data dir's lock, or from an open store while
 * its writer goes on, at a commit boundary the writer pinned (see {@link FileVaultRepository#pinBoundary}). Every
 * file is written temp -> force -> rename -> directory force, the blobs first, then {@link BackupManifest
 * backup.json} (the SHA-256 of every file), and the checkpoint last, so a copy without a checkpoint is visibly
 * incomplete. The copy is then opened, read-only, with the same keys and compared
 * with what was meant to be copied; a copy that fails is removed.
 */
final class StoreBackup {
    private final FileIo io;
    private final Path dataDir;
    private final Path target;
    private final List<Path> written = new ArrayList<>();
    private final List<Path> createdDirectories = new ArrayList<>();
    private final Map<String, String> digests = new TreeMap<>();
    private long bytes;

    private StoreBackup(FileIo io, Path dataDir, Path target) {
        this.io = io;
        this.dataDir = dataDir;
        this.target = target;
    }

    /**
     * The state a backup copies and what its copy must read back as: the vault, the checkpoint's generation and
     * bytes (read when copied, last), the segments above it (the newest, {@code newestSegment}, cut at
     * {@code newestLength} bytes), the last record and the blobs the state references.
     */
    private record Source(String vaultId, long generation, Supplier<byte[]> checkpoint, List<Long> segments,
                          long newestSegment, long newestLength, long lastSeq, Set<String> liveBlobs) {
        static Source of(VaultImage image, FileIo io, Path dataDir) {
            JournalReplay.End end = image.replayed().end();
            return new Source(image.header().vaultId(), image.header().generation(),
                    () -> StoreFiles.readLimited(io, dataDir.resolve(Checkpoint.FILE),
                            Container.maxFileSize(StoreJson.MAX_CHECKPOINT), "the checkpoint"),
                    image.segments(), end.newest().map(JournalRecord.Place::segment).orElse(-1L), end.validLength(),
                    image.lastSeq(), image.liveBlobs());
        }

        // The segments above the checkpoint through the boundary's newest one: a closed segment never changes.
        static Source of(FileVaultRepository.Boundary boundary, byte[] checkpoint) {
            Checkpoint.Header header = Checkpoint.peek(checkpoint, "the checkpoint");
            return new Source(boundary.vaultId(), header.generation(), () -> checkpoint,
                    LongStream.rangeClosed(header.coversThrough() + 1, boundary.newestSegment()).boxed().toList(),
                    boundary.newestSegment(), boundary.newestLength(), boundary.lastSeq(), boundary.liveBlobs());
        }
    }

    /**
     * {@return what was copied from {@code location}'s vault to {@code to}}
     *
     * @throws InvalidParameterException when {@code to} is not a new or empty directory outside the data dir
     * @throws StoreException STORE_LOCKED while another process holds the data dir; the error of a vault that does
     *         not open; STORE_WRITE_FAILED or STORE_NO_SPACE when the copy cannot be written (nothing is left of it)
     */
    static BackupReport backup(FileIo io, StoreLocation location, VaultKeys keys, Path to) {
        Path target = outside(to, location.dataDir());
        checkEmpty(io, target);
        try (DataDirLock lock = DataDirLock.acquire(io, location.dataDir())) {
            KeyCandidates candidates = StoreMaintenance.candidates(io, location, keys);
            VaultImage source = VaultImage.read(io, lock.dataDir(), candidates);
            StoreBackup backup = new StoreBackup(io, lock.dataDir(), target);
            Source copied = Source.of(source, io, lock.dataDir());
            return backup.removedOnFailure(() -> {
                backup.directory(target, "the backup directory");
                backup.copy(copied);
                return backup.readBack(copied, candidates);
            });
        }
    }

    /**
     * {@return what was copied from the open vault of {@code repository} in {@code dataDir} to the new directory
     * {@code to}} The state is the one of the last commit before the call: the writer pins it and goes on; the
     * files are copied outside it, and the copy read back with {@code keys}.
     *
     * @throws InvalidParameterException when {@code to} exists (even as a link) or is inside the data dir
     * @throws StoreException the reason a sealed store gives; STORE_WRITE_FAILED or STORE_NO_SPACE when the copy
     *         cannot be written (nothing is left of it)
     * @throws IllegalStateException when the store is closed
     */
    static BackupReport backupOpen(FileIo io, Path dataDir, FileVaultRepository repository, Keyring.KeySource keys,
                                   Path to) {
        Path target = outside(to, dataDir);
        checkNew(io, target);
        StoreBackup backup = new StoreBackup(io, dataDir, target);
        return backup.removedOnFailure(() -> {
            Source source;
            try (FileVaultRepository.Boundary boundary = repository.pinBoundary()) {
                backup.createTarget();
                source = Source.of(boundary, boundary.checkpointBytes());
                backup.copy(source);
            }
            return backup.readBack(source, keys);
        });
    }

    private static Path outside(Path to, Path dataDir) {
        Path target = to.toAbsolutePath().normalize();
        if (StoreMaintenance.isWithin(target, dataDir)) {
            throw new InvalidParameterException("The backup directory " + target + " is inside the data dir "
                    + dataDir + ": give a directory outside it, best on another disk.");
        }
        return target;
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
            throw notListable(target, e);
        }
    }

    private static void checkNew(FileIo io, Path target) {
        try {
            if (io.exists(target)) {
                throw exists(target);
            }
        } catch (IOException e) {
            throw notListable(target, e);
        }
    }

    private static InvalidParameterException exists(Path target) {
        return new InvalidParameterException("The backup directory " + target + " already exists: a backup of an"
                + " open vault goes to a new directory, which it creates (it never writes into an existing one, nor"
                + " follows a link).");
    }

    private static InvalidParameterException notListable(Path target, IOException e) {
        return new InvalidParameterException("The backup directory " + target + " cannot be listed ("
                + StoreErrors.reason(e) + "): give a directory this user may write.");
    }

    // Any failure removes what this backup wrote: the directory was new or empty.
    private BackupReport removedOnFailure(Supplier<BackupReport> steps) {
        try {
            return steps.get();
        } catch (RuntimeException e) {
            removeCopy(e);
            throw e;
        }
    }

    private void copy(Source source) {
        Set<String> blobs = new TreeSet<>(source.liveBlobs());
        if (!blobs.isEmpty()) {
            directory(target.resolve(Blobs.DIRECTORY), "the backup's blobs directory");
        }
        for (String id : blobs) {
            String name = Blobs.DIRECTORY + "/" + id;
            write(name, StoreFiles.readLimited(io, dataDir.resolve(name), Container.maxFileSize(StoreJson.MAX_BLOB),
                    "the blob " + id), "the blob " + id);
        }
        for (long number : source.segments()) {
            Path segment = JournalSegment.path(dataDir, number);
            String what = "the journal segment " + number;
            // the newest segment is cut at the state's last record: a torn tail, or later commits, are not part of it
            byte[] content = number == source.newestSegment()
                    ? StoreFiles.readPrefix(io, segment, source.newestLength(), what)
                    : StoreFiles.readLimited(io, segment, StoreFiles.MAX_ARRAY, what);
            write(segment.getFileName().toString(), content, what);
        }
        byte[] checkpoint = source.checkpoint().get();
        digests.put(Checkpoint.FILE, BackupManifest.sha256(checkpoint));
        BackupManifest manifest = new BackupManifest(source.vaultId(), source.generation(), source.lastSeq(),
                source.segments(), digests);
        write(BackupManifest.FILE, manifest.encode(), "the backup's " + BackupManifest.FILE);
        write(Checkpoint.FILE, checkpoint, "the checkpoint");
    }

    private BackupReport readBack(Source source, Keyring.KeySource keys) {
        VaultImage copy = VaultImage.readBackup(io, target, keys);
        BackupManifest.read(io, target).orElseThrow(() -> StoreErrors.backupMismatch("no " + BackupManifest.FILE))
                .verify(io, target);
        if (!copy.header().vaultId().equals(source.vaultId()) || copy.header().generation() != source.generation()
                || copy.lastSeq() != source.lastSeq() || !copy.liveBlobs().equals(source.liveBlobs())) {
            throw StoreErrors.backupMismatch("generation " + copy.header().generation() + " through record "
                    + copy.lastSeq() + " instead of generation " + source.generation() + " through record "
                    + source.lastSeq());
        }
        return new BackupReport(target.toString(), copy.header().generation(), copy.header().writtenAt(),
                copy.lastSeq(), copy.segments().size(), copy.liveBlobs().size(), bytes,
                copy.checkpoint().unlocked().openedWith().keyFile().map(Path::toString));
    }

    private void write(String name, byte[] content, String what) {
        Path copy = target.resolve(name);
        written.add(copy);
        digests.put(name, BackupManifest.sha256(content));
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
            throw StoreErrors.writeFailed(what, e);
        }
        createdDirectories.addAll(missing);
        StoreFiles.createDirectories(io, dir, what);
    }

    // The target itself is created here, never found: one that appeared since the check (a link, say) is refused.
    private void createTarget() {
        directory(target.getParent(), "the backup directory's parent");
        try {
            io.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the backup directory " + target.getFileName(), e);
        }
        createdDirectories.add(target);
        StoreFiles.forceDirectory(io, target.getParent(), "the backup directory " + target.getFileName());
    }

    // Only what this backup wrote, the newest first.
    private void removeCopy(RuntimeException failure) {
        for (int i = written.size() - 1; i >= 0; i--) {
            StoreFiles.deleteQuietly(io, written.get(i), failure);
        }
        for (int i = createdDirectories.size() - 1; i >= 0; i--) {
            StoreFiles.deleteQuietly(io, createdDirectories.get(i), failure);
        }
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.Clock;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a verified backup the vault of a data dir, keeping the store files it replaces. In this order, so that
 * a crash at any step leaves either the old store files in place or a complete restored store:
 * <ol>
 *   <li>the backup is opened read-only with the keys given (checkpoint, replay, blobs); if it does not open,
 *       nothing is touched;</li>
 *   <li>the data dir is locked; every store file in it ({@code checkpoint}, {@code checkpoint.prev},
 *       {@code journal.*}, {@code blobs/*}) is hard-linked into a new {@code damaged-<date>/} (forced): the old
 *       files are now kept there whatever follows, and still in place;</li>
 *   <li>the blobs the restored state needs are written into {@code blobs/} (temp, force, rename, directory
 *       force); the old checkpoint references none of them, so the old store still opens as it was;</li>
 *   <li>the commit point: a fresh checkpoint of the whole restored state replaces {@code checkpoint} (temp,
 *       force, atomic rename, directory force). Its generation is higher than the backup's and the old
 *       store's, and it covers every segment number present, so no old segment is ever replayed into it;</li>
 *   <li>the old {@code checkpoint.prev}, segments and blobs the restored state does not need are unlinked from
 *       the data dir (they stay in {@code damaged-<date>/}). A crash before this ends leaves a store that opens
 *       to the restored state, whose next checkpoints remove what is left.</li>
 * </ol>
 */
final class StoreRestore {
    private static final StoreLog LOG = new StoreLog(StoreRestore.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final FileIo io;
    private final Path dataDir;
    private final Clock clock;

    private StoreRestore(FileIo io, Path dataDir, Clock clock) {
        this.io = io;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** The store files found in the data dir, linked into {@code damaged}, by name relative to the data dir. */
    private record SetAside(Optional<Path> damaged, List<String> files) {
    }

    /**
     * {@return what was restored from {@code from} into {@code location}'s data dir}
     *
     * @throws InvalidParameterException when {@code from} is not a directory outside the data dir
     * @throws StoreException the backup's own error (nothing changed) when it does not open; STORE_LOCKED while
     *         another process holds the data dir; STORE_WRITE_FAILED or STORE_NO_SPACE before the commit point (the
     *         old store files are in place); COMMIT_OUTCOME_UNKNOWN when the commit point's directory force fails
     */
    static RestoreReport restore(FileIo io, StoreLocation location, VaultKeys keys, Path from, Clock clock) {
        Path source = from.toAbsolutePath().normalize();
        Path dataDir = location.dataDir();
        if (StoreMaintenance.isWithin(source, dataDir) || StoreMaintenance.isWithin(dataDir, source)) {
            throw new InvalidParameterException("The backup directory " + source + " and the data dir " + dataDir
                    + " overlap: restore from a backup kept outside the data dir.");
        }
        try {
            if (!io.exists(source)) {
                throw new InvalidParameterException("The backup directory " + source + " does not exist: give the"
                        + " directory that offline-vault backup --to wrote.");
            }
        } catch (IOException e) {
            throw new InvalidParameterException("The backup directory " + source + " cannot be read ("
                    + StoreErrors.reason(e) + "): check its permissions.");
        }
        KeyCandidates candidates = StoreMaintenance.candidates(io, location, keys);
        VaultImage backup;
        Optional<BackupManifest> manifest;
        try {
            manifest = BackupManifest.read(io, source);
            manifest.ifPresent(listed -> listed.verify(io, source));
            backup = VaultImage.readBackup(io, source, candidates);
            if (manifest.isPresent() && (backup.lastSeq() != manifest.get().lastRecord()
                    || !backup.header().vaultId().equals(manifest.get().vaultId())
                    || backup.header().generation() != manifest.get().generation())) {
                throw StoreErrors.damagedBackup("the backup reads as generation " + backup.header().generation()
                        + " through record " + backup.lastSeq() + ", but its " + BackupManifest.FILE + " lists generation "
                        + manifest.get().generation() + " through record " + manifest.get().lastRecord());
            }
        } catch (StoreException e) {
            throw StoreErrors.backupDoesNotVerify(source, e);
        }
        StoreFiles.createDirectories(io, dataDir, "the data dir");
        try (DataDirLock lock = DataDirLock.acquire(io, dataDir)) {
            return new StoreRestore(io, lock.dataDir(), clock).restore(source, backup, manifest.isPresent());
        }
    }

    private RestoreReport restore(Path source, VaultImage backup, boolean listed) {
        List<Long> segmentsHere = listSegments();
        long coversThrough = Math.max(backup.newestSegment(),
                segmentsHere.isEmpty() ? 0 : segmentsHere.get(segmentsHere.size() - 1));
        long generation = Math.max(backup.header().generation(), highestGenerationHere()) + 1;
        SetAside aside = setAside(segmentsHere);
        Set<String> live = new TreeSet<>(backup.liveBlobs());
        writeBlobs(source, live);
        FileView view = backup.replayed().view();
        Keyring keyring = backup.checkpoint().keyring();
        // an upper bound of the messages sealed under the current term, as an open counts them
        long encryptions = backup.header().encryptions() + backup.lastSeq() - backup.header().lastSeq()
                + backup.segments().size() + live.size() + 1;
        Checkpoint.Header header = Checkpoint.Header.of(backup.header().vaultId()).generation(generation)
                .term(keyring.currentTerm()).writtenAt(clock.millis()).covers(coversThrough, backup.lastSeq())
                .encryptions(encryptions).build();
        byte[] sealed = Checkpoint.seal(header, keyring, StateCodec.write(view.state(), view.blobs(), Optional.empty()));
        Path temp = Checkpoint.prepare(io, dataDir, sealed);
        Path checkpoint = dataDir.resolve(Checkpoint.FILE);
        try {
            io.moveAtomically(temp, checkpoint);
        } catch (IOException e) {
            StoreFiles.deleteQuietly(io, temp, e);
            throw StoreErrors.writeFailed("the restored checkpoint (" + checkpoint + ")", e);
        }
        try {
            Checkpoint.sync(io, dataDir);
        } catch (StoreException e) {
            throw StoreErrors.restoreNotSynced(dataDir,
                    aside.damaged().map(Path::toString).orElse("no directory (there were none)"), e);
        }
        removeOld(aside, live);
        LOG.log(Level.INFO, "restored generation " + backup.header().generation() + " from " + source + " into "
                + dataDir + " as generation " + generation);
        if (!listed) {
            LOG.log(Level.WARNING, "the backup in " + source + " has no " + BackupManifest.FILE + " (an older release"
                    + " wrote it): it was restored as it reads, without a list to check its files against");
        }
        return new RestoreReport(source, backup.header().generation(), backup.header().writtenAt(), backup.lastSeq(),
                generation, aside.damaged(), backup.checkpoint().unlocked().openedWith(), listed);
    }

    private List<Long> listSegments() {
        try {
            return JournalSegment.list(io, dataDir);
        } catch (IOException e) {
            throw StoreErrors.directoryNotAccessible("the data dir " + dataDir, dataDir, e);
        }
    }

    // Read from the headers without a key or checksum (a damaged checkpoint's header may still say it): only ever
    // used to go higher, so an unauthenticated number is harmless.
    private long highestGenerationHere() {
        long highest = -1;
        for (String name : List.of(Checkpoint.FILE, Checkpoint.PREVIOUS)) {
            try {
                byte[] bytes = StoreFiles.readLimited(io, dataDir.resolve(name),
                        Container.maxFileSize(StoreJson.MAX_CHECKPOINT), "the old " + name);
                highest = Math.max(highest, generationInHeader(bytes));
            } catch (StoreException e) {
                // absent or unreadable: it says nothing about the generation
            }
        }
        return highest;
    }

    private static long generationInHeader(byte[] bytes) {
        int prefix = 10;
        if (bytes.length < prefix || bytes[0] != 'O' || bytes[1] != 'V' || bytes[2] != 'L' || bytes[3] != 'T') {
            return -1;
        }
        int length = ByteBuffer.wrap(bytes).getInt(6);
        if (length < 0 || length > HeaderJson.MAX_BYTES || length > bytes.length - prefix) {
            return -1;
        }
        Object generation = HeaderJson.read(Arrays.copyOfRange(bytes, prefix, prefix + length))
                .map(header -> header.get("generation")).orElse(null);
        boolean usable = (generation instanceof Integer || generation instanceof Long)
                && ((Number) generation).longValue() >= 0 && ((Number) generation).longValue() < Long.MAX_VALUE / 2;
        return usable ? ((Number) generation).longValue() : -1;
    }

    private SetAside setAside(List<Long> segments) {
        List<String> files = new ArrayList<>();
        try {
            for (String name : List.of(Checkpoint.FILE, Checkpoint.PREVIOUS)) {
                if (io.exists(dataDir.resolve(name))) {
                    files.add(name);
                }
            }
            segments.forEach(number -> files.add(JournalSegment.path(dataDir, number).getFileName().toString()));
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the list of the store files in " + dataDir, e);
        }
        List<String> blobs = new Blobs(io, dataDir, "").list();
        blobs.forEach(id -> files.add(Blobs.DIRECTORY + "/" + id));
        if (files.isEmpty()) {
            return new SetAside(Optional.empty(), files);
        }
        Path damaged = freshDamagedDirectory();
        List<Path> linked = new ArrayList<>();
        try {
            io.createDirectory(damaged);
            linked.add(damaged);
            if (!blobs.isEmpty()) {
                io.createDirectory(damaged.resolve(Blobs.DIRECTORY));
                linked.add(damaged.resolve(Blobs.DIRECTORY));
            }
            for (String name : files) {
                io.createLink(damaged.resolve(name), dataDir.resolve(name));
                linked.add(damaged.resolve(name));
            }
            if (!blobs.isEmpty()) {
                io.forceDirectory(damaged.resolve(Blobs.DIRECTORY));
            }
            io.forceDirectory(damaged);
            io.forceDirectory(dataDir);
        } catch (IOException e) {
            for (int i = linked.size() - 1; i >= 0; i--) {
                StoreFiles.deleteQuietly(io, linked.get(i), e);
            }
            throw StoreErrors.writeFailed("the copy of the current store files in " + damaged, e);
        }
        return new SetAside(Optional.of(damaged), files);
    }

    private Path freshDamagedDirectory() {
        String name = "damaged-" + DATE.format(Instant.ofEpochMilli(clock.millis()));
        try {
            for (int attempt = 0; ; attempt++) {
                Path candidate = dataDir.resolve(attempt == 0 ? name : name + "-" + attempt);
                if (!io.exists(candidate)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the directory for the current store files in " + dataDir, e);
        }
    }

    // A blob already present with the same bytes is kept; any other is replaced (the old one is set aside).
    private void writeBlobs(Path source, Set<String> live) {
        if (live.isEmpty()) {
            return;
        }
        Path directory = dataDir.resolve(Blobs.DIRECTORY);
        StoreFiles.createDirectories(io, directory, "the blobs directory");
        long maxBytes = Container.maxFileSize(StoreJson.MAX_BLOB);
        for (String id : live) {
            byte[] content = StoreFiles.readLimited(io, source.resolve(Blobs.DIRECTORY).resolve(id), maxBytes,
                    "the backup's blob " + id);
            if (!sameContent(directory.resolve(id), content, maxBytes)) {
                StoreFiles.writeAtomically(io, directory.resolve(id), content, "the restored blob " + id);
            }
        }
    }

    private boolean sameContent(Path file, byte[] content, long maxBytes) {
        try {
            return io.exists(file) && Arrays.equals(StoreFiles.readLimited(io, file, maxBytes, "the old blob"), content);
        } catch (IOException | StoreException e) {
            return false;
        }
    }

    // After the commit point: failures only leave files that the restored store's next checkpoints remove.
    private void removeOld(SetAside aside, Set<String> live) {
        for (String name : aside.files()) {
            if (name.equals(Checkpoint.FILE) || (name.startsWith(Blobs.DIRECTORY + "/")
                    && live.contains(name.substring(Blobs.DIRECTORY.length() + 1)))) {
                continue;
            }
            try {
                io.deleteIfExists(dataDir.resolve(name));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not remove the old " + name + " from the data dir ("
                        + e.getClass().getSimpleName() + "); a copy is in " + aside.damaged().orElseThrow());
            }
        }
        try {
            io.forceDirectory(dataDir);
            if (io.exists(dataDir.resolve(Blobs.DIRECTORY))) {
                io.forceDirectory(dataDir.resolve(Blobs.DIRECTORY));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not sync the data dir after removing the old files ("
                    + e.getClass().getSimpleName() + "); the restored store is complete either way");
        }
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exclusive right of this process to a data dir. Within the JVM a registry of canonical paths refuses
 * a second holder without touching any file (closing any channel on a locked file would drop the JVM's
 * lock); across processes {@code vault.lock} is opened once and locked with {@link FileChannel#tryLock()},
 * and the winner records its pid and start time in {@code vault.pid}, which a loser reads to name it.
 * {@link #release()} leaves {@code vault.lock} and {@code vault.pid} in place: deleting a lock file races
 * with the next holder, and a stale {@code vault.pid} is only ever read by a process that lost the lock to
 * a live holder. Thread-safe.
 */
final class DataDirLock implements AutoCloseable {
    static final String LOCK_FILE = "vault.lock";
    static final String PID_FILE = "vault.pid";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Set<FileChannel> KEPT_OPEN = ConcurrentHashMap.newKeySet();
    private static final int MAX_PID_FILE_BYTES = 256;
    private static final Pattern PID_LINE = Pattern.compile("(?m)^pid (\\d{1,19})$");
    private static final Pattern STARTED_LINE = Pattern.compile("(?m)^started (\\S{1,64})$");

    private final Path dataDir;
    // both null when the data dir is on a read-only file system and the holder only reads (acquireToRead)
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * {@return the lock on the existing directory {@code dataDir}} Fails with STORE_LOCKED naming the holder's
     * pid when this JVM or another process holds it, STORE_MISSING when the directory does not exist.
     */
    static DataDirLock acquire(FileIo io, Path dataDir) {
        return acquire(io, dataDir, false);
    }

    /**
     * {@return the lock on {@code dataDir} for a holder that only reads, as {@link #acquire}} On a read-only file
     * system, where {@code vault.lock} cannot be opened for writing and nobody can change a file, the data dir is held
     * in this JVM only, and no file is written.
     */
    static DataDirLock acquireToRead(FileIo io, Path dataDir) {
        return acquire(io, dataDir, true);
    }

    private static DataDirLock acquire(FileIo io, Path dataDir, boolean toRead) {
        Path canonical = canonical(dataDir);
        long pid = ProcessHandle.current().pid();
        if (!HELD.add(canonical)) {
            throw StoreErrors.openInThisProcess(canonical, pid);
        }
        FileChannel channel = null;
        try {
            channel = io.openLockFile(canonical.resolve(LOCK_FILE));
            Optional<FileLock> lock = io.tryLock(channel);
            if (lock.isEmpty()) {
                channel.close();
                throw lockedByAnotherProcess(io, canonical);
            }
            DataDirLock held = new DataDirLock(canonical, channel, lock.get());
            StoreFiles.writeAtomically(io, canonical.resolve(PID_FILE), pidFileContent(pid), "the pid file");
            return held;
        } catch (OverlappingFileLockException e) {
            HELD.remove(canonical);
            // This process already locks the file through another path (a bind mount, say): closing this
            // channel would drop that lock too, so the channel is kept open for the life of the process.
            KEPT_OPEN.add(channel);
            throw StoreErrors.openInThisProcess(canonical, pid, e);
        } catch (AccessDeniedException e) {
            HELD.remove(canonical);
            closeQuietly(channel, e);
            throw StoreErrors.directoryNotAccessible("the data dir " + canonical + " (its lock file)", canonical, e);
        } catch (IOException e) {
            closeQuietly(channel, e);
            if (StoreErrors.isReadOnly(e) && toRead && channel == null) {
                return new DataDirLock(canonical, null, null);
            }
            HELD.remove(canonical);
            throw StoreErrors.isReadOnly(e) ? StoreErrors.readOnly(canonical, e) : StoreErrors.notLockable(canonical, e);
        } catch (RuntimeException e) {
            HELD.remove(canonical);
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** {@return the canonical path of the locked data dir} */
    Path dataDir() {
        return dataDir;
    }

    /** {@return whether the lock is still held} */
    synchronized boolean isHeld() {
        return !released && (lock == null || lock.isValid());
    }

    /** Releases the lock and lets this JVM acquire it again; idempotent. */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (lock == null) {
            HELD.remove(dataDir);
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock all the same.
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // The process keeps no lock on a channel it cannot close; nothing else to do.
            } finally {
                HELD.remove(dataDir);
            }
        }
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public synchronized String toString() {
        return "DataDirLock[" + dataDir + (released ? ", released]" : "]");
    }

    private static Path canonical(Path dataDir) {
        try {
            return dataDir.toRealPath();
        } catch (NoSuchFileException e) {
            throw StoreErrors.missing("the data dir " + dataDir.toAbsolutePath(), e);
        } catch (IOException e) {
            throw StoreErrors.directoryNotAccessible("the data dir " + dataDir.toAbsolutePath(),
                    dataDir.toAbsolutePath(), e);
        }
    }

    /** {@return the pid in {@code <dataDir>/vault.pid}, or empty when it is missing or unreadable} */
    static OptionalLong recordedHolder(FileIo io, Path dataDir) {
        try {
            String content = new String(StoreFiles.readLimited(io, dataDir.resolve(PID_FILE), MAX_PID_FILE_BYTES,
                    "the pid file"), StandardCharsets.UTF_8);
            Matcher pid = PID_LINE.matcher(content);
            return pid.find() ? OptionalLong.of(Long.parseLong(pid.group(1))) : OptionalLong.empty();
        } catch (StoreException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    // The loser names the holder from vault.pid and never opens vault.lock again.
    private static StoreException lockedByAnotherProcess(FileIo io, Path dataDir) {
        String holder = "another process";
        try {
            String content = new String(StoreFiles.readLimited(io, dataDir.resolve(PID_FILE), MAX_PID_FILE_BYTES,
                    "the pid file"), StandardCharsets.UTF_8);
            Matcher pid = PID_LINE.matcher(content);
            if (pid.find()) {
                Matcher started = STARTED_LINE.matcher(content);
                holder = "another process (pid " + pid.group(1) + (started.find() ? ", started " + started.group(1) : "")
                        + ")";
            }
        } catch (StoreException e) {
            // The holder may not have written vault.pid yet; the lock itself is what counts.
        }
        return StoreErrors.inUse(dataDir, holder);
    }

    private static byte[] pidFileContent(long pid) {
        String started = ProcessHandle.current().info().startInstant().orElseGet(Instant::now).toString();
        return ("pid " + pid + "\nstarted " + started + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

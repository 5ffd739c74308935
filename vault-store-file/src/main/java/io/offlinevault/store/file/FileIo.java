package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The I/O seam: every file operation of the store goes through one of these methods, so that tests
 * can inject a failure at any step (write, force, rename, directory force, truncate, a full disk).
 * Methods throw the JDK's {@link IOException}s unchanged; turning them into store errors is the
 * caller's job, because only the caller knows whether the step was before or after a commit point.
 * Files and directories are created owner-only (0600 / 0700) whatever the umask.
 */
interface FileIo {

    /** {@return a channel open for reading {@code file}} */
    FileChannel openForReading(Path file) throws IOException;

    /** {@return a channel open for writing a new file, mode 0600; fails if {@code file} exists, even as a link} */
    FileChannel createNew(Path file) throws IOException;

    /** {@return a channel that appends to the existing {@code file}} */
    FileChannel openForAppending(Path file) throws IOException;

    /** {@return a writable channel on {@code file}, created 0600 if absent, never through a link; used only to lock} */
    FileChannel openLockFile(Path file) throws IOException;

    /** {@return the lock on the whole of {@code channel}'s file, or empty when another process holds one} */
    Optional<FileLock> tryLock(FileChannel channel) throws IOException;

    /** {@return the current size of {@code channel}'s file} */
    long size(FileChannel channel) throws IOException;

    /** Reads into {@code into} as {@link FileChannel#read(ByteBuffer)} does; {@return the count, or -1 at the end} */
    int read(FileChannel channel, ByteBuffer into) throws IOException;

    /** Writes every remaining byte of {@code bytes} (looping over short writes). */
    void write(FileChannel channel, ByteBuffer bytes) throws IOException;

    /** Forces {@code channel}'s data and metadata to the device. */
    void force(FileChannel channel) throws IOException;

    /** Truncates {@code channel}'s file to {@code size} bytes. */
    void truncate(FileChannel channel, long size) throws IOException;

    /** Renames {@code source} over {@code target} atomically (replacing it); both live in one directory. */
    void moveAtomically(Path source, Path target) throws IOException;

    /** Creates the hard link {@code link} to {@code existing}; fails if {@code link} exists. */
    void createLink(Path link, Path existing) throws IOException;

    /** Creates the directory {@code dir}, mode 0700; fails if it exists. */
    void createDirectory(Path dir) throws IOException;

    /** Forces {@code dir}'s entries (creations, renames, deletions) to the device. */
    void forceDirectory(Path dir) throws IOException;

    /** Deletes {@code path} if it exists; {@return whether it existed} */
    boolean deleteIfExists(Path path) throws IOException;

    /** {@return the entries of {@code dir}, sorted by name} */
    List<Path> list(Path dir) throws IOException;

    /** {@return whether {@code path} exists (a dangling link counts as existing)} */
    boolean exists(Path path) throws IOException;

    /**
     * {@return whether {@code path} exists (following links) as something other than a regular file: a directory, a
     * device or a pipe} A query that changes nothing.
     */
    boolean isSpecial(Path path);

    /** {@return the stamp of {@code file} (not following links), or empty when it does not exist} */
    Optional<FileStamp> stamp(Path file) throws IOException;

    /** {@return {@code path}'s POSIX permissions (following links), or empty on a file system without them} */
    Optional<Set<PosixFilePermission>> permissions(Path path) throws IOException;

    /** Narrows {@code path}'s mode to owner-only: 0700 for a directory, 0600 for a file; nothing without POSIX modes. */
    void ownerOnly(Path path) throws IOException;
}

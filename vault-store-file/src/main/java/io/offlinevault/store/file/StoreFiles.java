package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The file recipes every part of the store shares, built on {@link FileIo}: bounded reads and crash-safe writes. */
final class StoreFiles {
    /** Marks temp files ({@code <name>.tmp-<16 hex>}); a successful open deletes stale ones. */
    static final String TEMP_MARKER = ".tmp-";

    /** The largest array a JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreFiles() {
    }

    /**
     * Reads all of {@code file}, refusing it before reading when it is larger than {@code maxBytes}, and
     * refusing it when its size changes while it is read; {@code what} names it in errors ("the checkpoint").
     */
    static byte[] readLimited(FileIo io, Path file, long maxBytes, String what) {
        return read(io, file, maxBytes, -1, what);
    }

    /**
     * Reads the first {@code length} bytes of {@code file}, whatever follows them: the records of a journal segment
     * up to a commit boundary while the writer appends after it. A shorter file is STORE_CONFLICT.
     */
    static byte[] readPrefix(FileIo io, Path file, long length, String what) {
        return read(io, file, length, length, what);
    }

    // The whole file (prefix < 0) or its first prefix bytes; failures as readLimited says.
    private static byte[] read(FileIo io, Path file, long maxBytes, long prefix, String what) {
        if (maxBytes < 0 || maxBytes > MAX_ARRAY) {
            throw new IllegalArgumentException("a read limit is between 0 and " + MAX_ARRAY + " bytes");
        }
        refuseUnlessRegular(io, file, what);
        try (FileChannel channel = io.openForReading(file)) {
            long size = io.size(channel);
            if (prefix < 0 && size > maxBytes) {
                throw StoreErrors.damaged(what + " (" + file + ")", "is " + size + " bytes, more than the " + maxBytes
                        + " this store ever writes");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (prefix < 0 ? size : prefix));
            while (buffer.hasRemaining()) {
                if (io.read(channel, buffer) < 0) {
                    throw changedWhileReading(what);
                }
            }
            if (prefix < 0 && io.read(channel, ByteBuffer.allocate(1)) > 0) {
                throw changedWhileReading(what);
            }
            return buffer.array();
        } catch (NoSuchFileException e) {
            throw StoreErrors.missing(what + " (" + file + ")", e);
        } catch (AccessDeniedException e) {
            throw StoreErrors.fileNotAccessible(what + " (" + file + ")", file, e);
        } catch (IOException e) {
            throw StoreErrors.unreadable(what + " (" + file + ")", e);
        }
    }

    // A device or a pipe reports no size to check (/dev/zero never ends; opening a pipe without a writer blocks):
    // refused before it is opened. A path that does not exist is left to the open, which names it missing.
    private static void refuseUnlessRegular(FileIo io, Path file, String what) {
        if (io.isSpecial(file)) {
            throw StoreErrors.damaged(what, "is not a regular file (a directory, a device or a pipe)");
        }
    }

    /**
     * Writes {@code bytes} to a new temp file (0600) beside {@code target} and forces it; {@return the temp
     * file's path}. On any failure the temp file is removed and STORE_WRITE_FAILED / STORE_NO_SPACE thrown.
     */
    static Path writeTemp(FileIo io, Path target, byte[] bytes, String what) {
        Path temp = tempFor(target);
        try {
            try (FileChannel channel = io.createNew(temp)) {
                io.write(channel, ByteBuffer.wrap(bytes));
                io.force(channel);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(io, temp, e);
            throw StoreErrors.writeFailed(what, e);
        }
    }

    /**
     * Replaces {@code target} by {@code bytes}: temp file, force, atomic rename, directory force. For files
     * written before a commit point (blobs, {@code vault.pid}); every failure is STORE_WRITE_FAILED or
     * STORE_NO_SPACE, and a failure before the rename leaves {@code target} as it was.
     */
    static void writeAtomically(FileIo io, Path target, byte[] bytes, String what) {
        Path temp = writeTemp(io, target, bytes, what);
        try {
            io.moveAtomically(temp, target);
        } catch (IOException e) {
            deleteQuietly(io, temp, e);
            throw StoreErrors.writeFailed(what, e);
        }
        forceDirectory(io, target.toAbsolutePath().getParent(), what, target);
    }

    /** Forces {@code dir}; a failure is STORE_WRITE_FAILED naming {@code what}. */
    static void forceDirectory(FileIo io, Path dir, String what) {
        try {
            io.forceDirectory(dir);
        } catch (IOException e) {
            throw StoreErrors.writeFailed(what, e);
        }
    }

    // As forceDirectory(io, dir, what), naming file only when the disk is not full.
    private static void forceDirectory(FileIo io, Path dir, String what, Path file) {
        try {
            io.forceDirectory(dir);
        } catch (IOException e) {
            throw StoreErrors.writeFailed(what, e);
        }
    }

    /** Creates {@code dir} and its missing parents (0700 each), forcing each parent after a creation. */
    static void createDirectories(FileIo io, Path dir, String what) {
        Path absolute = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        try {
            for (Path current = absolute; current != null && !io.exists(current); current = current.getParent()) {
                missing.add(0, current);
            }
            for (Path created : missing) {
                io.createDirectory(created);
                io.forceDirectory(created.getParent());
            }
        } catch (IOException e) {
            throw StoreErrors.writeFailed(what, e);
        }
    }

    /** {@return whether {@code file}'s name marks it as one of our temp files} */
    static boolean isTemp(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().contains(TEMP_MARKER);
    }

    /** {@return a fresh temp path in {@code target}'s directory} */
    static Path tempFor(Path target) {
        byte[] suffix = new byte[8];
        RANDOM.nextBytes(suffix);
        return target.resolveSibling(target.getFileName() + TEMP_MARKER + HexFormat.of().formatHex(suffix));
    }

    /** Deletes {@code path} after {@code failure}, recording a failed deletion as suppressed. */
    static void deleteQuietly(FileIo io, Path path, Exception failure) {
        try {
            io.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static StoreException changedWhileReading(String what) {
        return StoreErrors.changedWhileRead(what);
    }
}

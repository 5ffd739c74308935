package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The key file: one line holding the base64 of 32 random bytes, optionally ending in a newline, mode 0600.
 * A key file is created with {@code CREATE_NEW} through a hard link and is never overwritten; one readable or
 * writable by group or others is refused. Messages name the path, never the content.
 */
final class KeyFile {
    private static final String WHAT = "the key file";
    private static final int ENCODED_LENGTH = 44;
    // One base64 line plus "\r\n"; anything longer is refused before it is read.
    private static final int MAX_BYTES = ENCODED_LENGTH + 2;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private KeyFile() {
    }

    /**
     * {@return the key of the key file at {@code path}} Fails with STORE_MISSING when it does not exist,
     * STORE_PERMISSIONS when group or others may read or write it, STORE_CORRUPT when it is not a key file.
     */
    static Kek read(FileIo io, Path path) {
        if (io.isSpecial(path)) {
            // a device or a pipe: never opened (a pipe without a writer would block), and its mode is not ours
            throw StoreErrors.notAKeyFile(path);
        }
        checkPermissions(io, path);
        byte[] content = StoreFiles.readLimited(io, path, MAX_BYTES, WHAT);
        try {
            int length = lineLength(content);
            if (length != ENCODED_LENGTH) {
                throw malformed(path);
            }
            byte[] line = Arrays.copyOf(content, length);
            try {
                byte[] key = decode(line, path);
                try {
                    return Kek.of(key);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            } finally {
                Arrays.fill(line, (byte) 0);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Creates a key file with a fresh random key at {@code path} and {@return its key}: parent directories
     * (0700) if missing, then a temp file (0600) in the same directory, force, hard link to {@code path}
     * (which fails if it exists: a key file is never overwritten), temp removed, directory forced. Fails with
     * STORE_CONFLICT when {@code path} exists, STORE_WRITE_FAILED or STORE_NO_SPACE on I/O errors, leaving
     * no temp file and no partial key file.
     */
    static Kek create(FileIo io, Path path) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        StoreFiles.createDirectories(io, dir, "the key file's directory");
        byte[] key = Aead.freshKeyBytes();
        byte[] line = null;
        try {
            line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
            // the key file is created by init or serve at startup, never in answer to a request: its path helps
            Path temp = StoreFiles.writeTemp(io, target, line, WHAT + " (" + target + ")");
            try {
                io.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                StoreFiles.deleteQuietly(io, temp, e);
                throw StoreErrors.alreadyExists("the key file " + target, e);
            } catch (IOException e) {
                StoreFiles.deleteQuietly(io, temp, e);
                throw StoreErrors.writeFailed(WHAT + " (" + target + ")", e);
            }
            try {
                io.deleteIfExists(temp);
            } catch (IOException e) {
                throw StoreErrors.writeFailed("the temp copy of the key file (" + temp + ")", e);
            }
            StoreFiles.forceDirectory(io, dir, "the directory of the key file " + target);
            return Kek.of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (line != null) {
                Arrays.fill(line, (byte) 0);
            }
        }
    }

    private static void checkPermissions(FileIo io, Path path) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = io.permissions(path).orElse(Set.of());
        } catch (NoSuchFileException e) {
            throw StoreErrors.keyFileMissing(path, e);
        } catch (IOException e) {
            throw StoreErrors.fileNotAccessible("the key file " + path, path, e);
        }
        if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
            throw StoreErrors.keyFileExposed(path, PosixFilePermissions.toString(permissions));
        }
    }

    // Length of the content without one final "\n" or "\r\n"; any other line break makes it malformed.
    private static int lineLength(byte[] content) {
        int length = content.length;
        if (length > 0 && content[length - 1] == '\n') {
            length--;
            if (length > 0 && content[length - 1] == '\r') {
                length--;
            }
        }
        return length;
    }

    private static byte[] decode(byte[] line, Path path) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw malformed(path);
        }
        byte[] canonical = Base64.getEncoder().encode(key);
        boolean valid = key.length == Aead.KEY_BYTES && Arrays.equals(canonical, line);
        Arrays.fill(canonical, (byte) 0);
        if (!valid) {
            Arrays.fill(key, (byte) 0);
            throw malformed(path);
        }
        return key;
    }

    private static StoreException malformed(Path path) {
        return StoreErrors.notAKeyFile(path);
    }
}

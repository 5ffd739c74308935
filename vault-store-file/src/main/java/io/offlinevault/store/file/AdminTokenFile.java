package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * The file a new vault writes its admin token to: one line, 0600, written to a temp file created with
 * {@code CREATE_NEW} and forced, then hard-linked to its name (never through a link, never over an
 * existing file). A creation interrupted after this file was written resumes with the token it holds.
 */
final class AdminTokenFile {
    private static final int MAX_BYTES = 1024;

    private AdminTokenFile() {
    }

    /** {@return whether {@code path} exists} */
    static boolean exists(FileIo io, Path path) {
        try {
            return io.exists(path);
        } catch (IOException e) {
            throw StoreErrors.directoryNotAccessible("the directory of the admin token file " + path,
                    path.toAbsolutePath().getParent(), e);
        }
    }

    /**
     * {@return the token in {@code path}, left by an interrupted vault creation} A file that does not
     * hold a token (32 to 512 printable ASCII characters) is someone else's: STORE_CONFLICT, untouched.
     */
    static SecretValue read(FileIo io, Path path) {
        byte[] bytes = StoreFiles.readLimited(io, path, MAX_BYTES, "the admin token file");
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String token = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (token.length() < 32 || token.length() > 512 || token.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
            throw StoreErrors.alreadyExists("the admin token file " + path + ", which does not hold a token,", null);
        }
        return SecretValue.of(token);
    }

    /**
     * Writes {@code token} to the new file {@code path}: a temp file beside it, forced, hard-linked to
     * {@code path} (which fails if it exists, even as a link), the temp removed, the directory forced. A
     * crash leaves no file or a whole one, never an empty {@code path} that the next start must refuse.
     */
    static void create(FileIo io, Path path, SecretValue token) {
        byte[] line = (token.reveal() + "\n").getBytes(StandardCharsets.US_ASCII);
        Path temp = StoreFiles.writeTemp(io, path, line, "the admin token file");
        try {
            io.createLink(path, temp);
        } catch (FileAlreadyExistsException e) {
            StoreFiles.deleteQuietly(io, temp, e);
            throw StoreErrors.alreadyExists("the admin token file " + path, e);
        } catch (IOException e) {
            StoreFiles.deleteQuietly(io, temp, e);
            throw StoreErrors.writeFailed("the admin token file (" + path + ")", e);
        }
        try {
            io.deleteIfExists(temp);
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the temp copy of the admin token file (" + temp + ")", e);
        }
        StoreFiles.forceDirectory(io, path.getParent(), "the directory of the admin token file " + path);
    }
}

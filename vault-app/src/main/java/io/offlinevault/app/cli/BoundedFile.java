package io.offlinevault.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one reader of the files named on the command line: reads at most {@code limit + 1} bytes whatever the file is
 * (regular file, device, pipe), so an endless or huge one fails with a clear usage error instead of filling the
 * memory. Messages name the file, never its content. Thread-safe (stateless).
 */
public final class BoundedFile {
    /** The largest limit a caller may ask for, so that {@code limit + 1} bytes still fit in an array. */
    public static final int MAX_LIMIT = Integer.MAX_VALUE - 16;

    private BoundedFile() {
    }

    /**
     * {@return the bytes of the file at the path {@code raw} as given on the command line, at most {@code limit}}
     *
     * @param option the option or argument that named the file, e.g. {@code "--json"}
     * @throws CommandFailedException with {@link ExitStatus#USAGE} when {@code raw} is not a path, or as
     *         {@link #read(Path, String, int)}
     */
    public static byte[] read(String raw, String option, int limit) {
        Path file;
        try {
            file = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new CommandFailedException(ExitStatus.USAGE, option + " is not a usable path.");
        }
        return read(file, option + " " + raw, limit);
    }

    /**
     * {@return the bytes of {@code file}, at most {@code limit} of them}
     *
     * @param what how the message names the file, e.g. {@code "--value-file /tmp/v"}
     * @throws CommandFailedException with {@link ExitStatus#USAGE} when the file does not exist, cannot be read, or
     *         holds more than {@code limit} bytes (a device or pipe that does not end included)
     */
    public static byte[] read(Path file, String what, int limit) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException(ExitStatus.USAGE, what + " does not exist.");
        } catch (IOException | RuntimeException e) {
            throw new CommandFailedException(ExitStatus.USAGE, what + " cannot be read (" + e.getClass().getSimpleName()
                    + "): check that it is a readable file.");
        }
        if (bytes.length > limit) {
            throw tooLarge(what, limit);
        }
        return bytes;
    }

    /** {@return the failure for a file over {@code limit} bytes} The same words for every file argument. */
    static CommandFailedException tooLarge(String what, int limit) {
        return new CommandFailedException(ExitStatus.USAGE, what + " is larger than " + limit + " bytes"
                + (limit >= 1024 * 1024 && limit % (1024 * 1024) == 0 ? " (" + limit / (1024 * 1024) + " MiB)" : "")
                + ", the limit for this file (a device or a pipe that does not end is refused the same way).");
    }
}

package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.BoundedFile;
import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.InputFile;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.http.codec.SnapshotFiles;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * The snapshot file that {@code snapshot check}, {@code template} and {@code register} read: {@code -f FILE} (or the
 * deprecated positional FILE), a JSON content document or a ZIP.
 */
final class SnapshotFile {
    @Mixin
    private InputFile input = InputFile.orArgument();

    /**
     * {@return the file as given}
     *
     * @throws picocli.CommandLine.ParameterException when no file or two are given (exit 2)
     * @throws CommandFailedException when the file is not a usable path (exit 2)
     */
    Path path() {
        try {
            return Path.of(input.required());
        } catch (InvalidPathException e) {
            throw new CommandFailedException(ExitStatus.USAGE, "-f is not a usable path.");
        }
    }

    /**
     * {@return the content of the file, JSON or ZIP} Read with the upload route's reader and limits; a file that
     * cannot be read is a usage error (exit 2), a bad one the reader's {@code InvalidSnapshotException} (exit 2 too).
     *
     * @param progress where to say that the file is being read (nowhere unless standard error is the console)
     */
    SnapshotContent content(PrintWriter progress) {
        Path file = path();
        progress.println("reading " + file);
        progress.flush();
        byte[] bytes = BoundedFile.read(file, "The snapshot file " + file, SnapshotFiles.MAX_UPLOAD);
        return SnapshotFiles.read(bytes, Optional.empty(), String.valueOf(file.getFileName()));
    }
}

package io.offlinevault.app.snapshot;

import io.offlinevault.app.cli.BoundedFile;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.http.codec.SnapshotFiles;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** The snapshot file that {@code snapshot check}, {@code template} and {@code register} take as their FILE. */
final class SnapshotFile {
    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file: a JSON content document or a ZIP.")
    private Path file;

    /** {@return the file as given} */
    Path path() {
        return file;
    }

    /**
     * {@return the content of the file, JSON or ZIP} Read with the upload route's reader and limits; a file that
     * cannot be read is a usage error (exit 2), a bad one the reader's {@code InvalidSnapshotException} (exit 2 too).
     */
    SnapshotContent content() {
        byte[] bytes = BoundedFile.read(file, "The snapshot file " + file, SnapshotFiles.MAX_UPLOAD);
        return SnapshotFiles.read(bytes, Optional.empty(), String.valueOf(file.getFileName()));
    }
}

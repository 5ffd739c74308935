package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What {@link StoreMaintenance#backup} copied to {@code directory}: the checkpoint of {@code generation} (written at
 * {@code writtenAt}, epoch milliseconds), the journal segments after it through the record {@code lastSeq} (the
 * last commit the backup holds), the blobs that state needs, {@code bytes} in all, and what opened the vault. The
 * key file is never in it. Immutable.
 */
public record BackupReport(Path directory, long generation, long writtenAt, long lastSeq, int segments, int blobs,
                           long bytes, String openedWith) {
    public BackupReport {
        requireNonNull(directory, "directory");
        requireNonNull(openedWith, "openedWith");
    }
}

package io.offlinevault.domain.operation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a backup copied to {@code directory}: the checkpoint of {@code generation} (written at {@code writtenAt},
 * epoch milliseconds), the journal segments after it through the record {@code lastSeq} (the last commit the
 * backup holds), the blobs that state needs, {@code bytes} in all. No key is ever in a backup: {@code keyFile} is
 * the key file that opens it, kept apart; empty when only the vault's passphrase does. Immutable.
 */
public record BackupReport(String directory, long generation, long writtenAt, long lastSeq, int segments, int blobs,
                           long bytes, Optional<String> keyFile) {
    public BackupReport {
        requireNonNull(directory, "directory");
        requireNonNull(keyFile, "keyFile");
    }
}

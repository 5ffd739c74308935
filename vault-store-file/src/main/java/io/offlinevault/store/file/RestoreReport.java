package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link StoreMaintenance#restore} did: the backup in {@code from} (its checkpoint's generation and
 * {@code writtenAt}, epoch milliseconds, and its last commit {@code lastSeq}) is now the vault, under the new
 * checkpoint {@code generation}; the store files it replaced are in {@code damaged} (empty when the data dir held
 * none). {@code openedWith} says which key opened the backup: the restored vault opens with the same keys.
 * {@code checkedAgainstManifest} is false for a backup without {@code backup.json} (written by an older release),
 * restored as it reads: a file removed from it would have gone unnoticed. Immutable.
 */
public record RestoreReport(Path from, long backupGeneration, long backupWrittenAt, long lastSeq, long generation,
                            Optional<Path> damaged, OpenedWith openedWith, boolean checkedAgainstManifest) {
    public RestoreReport {
        requireNonNull(from, "from");
        requireNonNull(damaged, "damaged");
        requireNonNull(openedWith, "openedWith");
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.out.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The owner's tools for a vault that no server holds: {@link #verify} checks every store file,
 * {@link #backup} copies the vault to a new directory, {@link #restore} makes a backup the vault again.
 * Each takes the data dir's lock for its duration (a server that holds it makes them fail with
 * {@code STORE_LOCKED}, naming its pid) and never writes, reads or copies the key file. Thread-safe.
 */
public final class StoreMaintenance {
    private StoreMaintenance() {
    }

    /**
     * {@return a report on every store file of {@code location}'s data dir} Reads only (the lock aside): the
     * checkpoint and {@code checkpoint.prev} opened with {@code keys}, every journal segment (header, every
     * record's CRCs and tag, sequence numbers; a torn tail of the newest one is a warning), every blob, and what
     * each checkpoint needs; damage is reported per file, not thrown.
     *
     * @throws StoreException STORE_LOCKED while another holder has the data dir, STORE_MISSING when it does not
     *         exist, STORE_PERMISSIONS when it cannot be listed, or the key file's own error
     */
    public static VerifyReport verify(StoreLocation location, VaultKeys keys) {
        return verify(new RealFileIo(), location, keys);
    }

    /**
     * Copies the vault of {@code location} to {@code to}, a new or empty directory outside the data dir: its
     * checkpoint, the journal segments after it and the blobs the resulting state needs, each written durably;
     * never the key file. The copy is opened read-only with {@code keys} before this returns; a copy that fails
     * is removed. {@return what was copied, and where}
     *
     * @throws InvalidParameterException when {@code to} is not a new or empty directory outside the data dir
     * @throws StoreException STORE_LOCKED while another holder has the data dir; the error of a vault that does not
     *         open (run {@link #verify}); STORE_WRITE_FAILED or STORE_NO_SPACE when the copy cannot be written
     */
    public static BackupReport backup(StoreLocation location, VaultKeys keys, Path to) {
        return backup(new RealFileIo(), location, keys, to);
    }

    /**
     * Makes the backup in {@code from} the vault of {@code location}: the backup is opened with {@code keys}
     * first (and nothing changes when it does not open); the store files in the data dir are kept in
     * {@code <data-dir>/damaged-<date>/}; the restored state is written as one fresh checkpoint whose generation
     * is above the backup's and the replaced one's. A crash at any step leaves the old store files in place or a
     * complete restored store. The data dir is created when it does not exist. {@return what was restored}
     *
     * @throws InvalidParameterException when {@code from} is not a directory outside the data dir
     * @throws StoreException the backup's own error when it does not open (nothing changed); STORE_LOCKED while
     *         another holder has the data dir; STORE_WRITE_FAILED or STORE_NO_SPACE with the old store files in
     *         place; COMMIT_OUTCOME_UNKNOWN when the last step's sync failed (old or restored: open to see which)
     */
    public static RestoreReport restore(StoreLocation location, VaultKeys keys, Path from, Clock clock) {
        return restore(new RealFileIo(), location, keys, from, clock);
    }

    static VerifyReport verify(FileIo io, StoreLocation location, VaultKeys keys) {
        return StoreVerifier.verify(io, location, keys);
    }

    static BackupReport backup(FileIo io, StoreLocation location, VaultKeys keys, Path to) {
        return StoreBackup.backup(io, location, keys, to);
    }

    static RestoreReport restore(FileIo io, StoreLocation location, VaultKeys keys, Path from, Clock clock) {
        return StoreRestore.restore(io, location, keys, from, clock);
    }

    /** {@return the keys that may open {@code location}'s vault, as an open tries them} */
    static KeyCandidates candidates(FileIo io, StoreLocation location, VaultKeys keys) {
        try {
            return KeyCandidates.of(io, location.keyFile(), keys);
        } catch (IOException e) {
            throw StoreErrors.directoryNotAccessible("the key file " + location.keyFile() + " or its directory",
                    location.keyFile().toAbsolutePath().getParent(), e);
        }
    }

    /** {@return whether {@code path} is {@code directory} or inside it, links resolved as far as they exist} */
    static boolean isWithin(Path path, Path directory) {
        return resolved(path).startsWith(resolved(directory));
    }

    // The real path of the longest existing prefix, then the rest as given.
    private static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}

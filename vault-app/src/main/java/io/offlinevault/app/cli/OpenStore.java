package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.out.Maintenance;
import io.offlinevault.store.file.FileVaultStore;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link Maintenance} of an open store, while it serves: verify and backup run beside the commits (a backup
 * is consistent as of one commit), rotate between two of them. A backup goes into a new directory, named by the
 * caller, under the one directory the server was given for backups ({@code serve --backup-dir}); without it the
 * store offers no backup. Thread-safe.
 */
public final class OpenStore implements Maintenance {
    /** A backup's name: one directory under the backup dir, never a path. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final FileVaultStore store;
    private final Optional<Path> backupDir;

    public OpenStore(FileVaultStore store, Optional<Path> backupDir) {
        this.store = requireNonNull(store, "store");
        this.backupDir = requireNonNull(backupDir, "backupDir");
    }

    @Override
    public Set<Operations.Operation> available() {
        Set<Operations.Operation> available = EnumSet.of(Operations.Operation.VERIFY, Operations.Operation.ROTATE);
        backupDir.ifPresent(dir -> available.add(Operations.Operation.BACKUP));
        return available;
    }

    @Override
    public VaultInfo.StorePosition position() {
        return new VaultInfo.StorePosition(store.generation(), store.keysInUse().term());
    }

    @Override
    public VerifyReport verify() {
        return store.verify();
    }

    /** {@return the backup into {@code name}, a new directory under the backup dir} */
    @Override
    public BackupReport backup(String name) {
        Path dir = backupDir.orElseThrow(() -> new IllegalStateException("this store offers no backup"));
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidParameterException("A backup name is 1 to 64 letters, digits, '.', '_' or '-' (not . or"
                    + " ..): one new directory under the backup dir, never a path.");
        }
        return store.backup(dir.resolve(name));
    }

    @Override
    public int rotate() {
        return store.rotate().term();
    }
}

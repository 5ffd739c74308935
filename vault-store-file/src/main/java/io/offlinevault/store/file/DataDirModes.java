package io.offlinevault.store.file;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The modes of a data dir and its {@code admin.token}: owner-only, narrowed at open and at creation. */
final class DataDirModes {
    // the store's log lines keep the one logger name that operators and tests filter on
    private static final StoreLog LOG = new StoreLog(FileVaultStore.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirModes() {
    }

    // A data dir or admin.token that other users may read (a copy, an older release, an umask): narrowed to
    // owner-only, with one warning line that names no path. A file system that refuses (read-only) only warns.
    /** Narrows the data dir and {@code admin.token} of {@code location} to owner-only where others may read them. */
    static void narrow(FileIo io, StoreLocation location) {
        List<String> narrowed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, Path> paths = new LinkedHashMap<>();
        paths.put("the data dir", location.dataDir());
        paths.put("admin.token", location.adminTokenFile());
        paths.forEach((name, path) -> {
            Optional<Set<PosixFilePermission>> mode;
            try {
                mode = io.exists(path) ? io.permissions(path) : Optional.empty();
            } catch (IOException e) {
                return;
            }
            if (mode.isEmpty() || Collections.disjoint(mode.get(), GROUP_OR_OTHERS)) {
                return;
            }
            try {
                io.ownerOnly(path);
                narrowed.add(name + " (was " + PosixFilePermissions.toString(mode.get()) + ")");
            } catch (IOException e) {
                refused.add(name + " (" + PosixFilePermissions.toString(mode.get()) + ", " + StoreErrors.reason(e)
                        + ")");
            }
        });
        if (!narrowed.isEmpty()) {
            LOG.log(Level.WARNING, "other users could read " + String.join(" and ", narrowed) + ": narrowed to"
                    + " owner-only (0700 for the data dir, 0600 for admin.token)");
        }
        if (!refused.isEmpty()) {
            LOG.log(Level.WARNING, "other users can read " + String.join(" and ", refused) + ", and the mode could"
                    + " not be narrowed: run chmod 700 on the data dir and chmod 600 on admin.token");
        }
    }
}

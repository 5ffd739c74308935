package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where a vault lives: its data dir, its key file (kept outside the data dir by default), and where a
 * new vault writes its generated admin token ({@code <data-dir>/admin.token} unless told otherwise).
 */
public record StoreLocation(Path dataDir, Path keyFile, Path adminTokenFile) {
    /** The name of the admin token file inside the data dir. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";

    public StoreLocation {
        dataDir = requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        keyFile = requireNonNull(keyFile, "keyFile").toAbsolutePath().normalize();
        adminTokenFile = requireNonNull(adminTokenFile, "adminTokenFile").toAbsolutePath().normalize();
    }

    /** {@return a location whose admin token file is {@code <dataDir>/admin.token}} */
    public static StoreLocation of(Path dataDir, Path keyFile) {
        return new StoreLocation(dataDir, keyFile, dataDir.toAbsolutePath().normalize().resolve(ADMIN_TOKEN_FILE));
    }
}

package io.offlinevault.app.cli;

/**
 * What a command does with the vault, which decides the store options its help shows and how they read
 * ({@link StoreOptions#of(VaultUse)}), and which ways to the vault {@link OfflineCommand} lets it take.
 */
public enum VaultUse {
    /** Opens an existing vault on this machine, never through a server ({@code rekey}, {@code entry reveal}). */
    OPENS,
    /**
     * Opens an existing vault, or runs through a server: one named by {@code --server}, or the one that holds the
     * data directory, called with the data directory's admin token (most commands).
     */
    OPENS_OR_REACHES_ITS_SERVER,
    /** Creates the vault first when its data directory does not exist or is empty ({@code init}, {@code serve}). */
    CREATES,
    /** Creates the vault first as {@link #CREATES} does, or runs through a server ({@code token create}). */
    CREATES_OR_REACHES_ITS_SERVER,
    /** Replaces the vault's files with a backup's ({@code restore}). */
    RESTORES;

    /** {@return whether a command with this use may create a new vault} */
    public boolean creates() {
        return this == CREATES || this == CREATES_OR_REACHES_ITS_SERVER;
    }

    /** {@return whether a command with this use may run through a server instead of opening the vault} */
    public boolean reachesServer() {
        return this == OPENS_OR_REACHES_ITS_SERVER || this == CREATES_OR_REACHES_ITS_SERVER;
    }
}

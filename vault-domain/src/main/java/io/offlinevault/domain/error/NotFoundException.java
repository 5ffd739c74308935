package io.offlinevault.domain.error;

/** A named thing (vault entry, snapshot, token, route) does not exist where the caller looked. */
public final class NotFoundException extends VaultException {
    private static final long serialVersionUID = 1L;

    /**
     * A miss with {@code code} {@code VAULT_ENTRY_NOT_FOUND}, {@code SNAPSHOT_NOT_FOUND}, {@code TOKEN_NOT_FOUND} or
     * {@code NOT_FOUND}, as a client of the HTTP API rebuilds it from an error body with the server's message.
     *
     * @throws IllegalArgumentException for any other code
     */
    public NotFoundException(ErrorCode code, String message) {
        super(code, message);
        if (code != ErrorCode.VAULT_ENTRY_NOT_FOUND && code != ErrorCode.SNAPSHOT_NOT_FOUND
                && code != ErrorCode.TOKEN_NOT_FOUND && code != ErrorCode.NOT_FOUND) {
            throw new IllegalArgumentException("not a not-found code: " + code);
        }
    }

    public static NotFoundException entry(Object organization, Object key) {
        return new NotFoundException(ErrorCode.VAULT_ENTRY_NOT_FOUND,
                "No vault entry with key '" + key + "' exists in organization '" + organization + "'.");
    }

    public static NotFoundException snapshot(Object organization, String snapshotId) {
        return new NotFoundException(ErrorCode.SNAPSHOT_NOT_FOUND,
                "No snapshot with id '" + snapshotId + "' exists in organization '" + organization + "'.");
    }

    public static NotFoundException token(String name) {
        return new NotFoundException(ErrorCode.TOKEN_NOT_FOUND, "No token named '" + name + "' exists.");
    }

    public static NotFoundException route(String what) {
        return new NotFoundException(ErrorCode.NOT_FOUND, what);
    }
}

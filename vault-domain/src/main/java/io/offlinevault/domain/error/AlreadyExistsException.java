package io.offlinevault.domain.error;

/** A create named something that already exists; nothing was written. */
public final class AlreadyExistsException extends VaultException {
    private static final long serialVersionUID = 1L;

    private AlreadyExistsException(ErrorCode code, String message) {
        super(code, message);
    }

    public static AlreadyExistsException entry(Object organization, Object key) {
        return new AlreadyExistsException(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS,
                "A vault entry with key '" + key + "' already exists in organization '" + organization
                        + "'. Use PUT to change it.");
    }

    public static AlreadyExistsException token(String name) {
        return new AlreadyExistsException(ErrorCode.TOKEN_ALREADY_EXISTS,
                "A token named '" + name + "' already exists. Revoke it first or choose another name.");
    }
}

package io.offlinevault.domain.error;

import java.util.List;

/** A create named something that already exists; nothing was written. */
public final class AlreadyExistsException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> keys;

    /**
     * A conflict with {@code code} {@code VAULT_ENTRY_ALREADY_EXISTS} or {@code TOKEN_ALREADY_EXISTS}, as a client of
     * the HTTP API rebuilds it from an error body: {@code message} is the server's, which names keys, never a value.
     *
     * @throws IllegalArgumentException for any other code
     */
    public AlreadyExistsException(ErrorCode code, String message, List<String> keys) {
        super(code, message);
        if (code != ErrorCode.VAULT_ENTRY_ALREADY_EXISTS && code != ErrorCode.TOKEN_ALREADY_EXISTS) {
            throw new IllegalArgumentException("not a conflict code: " + code);
        }
        this.keys = List.copyOf(keys);
    }

    public static AlreadyExistsException entry(Object organization, Object key) {
        return new AlreadyExistsException(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS,
                "A vault entry with key '" + key + "' already exists in organization '" + organization
                        + "'. Use PUT to change it.", List.of(String.valueOf(key)));
    }

    /** {@return the conflict of an import whose {@code keys} (at least one, in item order) already exist} */
    public static AlreadyExistsException entries(Object organization, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a conflict needs at least one key");
        }
        String names = String.join(", ", keys);
        return new AlreadyExistsException(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS, keys.size()
                + (keys.size() == 1 ? " vault entry already exists" : " vault entries already exist")
                + " in organization '" + organization + "': " + names
                + ". Import with update to change them (absent fields keep their stored values).", keys);
    }

    public static AlreadyExistsException token(String name) {
        return new AlreadyExistsException(ErrorCode.TOKEN_ALREADY_EXISTS,
                "A token named '" + name + "' already exists. Revoke it first or choose another name.", List.of());
    }

    /** {@return the vault-entry keys that already exist, in the order they were found; empty for a token} */
    public List<String> keys() {
        return keys == null ? List.of() : keys;
    }
}

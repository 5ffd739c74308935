package io.offlinevault.domain.error;

import java.util.List;

/**
 * An {@code ALL_OR_NOTHING} fetch was refused because {@link #keys()} are missing from both the
 * destination and the source; nothing was copied.
 */
public final class FetchConflictException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> keys;

    public FetchConflictException(List<String> keys) {
        super(ErrorCode.VAULT_FETCH_CONFLICT, keys.size() + " referenced vault "
                + (keys.size() == 1 ? "entry is" : "entries are")
                + " missing from both organizations; nothing was copied. Create them, or fetch with ONLY_MISSING.");
        this.keys = List.copyOf(keys);
    }

    /** {@return the missing keys, sorted} */
    public List<String> keys() {
        return keys == null ? List.of() : keys;
    }
}

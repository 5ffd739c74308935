package io.offlinevault.domain.error;

import java.util.List;

/**
 * An {@code ALL_OR_NOTHING} fetch was refused because {@link #keys()} are missing from both the
 * destination and the source; nothing was copied. The message says what helps: creating them where they are
 * missing, since no strategy can copy what the source lacks; and, when the source holds no entry at all, that
 * its id may be wrong.
 */
public final class FetchConflictException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> keys;

    public FetchConflictException(List<String> keys, boolean sourceEmpty) {
        super(ErrorCode.VAULT_FETCH_CONFLICT, keys.size() + " referenced vault "
                + (keys.size() == 1 ? "entry is" : "entries are") + " missing from both organizations; nothing was"
                + " copied." + (sourceEmpty ? " The source organization holds no vault entry at all: is its id right?"
                : "") + " No strategy copies what the source lacks: create " + (keys.size() == 1 ? "it" : "them")
                + " in the destination, then fetch again (ONLY_MISSING copies the others now and leaves "
                + (keys.size() == 1 ? "it" : "them") + " missing).");
        this.keys = List.copyOf(keys);
    }

    /**
     * The conflict as a client of the HTTP API rebuilds it from a 409 body: the sorted {@code keys} and the server's
     * {@code message}, which names keys, never a value.
     */
    public FetchConflictException(String message, List<String> keys) {
        super(ErrorCode.VAULT_FETCH_CONFLICT, message);
        this.keys = List.copyOf(keys);
    }

    /** {@return the missing keys, sorted} */
    public List<String> keys() {
        return keys == null ? List.of() : keys;
    }
}

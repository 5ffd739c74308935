package io.offlinevault.domain.error;

/** A request body is not JSON, not of the expected JSON kind, or breaks the parsing limits. */
public final class InvalidJsonException extends VaultException {
    private static final long serialVersionUID = 1L;

    public InvalidJsonException(String message) {
        super(ErrorCode.INVALID_JSON, message);
    }
}

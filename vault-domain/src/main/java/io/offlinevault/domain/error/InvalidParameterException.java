package io.offlinevault.domain.error;

/** A path or query parameter (organization id, page, strategy, ...) is missing or malformed. */
public final class InvalidParameterException extends VaultException {
    private static final long serialVersionUID = 1L;

    public InvalidParameterException(String message) {
        super(ErrorCode.INVALID_PARAMETER, message);
    }
}

package io.offlinevault.domain.error;

/** No bearer token was given, or it matches no token of the vault. */
public final class InvalidTokenException extends VaultException {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(ErrorCode.INVALID_TOKEN, message);
    }
}

package io.offlinevault.domain.error;

/** The caller is known but lacks the privilege or the organization the operation needs. */
public final class AccessDeniedException extends VaultException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(ErrorCode.ACCESS_DENIED, message);
    }
}

package io.offlinevault.domain.error;

/** A request body is larger than its route allows; it was not read. */
public final class PayloadTooLargeException extends VaultException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(long limit) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the " + limit + " bytes this route accepts.");
    }
}

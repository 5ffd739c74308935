package io.offlinevault.domain.error;

/**
 * A request body is larger than its route allows (it was not read), or what it holds is too large to store once
 * encoded (nothing was written); the message names the limit.
 */
public final class PayloadTooLargeException extends VaultException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(long limit) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the " + limit + " bytes this route accepts.");
    }

    private PayloadTooLargeException(String message) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }

    /**
     * {@return the error for {@code what} (a snapshot content, say), {@code bytes} long once encoded, over the store's
     * {@code limit}} {@code remedy} says what to do instead.
     */
    public static PayloadTooLargeException whenStored(String what, long bytes, long limit, String remedy) {
        return new PayloadTooLargeException(what + " is " + bytes + " bytes once encoded, over the store's " + limit
                + "-byte limit: nothing was written; " + remedy + ".");
    }
}

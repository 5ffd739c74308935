package io.offlinevault.app.remote;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.VaultException;

/**
 * A failure of a call to the server that no domain exception expresses with the server's own message: an error
 * whose domain class builds its message from what the wire does not carry ({@code LAST_ADMIN_TOKEN},
 * {@code METHOD_NOT_ALLOWED}, {@code PAYLOAD_TOO_LARGE}), one that only the HTTP adapter raises
 * ({@code MISDIRECTED_REQUEST}, {@code INTERNAL_ERROR}), or an answer this command line cannot read
 * ({@code INTERNAL_ERROR}). The message is the server's, or says what could not be read; never a body's value.
 */
final class RemoteFailureException extends VaultException {
    private static final long serialVersionUID = 1L;

    RemoteFailureException(ErrorCode code, String message) {
        super(code, message);
    }
}

package io.offlinevault.http;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.VaultException;

/** The request names a host this server does not answer for (API.md 6, DNS rebinding): 421. */
final class MisdirectedRequestException extends VaultException {
    private static final long serialVersionUID = 1L;

    // Never the Host value: it is the caller's input, and a page's attacker may choose it.
    MisdirectedRequestException() {
        super(ErrorCode.MISDIRECTED_REQUEST, "The Host header does not name this server: call it as localhost or"
                + " 127.0.0.1, or start it with --allowed-host NAME.");
    }
}

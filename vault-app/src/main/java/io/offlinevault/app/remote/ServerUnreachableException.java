package io.offlinevault.app.remote;

/**
 * The server named to the command line did not answer, or answered what no API answers; the message names the
 * server's URL and never the token.
 */
public final class ServerUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerUnreachableException(String message) {
        super(message);
    }
}

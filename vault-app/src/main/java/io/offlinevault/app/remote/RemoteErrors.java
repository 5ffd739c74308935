package io.offlinevault.app.remote;

import io.offlinevault.domain.error.AccessDeniedException;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.http.codec.WireJson;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The error answers of the HTTP API (API.md section 1: {@code errorCode}, {@code message}, {@code requestID}, and
 * {@code violations}, {@code keys} or {@code storeError}) back into the exceptions the local use cases throw: the
 * same class where the domain has one that can carry the server's message, the same {@link ErrorCode}, the server's
 * message. So {@code Main} prints the same line and exits with the same status, and a command's {@code catch} of an
 * {@link InvalidEntryException}, {@link AlreadyExistsException} or {@link FetchConflictException} prints the same
 * violations or keys. Stateless and thread-safe.
 */
final class RemoteErrors {
    /** The largest error body read; the server's are a few hundred bytes, with violations a few kilobytes. */
    static final int MAX_ERROR_BODY = WireJson.MAX_BODY;

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RemoteErrors() {
    }

    /**
     * {@return the exception of the error answer {@code body} with HTTP status {@code status}} A body that is not
     * JSON, has no known {@code errorCode} or lacks what its code needs gives a {@code INTERNAL_ERROR} exception
     * saying that the server answered {@code status} without an error body this command understands; the body is
     * never quoted. Control characters of the server's message are replaced, so that it cannot drive a terminal.
     * Codes without a domain exception that carries the server's message (LAST_ADMIN_TOKEN, METHOD_NOT_ALLOWED,
     * PAYLOAD_TOO_LARGE, MISDIRECTED_REQUEST, INTERNAL_ERROR) give an exception of this package with that code;
     * an INTERNAL_ERROR message also names the request id, which the server's log has.
     */
    static VaultException exception(int status, byte[] body) {
        if (body == null) {
            return notUnderstood(status);
        }
        Answer error;
        ErrorCode code;
        String message;
        try {
            error = Answer.of(WireJson.read(body, MAX_ERROR_BODY, "the server's error answer"), "an error");
            code = error.field("errorCode").choice(ErrorCode.class);
            message = printable(error.field("message").nonEmptyString());
        } catch (VaultException e) {
            return notUnderstood(status);
        }
        try {
            return exception(code, message, error);
        } catch (VaultException e) {
            return notUnderstood(status);
        }
    }

    private static VaultException exception(ErrorCode code, String message, Answer error) {
        return switch (code) {
            case INVALID_PARAMETER -> new InvalidParameterException(message);
            case INVALID_JSON -> new InvalidJsonException(message);
            case INVALID_VAULT_ENTRY -> new InvalidEntryException(violations(error.field("violations")));
            case INVALID_SNAPSHOT -> new InvalidSnapshotException(message);
            case INVALID_TOKEN -> new InvalidTokenException(message);
            case ACCESS_DENIED -> new AccessDeniedException(message);
            case VAULT_ENTRY_NOT_FOUND, SNAPSHOT_NOT_FOUND, TOKEN_NOT_FOUND, NOT_FOUND -> new NotFoundException(code,
                    message);
            case VAULT_ENTRY_ALREADY_EXISTS, TOKEN_ALREADY_EXISTS -> new AlreadyExistsException(code, message,
                    error.field("keys").listOrEmpty().stream().map(Answer::string).toList());
            case VAULT_FETCH_CONFLICT -> new FetchConflictException(message, error.field("keys").strings());
            case STORE_UNAVAILABLE -> new StoreUnavailableException(storeError(error.field("storeError")), message);
            case STORE_WRITE_FAILED, COMMIT_OUTCOME_UNKNOWN, STORE_NO_SPACE, STORE_LOCKED, STORE_MISSING, STORE_CORRUPT,
                    STORE_WRONG_KEY, STORE_TAMPERED, STORE_UNSUPPORTED_VERSION, STORE_PERMISSIONS, STORE_CONFLICT ->
                    new StoreException(code, message);
            case LAST_ADMIN_TOKEN, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE, MISDIRECTED_REQUEST ->
                    new RemoteFailureException(code, message);
            case INTERNAL_ERROR -> new RemoteFailureException(code, message + requestId(error.field("requestID")));
        };
    }

    // At least one, each with its field, code and message: what a command prints of an invalid entry.
    private static List<Violation> violations(Answer violations) {
        List<Violation> list = violations.list().stream()
                .map(v -> new Violation(printable(v.field("field").string()), printable(v.field("code").string()),
                        printable(v.field("message").string())))
                .toList();
        if (list.isEmpty()) {
            throw violations.unreadable("must list at least one violation");
        }
        return list;
    }

    // Why the store is sealed: a STORE_* code or COMMIT_OUTCOME_UNKNOWN; an older answer without it says only that.
    private static ErrorCode storeError(Answer reason) {
        return reason.isAbsent() ? ErrorCode.STORE_UNAVAILABLE : reason.choice(ErrorCode.class);
    }

    private static String requestId(Answer id) {
        if (id.isAbsent()) {
            return "";
        }
        String text = id.string();
        return REQUEST_ID.matcher(text).matches() ? " (request id " + text + ")" : "";
    }

    private static VaultException notUnderstood(int status) {
        return new RemoteFailureException(ErrorCode.INTERNAL_ERROR, "The server answered HTTP " + status
                + " without an error body this command understands; the server's log may say more.");
    }

    // The server's messages are plain sentences; a control character (an escape sequence) is never printed as is.
    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) && c != '\n'
                ? '\uFFFD' : c));
        return printable.toString();
    }
}

package io.offlinevault.http;

import io.offlinevault.domain.error.ErrorCode;

/** The HTTP status of each error code (API.md section 1): one status per code. */
final class ErrorStatus {
    private ErrorStatus() {
    }

    /** Exhaustive on purpose: a new {@link ErrorCode} does not compile until it has a status. */
    static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER, INVALID_JSON, INVALID_VAULT_ENTRY, INVALID_SNAPSHOT -> 400;
            case INVALID_TOKEN -> 401;
            case ACCESS_DENIED -> 403;
            case VAULT_ENTRY_NOT_FOUND, SNAPSHOT_NOT_FOUND, TOKEN_NOT_FOUND, NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case MISDIRECTED_REQUEST -> 421;
            case VAULT_ENTRY_ALREADY_EXISTS, TOKEN_ALREADY_EXISTS, LAST_ADMIN_TOKEN, VAULT_FETCH_CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case STORE_WRITE_FAILED, COMMIT_OUTCOME_UNKNOWN, INTERNAL_ERROR -> 500;
            // a store error thrown while serving (a blob that vanished, a locked or sealed store) refuses service
            case STORE_UNAVAILABLE, STORE_LOCKED, STORE_MISSING, STORE_CORRUPT, STORE_WRONG_KEY, STORE_TAMPERED,
                    STORE_UNSUPPORTED_VERSION, STORE_PERMISSIONS, STORE_CONFLICT -> 503;
            case STORE_NO_SPACE -> 507;
        };
    }
}

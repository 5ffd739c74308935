package io.offlinevault.domain.error;

/**
 * Every failure the product reports on purpose. Adapters map each code to exactly one HTTP status
 * and one exit code in exhaustive switches, so a new constant does not compile until it is handled.
 */
public enum ErrorCode {
    INVALID_PARAMETER,
    INVALID_JSON,
    INVALID_VAULT_ENTRY,
    INVALID_SNAPSHOT,
    INVALID_TOKEN,
    ACCESS_DENIED,
    VAULT_ENTRY_NOT_FOUND,
    SNAPSHOT_NOT_FOUND,
    TOKEN_NOT_FOUND,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    MISDIRECTED_REQUEST,
    VAULT_ENTRY_ALREADY_EXISTS,
    TOKEN_ALREADY_EXISTS,
    LAST_ADMIN_TOKEN,
    VAULT_FETCH_CONFLICT,
    PAYLOAD_TOO_LARGE,
    STORE_WRITE_FAILED,
    COMMIT_OUTCOME_UNKNOWN,
    STORE_UNAVAILABLE,
    STORE_NO_SPACE,
    STORE_LOCKED,
    STORE_MISSING,
    STORE_CORRUPT,
    STORE_WRONG_KEY,
    STORE_TAMPERED,
    STORE_UNSUPPORTED_VERSION,
    STORE_PERMISSIONS,
    STORE_CONFLICT,
    INTERNAL_ERROR
}

package io.offlinevault.domain.error;

import java.util.List;

/**
 * A token to create broke one or more rules (API.md 5); {@link #violations()} lists every one of them, with
 * fields relative to the token ({@code name}, {@code privileges[1]}; empty for the token as a whole). The
 * message lists them too and, like them, never holds a token value.
 */
public final class InvalidTokenDraftException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** {@code message} lists every one of {@code violations} (at least one). */
    public InvalidTokenDraftException(String message, List<Violation> violations) {
        super(ErrorCode.INVALID_PARAMETER, message);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid token needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** {@return every broken rule, in the order they were found} */
    public List<Violation> violations() {
        return violations == null ? List.of() : violations;
    }
}

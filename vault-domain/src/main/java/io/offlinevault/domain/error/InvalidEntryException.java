package io.offlinevault.domain.error;

import java.util.List;

/** A vault entry input broke one or more rules; {@link #violations()} lists every one of them. */
public final class InvalidEntryException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidEntryException(List<Violation> violations) {
        super(ErrorCode.INVALID_VAULT_ENTRY, summary(violations));
        this.violations = List.copyOf(violations);
    }

    /** {@return every broken rule, in the order they were found} */
    public List<Violation> violations() {
        return violations == null ? List.of() : violations;
    }

    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid entry needs at least one violation");
        }
        return violations.size() == 1
                ? "The vault entry is invalid: " + violations.get(0).field() + " " + violations.get(0).message() + "."
                : "The vault entry is invalid: " + violations.size() + " rules are broken (see violations).";
    }
}

package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.Violation;
import java.util.List;
import java.util.Optional;

/**
 * One problem of one resource in a report, such as an {@code INVALID_PLACEHOLDER} naming a missing
 * vault entry (then {@code reference} is present). {@code similarKeys} is present only when the
 * caller that produced or reads the report may view the organization's vault entries.
 */
public record OperationResult(String resultCode, String message, Optional<VaultReference> reference,
                              Optional<List<String>> similarKeys) {
    public OperationResult {
        requireNonNull(resultCode, "resultCode");
        requireNonNull(message, "message");
        requireNonNull(reference, "reference");
        similarKeys = requireNonNull(similarKeys, "similarKeys").map(List::copyOf);
    }

    /**
     * {@return the {@code key.<rule>} code the referenced key breaks, when it can never be an entry key (API.md 6,
     * {@code keyViolation}); empty otherwise}
     */
    public Optional<String> keyViolation() {
        return reference.flatMap(ref -> ref.key().violation()).map(Violation::code);
    }

    /** {@return this result without {@code similarKeys}, for a caller who may not view the vault} */
    public OperationResult withoutSimilarKeys() {
        return new OperationResult(resultCode, message, reference, Optional.empty());
    }
}

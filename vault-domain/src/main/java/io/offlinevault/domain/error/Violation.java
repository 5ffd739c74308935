package io.offlinevault.domain.error;

import static java.util.Objects.requireNonNull;

/**
 * One broken rule of an input. {@code field} is the wire name with indices
 * ({@code attributeReferences[2].jsonPath}); {@code code} is the field without indices, a dot and the
 * rule ({@code attributeReferences.jsonPath.required}). Both are a public contract; the message
 * never quotes the rejected value.
 */
public record Violation(String field, String code, String message) {
    public Violation {
        requireNonNull(field, "field");
        requireNonNull(code, "code");
        requireNonNull(message, "message");
    }
}

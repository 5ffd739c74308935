package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A stored vault entry. The lists are sets in first-seen order (no duplicates). The value is a
 * {@link SecretValue}, so {@code toString} never shows it.
 */
public record VaultEntry(EntryKey key, SecretValue value, ValueType valueType, Visibility visibility,
                         List<AttributeReference> attributeReferences, List<Scope> scopes) {
    public VaultEntry {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(valueType, "valueType");
        requireNonNull(visibility, "visibility");
        attributeReferences = List.copyOf(attributeReferences.stream().distinct().toList());
        scopes = List.copyOf(scopes.stream().distinct().toList());
    }

    /** {@return whether the value may be returned over HTTP} */
    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    public VaultEntry withScopes(List<Scope> newScopes) {
        return new VaultEntry(key, value, valueType, visibility, attributeReferences, newScopes);
    }
}

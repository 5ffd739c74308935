package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
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
        attributeReferences = distinct(attributeReferences);
        scopes = distinct(scopes);
    }

    // Without a stream: a store opens 10,000s of entries, nearly all with empty lists, and a stream per list was a
    // tenth of decoding a checkpoint under the quick JIT tier (issue 21).
    private static <T> List<T> distinct(List<T> items) {
        if (items.size() < 2) {
            return List.copyOf(items);
        }
        return List.copyOf(new LinkedHashSet<>(items));
    }

    /** {@return whether the value may be returned over HTTP} */
    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    public VaultEntry withScopes(List<Scope> newScopes) {
        return new VaultEntry(key, value, valueType, visibility, attributeReferences, newScopes);
    }
}

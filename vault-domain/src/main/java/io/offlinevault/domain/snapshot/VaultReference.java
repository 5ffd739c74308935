package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.ResourceType;

/**
 * One {@code {{ VAULT.<key> }}} placeholder of a snapshot: the key as written (possibly one that can never be
 * an entry key, see {@link ReferencedKey}), and where it was found.
 */
public record VaultReference(ReferencedKey key, ResourceType resourceType, String resourceName, JsonPath jsonPath,
                             ReferenceLocation in) {
    public VaultReference {
        requireNonNull(key, "key");
        requireNonNull(resourceType, "resourceType");
        requireNonNull(resourceName, "resourceName");
        requireNonNull(jsonPath, "jsonPath");
        requireNonNull(in, "in");
    }

    /** {@return the placeholder in its canonical form, {@code {{ VAULT.<key> }}}} */
    public String placeholder() {
        return key.placeholder();
    }
}

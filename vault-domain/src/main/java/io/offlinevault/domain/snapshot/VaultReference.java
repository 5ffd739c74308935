package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.ResourceType;

/** One {@code {{ VAULT.<key> }}} placeholder of a snapshot: the key, and where it was found. */
public record VaultReference(EntryKey key, ResourceType resourceType, String resourceName, JsonPath jsonPath,
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
        return "{{ VAULT." + key.value() + " }}";
    }
}

package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

/** A resource allowed to use an entry, such as an indexing pipeline extension by its id. */
public record Scope(String id, ResourceType resourceType) {
    public Scope {
        requireNonNull(id, "id");
        requireNonNull(resourceType, "resourceType");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
    }
}

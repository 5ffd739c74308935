package io.offlinevault.domain.entry;

import static java.util.Objects.requireNonNull;

/** Where an entry is used: the resource (type and name) and the path inside its model. */
public record AttributeReference(JsonPath jsonPath, String resourceName, ResourceType resourceType) {
    public AttributeReference {
        requireNonNull(jsonPath, "jsonPath");
        requireNonNull(resourceName, "resourceName");
        requireNonNull(resourceType, "resourceType");
        if (resourceName.isEmpty()) {
            throw new IllegalArgumentException("resourceName must not be empty");
        }
    }
}

package io.offlinevault.domain.snapshot;

import io.offlinevault.domain.entry.ResourceType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resources an organization holds after its last apply, by type then resource name: what dry
 * runs and applies compare a snapshot against. Models keep their placeholders, never resolved.
 */
public record AppliedResources(Map<ResourceType, Map<String, SnapshotResource>> byType) {
    public AppliedResources {
        Map<ResourceType, Map<String, SnapshotResource>> copy = new TreeMap<>();
        byType.forEach((type, byName) -> copy.put(type, Collections.unmodifiableMap(new TreeMap<>(byName))));
        byType = Collections.unmodifiableMap(copy);
    }

    /** {@return an organization to which nothing was ever applied} */
    public static AppliedResources none() {
        return new AppliedResources(Map.of());
    }

    /** {@return the applied resource of that type and name, if any} */
    public Optional<SnapshotResource> find(ResourceType type, String resourceName) {
        return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(resourceName));
    }

    /** {@return every applied resource, by type then name} */
    public List<SnapshotResource> all() {
        return byType.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}

package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.ResourceType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a snapshot: its resources grouped by type in document order (an empty array still
 * names its type), its {@code metadata} and any other top-level fields ({@code extra}, kept for
 * export). Built from plain JSON values by {@link SnapshotContentReader}.
 */
public record SnapshotContent(Map<String, Object> metadata, Map<ResourceType, List<SnapshotResource>> resources,
                              Map<String, Object> extra) {
    public SnapshotContent {
        requireNonNull(metadata, "metadata");
        requireNonNull(extra, "extra");
        Map<ResourceType, List<SnapshotResource>> copy = new LinkedHashMap<>();
        requireNonNull(resources, "resources").forEach((type, list) -> copy.put(type, List.copyOf(list)));
        resources = Collections.unmodifiableMap(copy);
    }

    /** {@return every resource, type by type in document order} */
    public List<SnapshotResource> allResources() {
        return resources.values().stream().flatMap(List::stream).toList();
    }

    /** {@return the number of resources of each type, sorted by type name} */
    public Map<ResourceType, Integer> summary() {
        Map<ResourceType, Integer> summary = new TreeMap<>();
        resources.forEach((type, list) -> summary.put(type, list.size()));
        return Collections.unmodifiableMap(summary);
    }
}

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

    /**
     * {@return this content as the plain JSON document it was read from: {@code metadata} (when not
     * empty), {@code resources} and the other top-level fields; each resource with its
     * {@code resourceName}, {@code model}, {@code parents} and other fields} {@link SnapshotContentReader#read}
     * reads it back to an equal content.
     */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            document.put("metadata", metadata);
        }
        Map<String, Object> byType = new LinkedHashMap<>();
        resources.forEach((type, list) -> byType.put(type.name(), list.stream().map(SnapshotContent::document).toList()));
        document.put("resources", byType);
        extra.forEach(document::putIfAbsent);
        return document;
    }

    private static Map<String, Object> document(SnapshotResource resource) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resourceName", resource.resourceName());
        document.put("model", resource.model());
        document.put("parents", resource.parents());
        resource.extra().forEach(document::putIfAbsent);
        return document;
    }

    /** {@return the number of resources of each type, sorted by type name} */
    public Map<ResourceType, Integer> summary() {
        Map<ResourceType, Integer> summary = new TreeMap<>();
        resources.forEach((type, list) -> summary.put(type, list.size()));
        return Collections.unmodifiableMap(summary);
    }
}

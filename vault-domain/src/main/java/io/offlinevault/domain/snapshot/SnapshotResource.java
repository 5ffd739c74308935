package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.ResourceType;
import java.util.Map;

/**
 * One resource of a snapshot: its type and name, its {@code parents} and {@code model} as plain JSON
 * values ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}),
 * and any other fields it carried ({@code extra}, kept for export). The maps are not copied deeply:
 * treat them as immutable.
 */
public record SnapshotResource(ResourceType type, String resourceName, Map<String, Object> parents,
                               Map<String, Object> model, Map<String, Object> extra) {
    public SnapshotResource {
        requireNonNull(type, "type");
        requireNonNull(resourceName, "resourceName");
        requireNonNull(parents, "parents");
        requireNonNull(model, "model");
        requireNonNull(extra, "extra");
        if (resourceName.isEmpty()) {
            throw new IllegalArgumentException("resourceName must not be empty");
        }
    }
}

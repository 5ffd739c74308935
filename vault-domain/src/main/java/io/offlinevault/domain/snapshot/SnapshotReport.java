package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.ResourceType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished report on a snapshot (creation, dry run or apply). Work is synchronous here, so every
 * report is {@code COMPLETED}. {@code resultCode} is {@code SUCCESS} or {@code RESOURCES_IN_ERROR}.
 */
public record SnapshotReport(String id, ReportType type, String resultCode, long startDate, long updatedDate,
                             int resourcesProcessed, Map<ResourceType, ResourceOperations> resourceOperations,
                             Map<ResourceType, Map<String, List<OperationResult>>> resourceOperationResults) {
    public SnapshotReport {
        requireNonNull(id, "id");
        requireNonNull(type, "type");
        requireNonNull(resultCode, "resultCode");
        if (updatedDate < startDate) {
            throw new IllegalArgumentException("updatedDate must not precede startDate");
        }
        resourceOperations = Collections.unmodifiableMap(new LinkedHashMap<>(resourceOperations));
        Map<ResourceType, Map<String, List<OperationResult>>> results = new LinkedHashMap<>();
        resourceOperationResults.forEach((t, byName) -> {
            Map<String, List<OperationResult>> copy = new LinkedHashMap<>();
            byName.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            results.put(t, Collections.unmodifiableMap(copy));
        });
        resourceOperationResults = Collections.unmodifiableMap(results);
    }

    /** {@return the status of every report here: work is synchronous} */
    public String status() {
        return "COMPLETED";
    }

    /** {@return this report without any {@code similarKeys}} */
    public SnapshotReport withoutSimilarKeys() {
        Map<ResourceType, Map<String, List<OperationResult>>> stripped = new LinkedHashMap<>();
        resourceOperationResults.forEach((t, byName) -> {
            Map<String, List<OperationResult>> copy = new LinkedHashMap<>();
            byName.forEach((name, list) -> copy.put(name, list.stream().map(OperationResult::withoutSimilarKeys).toList()));
            stripped.put(t, copy);
        });
        return new SnapshotReport(id, type, resultCode, startDate, updatedDate, resourcesProcessed,
                resourceOperations, stripped);
    }
}

package io.offlinevault.http.codec;

import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ResourceOperations;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.VaultReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot models and reports in the wire shape of API.md 3, fields in Coveo's order, dates as epoch
 * milliseconds. Writes {@code similarKeys} whenever a result holds them: a caller who may not view
 * the vault passes {@link Snapshot#withoutSimilarKeys()}; writes {@code keyViolation} only for a key that can
 * never be an entry key (API.md 6). Stateless and thread-safe.
 */
public final class SnapshotJson {
    private SnapshotJson() {
    }

    /** {@return the wire model of {@code snapshot}, its reports oldest first} */
    public static Map<String, Object> of(Snapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", snapshot.id());
        json.put("createdBy", snapshot.createdBy());
        json.put("createdDate", snapshot.createdDate());
        json.put("developerNote", snapshot.developerNote());
        json.put("targetId", snapshot.organizationId().value());
        Map<String, Object> summary = new LinkedHashMap<>();
        snapshot.contentSummary().forEach((type, count) -> summary.put(type.name(), count));
        json.put("contentSummary", summary);
        json.put("synchronizationReports", List.of());
        json.put("diffGenerationReports", List.of());
        json.put("reports", snapshot.reports().stream().map(SnapshotJson::report).toList());
        return json;
    }

    /**
     * {@return the prerequisite check of a snapshot as API.md 6's {@code snapshots/check} answers it (and the
     * command line's {@code snapshot check --json} prints it): the organization, every reference with its key,
     * place, whether the key exists, its look-alikes and, for a key that can never be an entry key, its
     * {@code keyViolation}; then the missing keys, sorted}
     */
    public static Map<String, Object> check(SnapshotCheck check) {
        List<Object> references = new ArrayList<>();
        for (SnapshotCheck.CheckedReference checked : check.checkedReferences()) {
            VaultReference reference = checked.reference();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", reference.key().value());
            item.put("resourceType", reference.resourceType().name());
            item.put("resourceName", reference.resourceName());
            item.put("jsonPath", reference.jsonPath().value());
            item.put("in", reference.in().wireName());
            item.put("found", checked.found());
            item.put("similarKeys", checked.similarKeys());
            reference.key().violation().ifPresent(broken -> item.put("keyViolation", broken.code()));
            references.add(item);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("organizationId", check.organization().value());
        json.put("references", references);
        json.put("missing", check.missing().stream().map(ReferencedKey::value).toList());
        return json;
    }

    /** {@return the wire form of {@code report}, types in the report's order} */
    public static Map<String, Object> report(SnapshotReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", report.id());
        json.put("type", report.type().name());
        json.put("status", report.status());
        json.put("resultCode", report.resultCode());
        json.put("startDate", report.startDate());
        json.put("updatedDate", report.updatedDate());
        json.put("resourcesProcessed", report.resourcesProcessed());
        List<String> stages = report.type().stages();
        json.put("stagesToExecute", stages);
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("stage", stages.get(stages.size() - 1));
        stage.put("progressType", report.type().progressType());
        stage.put("progressValue", report.type().finishedProgress());
        json.put("currentStage", stage);
        Map<String, Object> operations = new LinkedHashMap<>();
        report.resourceOperations().forEach((type, ops) -> operations.put(type.name(), operations(ops)));
        json.put("resourceOperations", operations);
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<ResourceType, Map<String, List<OperationResult>>> type
                : report.resourceOperationResults().entrySet()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            type.getValue().forEach((name, list) -> byName.put(name, list.stream().map(SnapshotJson::result).toList()));
            results.put(type.getKey().name(), byName);
        }
        json.put("resourceOperationResults", results);
        return json;
    }

    private static Map<String, Object> operations(ResourceOperations ops) {
        Map<String, Object> json = new LinkedHashMap<>();
        counter(json, "resourcesCreated", ops.createdNames());
        counter(json, "resourcesUpdated", ops.updatedNames());
        counter(json, "resourcesRecreated", ops.recreatedNames());
        counter(json, "resourcesDeleted", ops.deletedNames());
        counter(json, "resourcesInError", ops.inErrorNames());
        counter(json, "resourcesUnchanged", ops.unchangedNames());
        return json;
    }

    private static void counter(Map<String, Object> json, String name, List<String> names) {
        json.put(name, names.size());
        json.put(name + "Names", names);
    }

    private static Map<String, Object> result(OperationResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("resultCode", result.resultCode());
        json.put("message", result.message());
        if (result.reference().isPresent()) {
            VaultReference reference = result.reference().get();
            json.put("vaultEntryKey", reference.key().value());
            json.put("jsonPath", reference.jsonPath().value());
            json.put("in", reference.in().wireName());
        }
        result.similarKeys().ifPresent(keys -> json.put("similarKeys", keys));
        result.keyViolation().ifPresent(code -> json.put("keyViolation", code));
        return json;
    }
}

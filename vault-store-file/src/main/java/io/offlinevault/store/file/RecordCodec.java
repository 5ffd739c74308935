package io.offlinevault.store.file;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.AttributeReference;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferenceLocation;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.ResourceOperations;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.SnapshotResource;
import io.offlinevault.domain.snapshot.VaultReference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store's own encoding of domain records as plain JSON trees ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}): what goes inside the encrypted checkpoint and
 * blobs. It is not the wire format of the HTTP API; field names here are part of the file format,
 * so change them only with a format version. Decoding trusts nothing: a tree of the wrong shape is a
 * {@link MalformedRecordException}.
 */
final class RecordCodec {
    private RecordCodec() {
    }

    /** A decoded tree did not have the shape this codec writes. */
    static final class MalformedRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String what) {
            super("malformed record: " + what, null, false, false);
        }
    }

    static VaultEntry entry(Object raw) {
        Map<String, Object> tree = object(raw, "entry");
        return entry(tree.get("key"), tree.get("value"), tree.get("valueType"), tree.get("visibility"),
                tree.get("attributeReferences"), tree.get("scopes"));
    }

    /** {@return the entry of these field values, each as a tree holds it (null when absent)} */
    static VaultEntry entry(Object key, Object value, Object valueType, Object visibility, Object attributeReferences,
                            Object scopes) {
        return guard("entry", () -> new VaultEntry(EntryKey.of(string(key, "key")), SecretValue.of(string(value, "value")),
                ValueType.valueOf(string(valueType, "valueType")), Visibility.valueOf(string(visibility, "visibility")),
                listOf(attributeReferences, "attributeReferences", r -> {
                    Map<String, Object> ref = object(r, "attribute reference");
                    return new AttributeReference(new JsonPath(string(ref, "jsonPath")), string(ref, "resourceName"),
                            ResourceType.of(string(ref, "resourceType")));
                }),
                listOf(scopes, "scopes", s -> {
                    Map<String, Object> scope = object(s, "scope");
                    return new Scope(string(scope, "id"), ResourceType.of(string(scope, "resourceType")));
                })));
    }

    static Map<String, Object> token(TokenRecord token) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", token.name());
        tree.put("digest", token.digest().hex());
        tree.put("allOrganizations", token.grant().allOrganizations());
        tree.put("organizations", token.grant().organizations().stream().map(OrganizationId::value).toList());
        tree.put("privileges", token.grant().privileges().stream().map(Privilege::name).toList());
        tree.put("createdDate", token.createdDate());
        return tree;
    }

    static TokenRecord token(Object raw) {
        Map<String, Object> tree = object(raw, "token");
        return guard("token", () -> {
            Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
            privileges.addAll(list(tree, "privileges", p -> Privilege.valueOf(string(p, "privilege"))));
            boolean all = bool(tree, "allOrganizations");
            TreeSet<OrganizationId> organizations =
                    new TreeSet<>(list(tree, "organizations", o -> OrganizationId.of(string(o, "organization"))));
            return new TokenRecord(string(tree, "name"), new TokenDigest(string(tree, "digest")),
                    new Grant(all, organizations, privileges), number(tree, "createdDate"));
        });
    }

    static Map<String, Object> snapshot(Snapshot snapshot) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", snapshot.id());
        tree.put("organizationId", snapshot.organizationId().value());
        tree.put("createdBy", snapshot.createdBy());
        tree.put("createdDate", snapshot.createdDate());
        tree.put("developerNote", snapshot.developerNote());
        Map<String, Object> summary = new LinkedHashMap<>();
        snapshot.contentSummary().forEach((type, count) -> summary.put(type.name(), count));
        tree.put("contentSummary", summary);
        tree.put("reports", snapshot.reports().stream().map(RecordCodec::report).toList());
        return tree;
    }

    static Snapshot snapshot(Object raw) {
        Map<String, Object> tree = object(raw, "snapshot");
        return guard("snapshot", () -> {
            Map<ResourceType, Integer> summary = new LinkedHashMap<>();
            object(tree.get("contentSummary"), "contentSummary").forEach((type, count) ->
                    summary.put(ResourceType.of(type), Math.toIntExact(asLong(count, "contentSummary count"))));
            return new Snapshot(string(tree, "id"), OrganizationId.of(string(tree, "organizationId")),
                    string(tree, "createdBy"), number(tree, "createdDate"), string(tree, "developerNote"), summary,
                    list(tree, "reports", RecordCodec::report));
        });
    }

    private static Map<String, Object> report(SnapshotReport report) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", report.id());
        tree.put("type", report.type().name());
        tree.put("resultCode", report.resultCode());
        tree.put("startDate", report.startDate());
        tree.put("updatedDate", report.updatedDate());
        tree.put("resourcesProcessed", report.resourcesProcessed());
        Map<String, Object> operations = new LinkedHashMap<>();
        report.resourceOperations().forEach((type, ops) -> operations.put(type.name(), Map.of(
                "created", ops.createdNames(), "updated", ops.updatedNames(), "recreated", ops.recreatedNames(),
                "deleted", ops.deletedNames(), "inError", ops.inErrorNames(), "unchanged", ops.unchangedNames())));
        tree.put("resourceOperations", operations);
        Map<String, Object> results = new LinkedHashMap<>();
        report.resourceOperationResults().forEach((type, byName) -> {
            Map<String, Object> names = new LinkedHashMap<>();
            byName.forEach((name, items) -> names.put(name, items.stream().map(RecordCodec::result).toList()));
            results.put(type.name(), names);
        });
        tree.put("resourceOperationResults", results);
        return tree;
    }

    private static SnapshotReport report(Object raw) {
        Map<String, Object> tree = object(raw, "report");
        Map<ResourceType, ResourceOperations> operations = new LinkedHashMap<>();
        object(tree.get("resourceOperations"), "resourceOperations").forEach((type, rawOps) -> {
            Map<String, Object> ops = object(rawOps, "resource operations");
            operations.put(ResourceType.of(type), new ResourceOperations(strings(ops, "created"), strings(ops, "updated"),
                    strings(ops, "recreated"), strings(ops, "deleted"), strings(ops, "inError"), strings(ops, "unchanged")));
        });
        Map<ResourceType, Map<String, List<OperationResult>>> results = new LinkedHashMap<>();
        object(tree.get("resourceOperationResults"), "resourceOperationResults").forEach((type, rawByName) -> {
            Map<String, List<OperationResult>> byName = new LinkedHashMap<>();
            object(rawByName, "results by name").forEach((name, items) ->
                    byName.put(name, listOf(items, "results", RecordCodec::result)));
            results.put(ResourceType.of(type), byName);
        });
        return new SnapshotReport(string(tree, "id"), ReportType.valueOf(string(tree, "type")),
                string(tree, "resultCode"), number(tree, "startDate"), number(tree, "updatedDate"),
                Math.toIntExact(number(tree, "resourcesProcessed")), operations, results);
    }

    private static Map<String, Object> result(OperationResult result) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("resultCode", result.resultCode());
        tree.put("message", result.message());
        result.reference().ifPresent(ref -> tree.put("reference", Map.of("key", ref.key().value(),
                "resourceType", ref.resourceType().name(), "resourceName", ref.resourceName(),
                "jsonPath", ref.jsonPath().value(), "in", ref.in().name())));
        result.similarKeys().ifPresent(keys -> tree.put("similarKeys", keys));
        return tree;
    }

    private static OperationResult result(Object raw) {
        Map<String, Object> tree = object(raw, "operation result");
        Optional<VaultReference> reference = Optional.ofNullable(tree.get("reference")).map(r -> {
            Map<String, Object> ref = object(r, "reference");
            // the key as written: one that can never be an entry key is kept and judged again (API.md 6)
            return new VaultReference(ReferencedKey.of(string(ref, "key")), ResourceType.of(string(ref, "resourceType")),
                    string(ref, "resourceName"), new JsonPath(string(ref, "jsonPath")),
                    ReferenceLocation.valueOf(string(ref, "in")));
        });
        Optional<List<String>> similar = tree.containsKey("similarKeys")
                ? Optional.of(strings(tree, "similarKeys")) : Optional.empty();
        return new OperationResult(string(tree, "resultCode"), string(tree, "message"), reference, similar);
    }

    static Map<String, Object> content(SnapshotContent content) {
        return content.toDocument();
    }

    static SnapshotContent content(Object raw) {
        return guard("snapshot content", () -> SnapshotContentReader.read(raw, "the stored snapshot content"));
    }

    // Applied resources are stored as a snapshot document, so that one reader checks both.
    static Map<String, Object> applied(AppliedResources applied) {
        Map<ResourceType, List<SnapshotResource>> byType = new LinkedHashMap<>();
        applied.byType().forEach((type, byName) -> byType.put(type, List.copyOf(byName.values())));
        return new SnapshotContent(Map.of(), byType, Map.of()).toDocument();
    }

    static AppliedResources applied(Object raw) {
        SnapshotContent content = content(raw);
        Map<ResourceType, Map<String, SnapshotResource>> byType = new LinkedHashMap<>();
        content.resources().forEach((type, list) -> {
            Map<String, SnapshotResource> byName = new LinkedHashMap<>();
            list.forEach(resource -> byName.put(resource.resourceName(), resource));
            byType.put(type, byName);
        });
        return new AppliedResources(byType);
    }

    // A record that decodes into an invalid domain value was not written by this codec: report it as malformed.
    private static <T> T guard(String what, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (MalformedRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedRecordException(what);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object raw, String what) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new MalformedRecordException(what + " is not an object");
        }
        return (Map<String, Object>) raw;
    }

    static String string(Map<String, Object> tree, String field) {
        return string(tree.get(field), field);
    }

    private static String string(Object raw, String what) {
        if (!(raw instanceof String value)) {
            throw new MalformedRecordException(what + " is not a string");
        }
        return value;
    }

    static OrganizationId organizationId(Object raw) {
        if (!(raw instanceof String id) || !OrganizationId.isValid(id)) {
            throw new MalformedRecordException("organization id");
        }
        return OrganizationId.of(id);
    }

    static String blobId(Object raw) {
        if (!(raw instanceof String id) || !Blobs.isId(id)) {
            throw new MalformedRecordException("blob id");
        }
        return id;
    }

    static long number(Map<String, Object> tree, String field) {
        return asLong(tree.get(field), field);
    }

    private static long asLong(Object raw, String what) {
        if (!(raw instanceof Integer || raw instanceof Long)) {
            throw new MalformedRecordException(what + " is not an integer");
        }
        return ((Number) raw).longValue();
    }

    private static boolean bool(Map<String, Object> tree, String field) {
        if (!(tree.get(field) instanceof Boolean value)) {
            throw new MalformedRecordException(field + " is not a boolean");
        }
        return value;
    }

    private static List<String> strings(Map<String, Object> tree, String field) {
        return list(tree, field, s -> string(s, field));
    }

    static <T> List<T> list(Map<String, Object> tree, String field, Function<Object, T> decode) {
        return listOf(tree.get(field), field, decode);
    }

    private static <T> List<T> listOf(Object raw, String what, Function<Object, T> decode) {
        if (!(raw instanceof List<?> items)) {
            throw new MalformedRecordException(what + " is not an array");
        }
        List<T> decoded = new ArrayList<>(items.size());
        for (Object item : items) {
            decoded.add(decode.apply(item));
        }
        return decoded;
    }
}

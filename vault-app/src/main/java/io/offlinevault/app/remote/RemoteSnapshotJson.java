package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferenceLocation;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.ResourceOperations;
import io.offlinevault.domain.snapshot.SimilarKeys;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.VaultReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The snapshot answers of the HTTP API (snapshot models, their reports, the prerequisite checks), as
 * {@code WireJson.read} gives them, back into the domain objects the local use cases return; {@link RemoteJson}
 * does the same for entries, tokens and the admin routes, and holds the readers of keys, paths and resource types
 * both use. Each method fails as {@link RemoteJson}'s do: an {@code INTERNAL_ERROR} naming the place it cannot read,
 * never a value. Stateless and thread-safe.
 */
final class RemoteSnapshotJson {
    private RemoteSnapshotJson() {
    }

    /**
     * {@return the check of {@code GET .../vaultentries/missing} in {@code organization} (the answer does not name
     * it)} The answer lists only the missing keys and their look-alikes: the check has no references (so
     * {@link SnapshotCheck#references()} and {@link SnapshotCheck#RemoteJson.referencedKeys()} are empty), and its
     * {@link SnapshotCheck#similarTo} gives back each missing key's {@code similarKeys}.
     */
    static SnapshotCheck missing(OrganizationId organization, Object json) {
        requireNonNull(organization, "organization");
        Answer answer = Answer.of(json, "the missing vault entries of a snapshot");
        List<ReferencedKey> missing = RemoteJson.referencedKeys(answer.field("missingVaultEntries"));
        Set<ReferencedKey> missingSet = Set.copyOf(missing);
        Set<EntryKey> lookAlikes = new TreeSet<>();
        Answer similar = answer.field("similarKeys");
        if (!similar.isAbsent()) {
            for (Map.Entry<String, Answer> key : similar.fields().entrySet()) {
                if (!missingSet.contains(ReferencedKey.of(key.getKey()))) {
                    throw key.getValue().unreadable("names a key that is not missing");
                }
                lookAlikes.addAll(RemoteJson.entryKeys(key.getValue()));
            }
        }
        return SnapshotCheck.of(organization, List.of(), missing, similarKeys(missing, lookAlikes));
    }

    /**
     * {@return the prerequisite check of {@code POST .../snapshots/check}} Lossless: every reference in document
     * order with its place, the missing keys, and each missing key's {@code similarKeys} (rebuilt by looking for
     * the missing keys among the look-alikes the answer lists, which gives the same lists as long as the server
     * folds keys as this version does). {@code found} and {@code keyViolation} follow from the keys and are not
     * read.
     */
    static SnapshotCheck check(Object json) {
        Answer check = Answer.of(json, "a snapshot check");
        OrganizationId organization = check.field("organizationId").as("an organization id", OrganizationId::of);
        List<VaultReference> references = new ArrayList<>();
        Set<EntryKey> lookAlikes = new TreeSet<>();
        for (Answer reference : check.field("references").list()) {
            references.add(new VaultReference(reference.field("key").as("a placeholder's key", ReferencedKey::of),
                    RemoteJson.resourceType(reference.field("resourceType")), reference.field("resourceName").nonEmptyString(),
                    RemoteJson.jsonPath(reference.field("jsonPath")), location(reference.field("in"))));
            Answer similar = reference.field("similarKeys");
            lookAlikes.addAll(similar.isAbsent() ? List.of() : RemoteJson.entryKeys(similar));
        }
        List<ReferencedKey> missing = RemoteJson.referencedKeys(check.field("missing"));
        return SnapshotCheck.of(organization, references, missing, similarKeys(missing, lookAlikes));
    }

    /** {@return the snapshot of a snapshot model (API.md 3): its metadata and reports, oldest first} */
    static Snapshot snapshot(Object json) {
        return snapshot(Answer.of(json, "a snapshot"));
    }

    /** {@return the snapshots of {@code GET .../snapshots}, in the answer's order (newest first)} */
    static List<Snapshot> snapshots(Object json) {
        return Answer.of(json, "the snapshots of an organization").list().stream().map(RemoteSnapshotJson::snapshot).toList();
    }

    /**
     * {@return the report of a dry run or an apply (or one of a model's reports)} Lossless: {@code status},
     * {@code stagesToExecute} and {@code currentStage} follow from the type and are not read; the counters must
     * equal the lengths of their name lists. An item without {@code vaultEntryKey} (a report of Coveo's own) has no
     * reference.
     */
    static SnapshotReport report(Object json) {
        return report(Answer.of(json, "a snapshot report"));
    }

    private static Snapshot snapshot(Answer snapshot) {
        Map<ResourceType, Integer> summary = new LinkedHashMap<>();
        snapshot.field("contentSummary").fields().forEach((type, count) ->
                summary.put(RemoteJson.resourceType(type, count), count.naturalInt()));
        return new Snapshot(snapshot.field("id").nonEmptyString(),
                snapshot.field("targetId").as("an organization id", OrganizationId::of),
                snapshot.field("createdBy").string(), snapshot.field("createdDate").longValue(),
                snapshot.field("developerNote").string(), summary,
                snapshot.field("reports").list().stream().map(RemoteSnapshotJson::report).toList());
    }

    private static SnapshotReport report(Answer report) {
        Map<ResourceType, ResourceOperations> operations = new LinkedHashMap<>();
        report.field("resourceOperations").fields().forEach((type, counts) ->
                operations.put(RemoteJson.resourceType(type, counts), new ResourceOperations(names(counts, "resourcesCreated"),
                        names(counts, "resourcesUpdated"), names(counts, "resourcesRecreated"),
                        names(counts, "resourcesDeleted"), names(counts, "resourcesInError"),
                        names(counts, "resourcesUnchanged"))));
        Map<ResourceType, Map<String, List<OperationResult>>> results = new LinkedHashMap<>();
        report.field("resourceOperationResults").fields().forEach((typeName, byName) -> {
            ResourceType type = RemoteJson.resourceType(typeName, byName);
            Map<String, List<OperationResult>> items = new LinkedHashMap<>();
            byName.fields().forEach((name, list) -> items.put(name, list.list().stream()
                    .map(result -> result(type, name, result)).toList()));
            results.put(type, items);
        });
        long startDate = report.field("startDate").longValue();
        Answer updated = report.field("updatedDate");
        long updatedDate = updated.longValue();
        if (updatedDate < startDate) {
            throw updated.unreadable("must not precede startDate");
        }
        return new SnapshotReport(report.field("id").nonEmptyString(), report.field("type").choice(ReportType.class),
                report.field("resultCode").string(), startDate, updatedDate,
                report.field("resourcesProcessed").naturalInt(), operations, results);
    }

    // One counter of a type's operations: its *Names list, whose length the counter must equal.
    private static List<String> names(Answer counts, String counter) {
        Answer count = counts.field(counter);
        List<String> names = counts.field(counter + "Names").strings();
        if (count.naturalInt() != names.size()) {
            throw count.unreadable("must equal the length of " + counter + "Names");
        }
        return names;
    }

    // An item of a resource's results; its reference is in that resource (the type and name it is listed under).
    private static OperationResult result(ResourceType type, String resourceName, Answer result) {
        Answer key = result.field("vaultEntryKey");
        Optional<VaultReference> reference = key.isAbsent() ? Optional.empty()
                : Optional.of(new VaultReference(key.as("a placeholder's key", ReferencedKey::of), type, resourceName,
                RemoteJson.jsonPath(result.field("jsonPath")), location(result.field("in"))));
        Answer similar = result.field("similarKeys");
        return new OperationResult(result.field("resultCode").string(), result.field("message").string(), reference,
                similar.isAbsent() ? Optional.empty() : Optional.of(similar.strings()));
    }

    // Rebuilds the look-alikes of each missing key by looking for the missing keys among every look-alike listed.
    private static SimilarKeys similarKeys(Collection<ReferencedKey> missing, Set<EntryKey> lookAlikes) {
        return SimilarKeys.find(missing.stream().map(ReferencedKey::entryKey).flatMap(Optional::stream).toList(),
                lookAlikes);
    }

    private static ReferenceLocation location(Answer in) {
        return in.as("model or parents", wire -> switch (wire) {
            case "model" -> ReferenceLocation.MODEL;
            case "parents" -> ReferenceLocation.PARENTS;
            default -> throw new IllegalArgumentException("unknown place");
        });
    }
}

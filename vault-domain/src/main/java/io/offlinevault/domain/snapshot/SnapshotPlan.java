package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a dry run or apply of a snapshot finds (API.md 3): the resources in error because a vault entry
 * they reference is missing (a key that can never be an entry key always is: API.md 6), and for the others whether they would be created, updated or left
 * unchanged against the organization's applied resources, plus the applied resources the snapshot
 * lacks that would be deleted. Models and parents are compared as JSON values with their placeholders
 * in place ({@link JsonValues}). Pure and immutable: computing it reads nothing but its arguments.
 */
public final class SnapshotPlan {
    /** The report result code when no resource is in error. */
    public static final String SUCCESS = "SUCCESS";
    /** The report result code when some resource is in error. */
    public static final String RESOURCES_IN_ERROR = "RESOURCES_IN_ERROR";
    /** The result code of an item naming a missing vault entry, or a key that can never be one. */
    public static final String INVALID_PLACEHOLDER = "INVALID_PLACEHOLDER";

    private final SnapshotContent content;
    private final AppliedResources applied;
    private final Map<ResourceType, ResourceOperations> operations;
    // type -> resource in error (document order) -> first occurrence of each of its missing keys
    private final Map<ResourceType, Map<String, List<VaultReference>>> missingReferences;
    private final Set<ReferencedKey> referencedKeys;
    private final Set<ReferencedKey> missingKeys;

    private SnapshotPlan(SnapshotContent content, AppliedResources applied,
                         Map<ResourceType, ResourceOperations> operations,
                         Map<ResourceType, Map<String, List<VaultReference>>> missingReferences,
                         Set<ReferencedKey> referencedKeys, Set<ReferencedKey> missingKeys) {
        this.content = content;
        this.applied = applied;
        this.operations = operations;
        this.missingReferences = missingReferences;
        this.referencedKeys = referencedKeys;
        this.missingKeys = missingKeys;
    }

    /**
     * {@return the plan of {@code content} against {@code applied}} {@code keyExists} tells whether the
     * organization's vault holds a key; it is asked once per distinct referenced entry key, never about a key
     * that can never be an entry key (that one is missing).
     */
    public static SnapshotPlan of(SnapshotContent content, AppliedResources applied, Predicate<EntryKey> keyExists,
                                  DeletionOptions options) {
        requireNonNull(content, "content");
        requireNonNull(applied, "applied");
        requireNonNull(keyExists, "keyExists");
        requireNonNull(options, "options");
        Map<ReferencedKey, Boolean> present = new LinkedHashMap<>();
        Set<ReferencedKey> missingKeys = new LinkedHashSet<>();
        Map<ResourceType, Counts> counts = new TreeMap<>();
        Map<ResourceType, Map<String, List<VaultReference>>> missing = new TreeMap<>();
        for (Map.Entry<ResourceType, List<SnapshotResource>> ofType : content.resources().entrySet()) {
            ResourceType type = ofType.getKey();
            Counts typeCounts = counts.computeIfAbsent(type, t -> new Counts());
            for (SnapshotResource resource : ofType.getValue()) {
                List<VaultReference> missingOfResource = new ArrayList<>();
                for (VaultReference first : PlaceholderScanner.firstOccurrences(PlaceholderScanner.scan(resource)).values()) {
                    if (!present.computeIfAbsent(first.key(), key -> key.foundIn(keyExists))) {
                        missingOfResource.add(first);
                        missingKeys.add(first.key());
                    }
                }
                String name = resource.resourceName();
                if (!missingOfResource.isEmpty()) {
                    typeCounts.inError.add(name);
                    missing.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name, List.copyOf(missingOfResource));
                } else {
                    Optional<SnapshotResource> current = applied.find(type, name);
                    if (current.isEmpty()) {
                        typeCounts.created.add(name);
                    } else if (sameContent(resource, current.get())) {
                        typeCounts.unchanged.add(name);
                    } else {
                        typeCounts.updated.add(name);
                    }
                }
            }
        }
        if (options.deleteMissingResources()) {
            addDeletions(content, applied, options.scope(), counts);
        }
        Map<ResourceType, ResourceOperations> operations = new LinkedHashMap<>();
        counts.forEach((type, typeCounts) -> operations.put(type, typeCounts.operations()));
        Map<ResourceType, Map<String, List<VaultReference>>> frozen = new LinkedHashMap<>();
        missing.forEach((type, byName) -> frozen.put(type, Collections.unmodifiableMap(byName)));
        return new SnapshotPlan(content, applied, Collections.unmodifiableMap(operations),
                Collections.unmodifiableMap(frozen), Collections.unmodifiableSet(new LinkedHashSet<>(present.keySet())),
                Collections.unmodifiableSet(missingKeys));
    }

    private static void addDeletions(SnapshotContent content, AppliedResources applied, DeletionScope scope,
                                     Map<ResourceType, Counts> counts) {
        for (Map.Entry<ResourceType, Map<String, SnapshotResource>> ofType : applied.byType().entrySet()) {
            ResourceType type = ofType.getKey();
            boolean inScope = switch (scope) {
                case ONLY_TYPES_FROM_SNAPSHOT -> content.resources().containsKey(type);
                case ALL_MANAGED_RESOURCES -> true;
            };
            if (!inScope) {
                continue;
            }
            Set<String> kept = new HashSet<>();
            for (SnapshotResource resource : content.resources().getOrDefault(type, List.of())) {
                kept.add(resource.resourceName());
            }
            for (String name : ofType.getValue().keySet()) {
                if (!kept.contains(name)) {
                    counts.computeIfAbsent(type, t -> new Counts()).deleted.add(name);
                }
            }
        }
    }

    /** {@return whether two resources have equal models and parents, as JSON values} */
    public static boolean sameContent(SnapshotResource a, SnapshotResource b) {
        return JsonValues.equal(a.model(), b.model()) && JsonValues.equal(a.parents(), b.parents());
    }

    /** {@return whether some resource is in error, so that an apply applies nothing} */
    public boolean inError() {
        return !missingKeys.isEmpty();
    }

    /** {@return the distinct keys the snapshot references, in document order} */
    public Set<ReferencedKey> referencedKeys() {
        return referencedKeys;
    }

    /**
     * {@return the distinct referenced keys the vault lacks, in document order} Keys that can never be entry keys
     * are among them.
     */
    public Set<ReferencedKey> missingKeys() {
        return missingKeys;
    }

    /**
     * {@return the operations by type, sorted by type: every type of the snapshot (even without
     * resources), and any other type with a deletion}
     */
    public Map<ResourceType, ResourceOperations> operations() {
        return operations;
    }

    /**
     * {@return the organization's applied resources after applying this plan: the snapshot's resources
     * replace those of the same type and name, deleted ones are removed, the others kept} Throws
     * {@link IllegalStateException} when the plan is {@linkplain #inError() in error}: nothing may be applied.
     */
    public AppliedResources appliedAfter() {
        if (inError()) {
            throw new IllegalStateException("a plan with resources in error applies nothing");
        }
        Map<ResourceType, Map<String, SnapshotResource>> next = new TreeMap<>();
        applied.byType().forEach((type, byName) -> next.put(type, new TreeMap<>(byName)));
        operations.forEach((type, typeOperations) -> {
            for (String name : typeOperations.deletedNames()) {
                next.get(type).remove(name);
            }
        });
        content.resources().forEach((type, resources) -> {
            Map<String, SnapshotResource> byName = next.computeIfAbsent(type, t -> new TreeMap<>());
            resources.forEach(resource -> byName.put(resource.resourceName(), resource));
        });
        next.values().removeIf(Map::isEmpty);
        return new AppliedResources(next);
    }

    /**
     * {@return whether this plan still holds in a vault whose applied resources are {@code current} and
     * whose keys are told by {@code keyExists}} True when {@code current} equals, resource by resource as
     * JSON values, the applied resources the plan was computed against, and every referenced key found
     * present still is. An apply commits only under this condition.
     */
    public boolean stillHolds(AppliedResources current, Predicate<EntryKey> keyExists) {
        requireNonNull(current, "current");
        requireNonNull(keyExists, "keyExists");
        for (ReferencedKey key : referencedKeys) {
            if (!missingKeys.contains(key) && !key.foundIn(keyExists)) {
                return false;
            }
        }
        return sameResources(applied, current);
    }

    private static boolean sameResources(AppliedResources a, AppliedResources b) {
        if (a == b) {
            return true;
        }
        Map<ResourceType, Map<String, SnapshotResource>> x = withoutEmptyTypes(a);
        Map<ResourceType, Map<String, SnapshotResource>> y = withoutEmptyTypes(b);
        if (!x.keySet().equals(y.keySet())) {
            return false;
        }
        for (Map.Entry<ResourceType, Map<String, SnapshotResource>> ofType : x.entrySet()) {
            Map<String, SnapshotResource> other = y.get(ofType.getKey());
            if (!ofType.getValue().keySet().equals(other.keySet())) {
                return false;
            }
            for (Map.Entry<String, SnapshotResource> resource : ofType.getValue().entrySet()) {
                if (!sameContent(resource.getValue(), other.get(resource.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<ResourceType, Map<String, SnapshotResource>> withoutEmptyTypes(AppliedResources resources) {
        Map<ResourceType, Map<String, SnapshotResource>> kept = new HashMap<>(resources.byType());
        kept.values().removeIf(Map::isEmpty);
        return kept;
    }

    /**
     * {@return the report of this plan} A {@code DRY_RUN} report shows every operation. An {@code APPLY}
     * report of a plan in error counts only the resources in error, since nothing is applied. Each item
     * naming a missing key carries {@code similarKeys} when {@code similarKeys} is present (the caller
     * may view the vault), else none; an item naming a key that can never be an entry key carries its
     * {@linkplain OperationResult#keyViolation() key violation} and no similar keys. Throws {@link IllegalArgumentException} for {@code CREATE_SNAPSHOT}.
     */
    public SnapshotReport report(ReportType type, String id, long startDate, long updatedDate,
                                 Optional<SimilarKeys> similarKeys) {
        requireNonNull(type, "type");
        requireNonNull(id, "id");
        requireNonNull(similarKeys, "similarKeys");
        boolean applyInError = switch (type) {
            case CREATE_SNAPSHOT -> throw new IllegalArgumentException("a plan gives dry run and apply reports only");
            case DRY_RUN -> false;
            case APPLY -> inError();
        };
        Map<ResourceType, ResourceOperations> shown = new LinkedHashMap<>();
        operations.forEach((t, ops) -> shown.put(t, applyInError
                ? new ResourceOperations(List.of(), List.of(), List.of(), List.of(), ops.inErrorNames(), List.of())
                : ops));
        int processed = shown.values().stream().mapToInt(ResourceOperations::total).sum();
        Map<ResourceType, Map<String, List<OperationResult>>> results = new LinkedHashMap<>();
        missingReferences.forEach((t, byName) -> {
            Map<String, List<OperationResult>> items = new LinkedHashMap<>();
            byName.forEach((name, references) -> items.put(name, references.stream()
                    .map(reference -> invalidPlaceholder(reference, similarKeys))
                    .toList()));
            results.put(t, items);
        });
        return new SnapshotReport(id, type, inError() ? RESOURCES_IN_ERROR : SUCCESS, startDate, updatedDate,
                processed, shown, results);
    }

    /** {@return the message Coveo gives, and the Coveo CLI parses, for a missing vault entry} */
    public static String missingEntryMessage(ReferencedKey key) {
        return "The vault entry referenced by " + key.placeholder() + " could not be found in the vault.";
    }

    private static OperationResult invalidPlaceholder(VaultReference reference, Optional<SimilarKeys> similarKeys) {
        ReferencedKey key = reference.key();
        return new OperationResult(INVALID_PLACEHOLDER, missingEntryMessage(key), Optional.of(reference),
                similarKeys.map(similar -> key.entryKey().map(similar::of).orElse(List.of())));
    }

    // The six name lists of one type while a plan is computed.
    private static final class Counts {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> inError = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();

        ResourceOperations operations() {
            return new ResourceOperations(created, updated, List.of(), deleted, inError, unchanged);
        }
    }
}

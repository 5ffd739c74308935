package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.AttributeReference;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.SavedEntry;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answers of the HTTP API, as {@code WireJson.read} gives them, back into the domain objects the local use
 * cases return: the inverse of the writers of {@code io.offlinevault.http.codec} and of the routes that shape an
 * answer themselves. Each method takes the answer's JSON tree and fails with an {@code INTERNAL_ERROR}
 * {@link io.offlinevault.domain.error.VaultException} naming the place it cannot read, never a value. Where the wire
 * carries less than the domain object holds, the method says what it fills in. Stateless and thread-safe.
 */
final class RemoteJson {
    private RemoteJson() {
    }

    /**
     * {@return the entry of an entry model (API.md 2.1)} The server sends a value only for a {@code PUBLIC} entry:
     * the entry of any other visibility decodes with an empty {@link SecretValue}, which is not its value. The
     * model's {@code organizationId} and {@code public} are not kept (the entry has no organization; {@code public}
     * follows from the visibility).
     */
    static VaultEntry entry(Object json) {
        return entry(Answer.of(json, "a vault entry"));
    }

    /** {@return the page of {@code GET .../vaultentries}: items (as {@link #entry}), totalEntries, totalPages} */
    static EntryPage page(Object json) {
        Answer page = Answer.of(json, "a page of vault entries");
        return new EntryPage(page.field("items").list().stream().map(RemoteJson::entry).toList(),
                page.field("totalEntries").longValue(), page.field("totalPages").longValue());
    }

    /** {@return the entry that a create, update or rename saved (as {@link #entry}) and its warnings, if any} */
    static SavedEntry saved(Object json) {
        Answer saved = Answer.of(json, "a saved vault entry");
        return new SavedEntry(entry(saved), warnings(saved.field("warnings")));
    }

    /** {@return the result of {@code POST .../vaultentries/import}: created, updated and the warnings, if any} */
    static ImportResult imported(Object json) {
        Answer imported = Answer.of(json, "an import of vault entries");
        return new ImportResult(imported.field("created").naturalInt(), imported.field("updated").naturalInt(),
                warnings(imported.field("warnings")));
    }

    /**
     * {@return what a dry-run fetch would copy (the 200 answer of {@code PUT .../vaultentries/fetch?dryRun=true})}
     * A fetch that is not a dry run answers 204 without a body, so its result cannot be decoded at all.
     */
    static FetchResult fetched(Object json) {
        Answer fetched = Answer.of(json, "a dry-run fetch");
        return new FetchResult(entryKeys(fetched.field("copied")), entryKeys(fetched.field("overwritten")),
                entryKeys(fetched.field("skipped")), referencedKeys(fetched.field("missingInSource")),
                fetched.field("sourceEmpty").bool());
    }

    /**
     * {@return the check of {@code GET .../vaultentries/missing} in {@code organization} (the answer does not name
     * it)} The answer lists only the missing keys and their look-alikes: the check has no references (so
     * {@link SnapshotCheck#references()} and {@link SnapshotCheck#referencedKeys()} are empty), and its
     * {@link SnapshotCheck#similarTo} gives back each missing key's {@code similarKeys}.
     */
    static SnapshotCheck missing(OrganizationId organization, Object json) {
        requireNonNull(organization, "organization");
        Answer answer = Answer.of(json, "the missing vault entries of a snapshot");
        List<ReferencedKey> missing = referencedKeys(answer.field("missingVaultEntries"));
        Set<ReferencedKey> missingSet = Set.copyOf(missing);
        Set<EntryKey> lookAlikes = new TreeSet<>();
        Answer similar = answer.field("similarKeys");
        if (!similar.isAbsent()) {
            for (Map.Entry<String, Answer> key : similar.fields().entrySet()) {
                if (!missingSet.contains(ReferencedKey.of(key.getKey()))) {
                    throw key.getValue().unreadable("names a key that is not missing");
                }
                lookAlikes.addAll(entryKeys(key.getValue()));
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
                    resourceType(reference.field("resourceType")), reference.field("resourceName").nonEmptyString(),
                    jsonPath(reference.field("jsonPath")), location(reference.field("in"))));
            Answer similar = reference.field("similarKeys");
            lookAlikes.addAll(similar.isAbsent() ? List.of() : entryKeys(similar));
        }
        List<ReferencedKey> missing = referencedKeys(check.field("missing"));
        return SnapshotCheck.of(organization, references, missing, similarKeys(missing, lookAlikes));
    }

    /** {@return the snapshot of a snapshot model (API.md 3): its metadata and reports, oldest first} */
    static Snapshot snapshot(Object json) {
        return snapshot(Answer.of(json, "a snapshot"));
    }

    /** {@return the snapshots of {@code GET .../snapshots}, in the answer's order (newest first)} */
    static List<Snapshot> snapshots(Object json) {
        return Answer.of(json, "the snapshots of an organization").list().stream().map(RemoteJson::snapshot).toList();
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

    /** {@return the tokens of {@code GET /_offline-vault/tokens}, in the answer's order (by name)} */
    static List<TokenSummary> tokens(Object json) {
        return Answer.of(json, "the tokens").list().stream().map(RemoteJson::token).toList();
    }

    /**
     * {@return the token that {@code POST /_offline-vault/tokens} created, with its value (shown this once) and, as
     * its record's digest, the SHA-256 of that value}
     */
    static IssuedToken issued(Object json) {
        Answer answer = Answer.of(json, "a new token");
        TokenSummary summary = token(answer);
        String value = answer.field("value").nonEmptyString();
        return new IssuedToken(new TokenRecord(summary.name(), TokenDigest.of(value), summary.grant(),
                summary.createdDate()), SecretValue.of(value));
    }

    /**
     * {@return the report of {@code POST /_offline-vault/verify}: every file with its part, outcome, code and message}
     * {@code currentIntact} and {@code previousIntact} follow from the files and are not read.
     */
    static VerifyReport verify(Object json) {
        Answer report = Answer.of(json, "a verify report");
        List<VerifyReport.FileCheck> checks = new ArrayList<>();
        for (Answer file : report.field("files").list()) {
            VerifyReport.Outcome outcome = file.field("outcome").choice(VerifyReport.Outcome.class);
            Answer code = file.field("code");
            if (code.isAbsent() == (outcome == VerifyReport.Outcome.ERROR)) {
                throw code.unreadable("must be given for an ERROR, and only for an ERROR");
            }
            checks.add(new VerifyReport.FileCheck(file.field("file").string(),
                    file.field("part").as("current, previous or unneeded",
                            part -> VerifyReport.Part.valueOf(part.toUpperCase(Locale.ROOT))),
                    outcome, code.isAbsent() ? Optional.empty() : Optional.of(code.choice(ErrorCode.class)),
                    file.field("message").string()));
        }
        return new VerifyReport(checks);
    }

    /** {@return the vault's info of {@code GET /_offline-vault/info}} {@code mode} must agree with {@code store}. */
    static VaultInfo info(Object json) {
        Answer info = Answer.of(json, "the vault's info");
        Answer store = info.field("store");
        boolean ephemeral = info.field("mode").as("EPHEMERAL or PERSISTENT", mode -> switch (mode) {
            case "EPHEMERAL" -> true;
            case "PERSISTENT" -> false;
            default -> throw new IllegalArgumentException("unknown mode");
        });
        if (ephemeral != store.isAbsent()) {
            throw store.unreadable(ephemeral ? "must be null for an EPHEMERAL vault" : "must be given for a"
                    + " PERSISTENT vault");
        }
        Optional<VaultInfo.StorePosition> position = ephemeral ? Optional.empty() : Optional.of(
                new VaultInfo.StorePosition(store.field("generation").longValue(), store.field("keyTerm").intValue()));
        List<VaultInfo.OrganizationSummary> organizations = info.field("organizations").list().stream()
                .map(organization -> new VaultInfo.OrganizationSummary(
                        organization.field("id").as("an organization id", OrganizationId::of),
                        organization.field("entries").longValue(), organization.field("snapshots").intValue()))
                .toList();
        return new VaultInfo(info.field("version").string(), info.field("uptimeMs").longValue(), position,
                organizations);
    }

    /**
     * {@return the report of {@code POST /_offline-vault/backup}} Its directory is the backup's name under the
     * server's backup dir, and its key file, when one opens the vault, is named only as the server's: the answer
     * never holds a path.
     */
    static BackupReport backup(Object json) {
        Answer backup = Answer.of(json, "a backup");
        return new BackupReport(backup.field("name").string(), backup.field("generation").longValue(),
                backup.field("checkpointWrittenAt").longValue(), backup.field("lastRecord").longValue(),
                backup.field("segments").naturalInt(), backup.field("blobs").naturalInt(),
                backup.field("bytes").longValue(), backup.field("keyFileApart").bool()
                ? Optional.of(RemoteOperations.SERVER_KEY_FILE) : Optional.empty());
    }

    /** {@return the organizations of {@code GET /rest/organizations}, in the server's order (sorted)} */
    static List<OrganizationId> organizations(Object json) {
        return Answer.of(json, "the organizations").list().stream()
                .map(organization -> organization.field("id").as("an organization id", OrganizationId::of)).toList();
    }

    /** {@return whether {@code POST /rest/privilege/evaluate} approved the privilege} */
    static boolean approved(Object json) {
        return Answer.of(json, "a privilege evaluation").field("approved").bool();
    }

    /** {@return the new key term of {@code POST /_offline-vault/rotate}} */
    static int keyTerm(Object json) {
        return Answer.of(json, "a key rotation").field("keyTerm").intValue();
    }

    private static VaultEntry entry(Answer entry) {
        Answer value = entry.field("value");
        return new VaultEntry(entryKey(entry.field("key")),
                value.isAbsent() ? SecretValue.of("") : SecretValue.of(value.string()),
                entry.field("valueType").choice(ValueType.class),
                entry.field("vaultVisibilityType").choice(Visibility.class),
                entry.field("attributeReferences").list().stream()
                        .map(reference -> new AttributeReference(jsonPath(reference.field("jsonPath")),
                                reference.field("resourceName").nonEmptyString(),
                                resourceType(reference.field("resourceType"))))
                        .toList(),
                entry.field("scopes").list().stream()
                        .map(scope -> new Scope(scope.field("id").nonEmptyString(),
                                resourceType(scope.field("resourceType"))))
                        .toList());
    }

    private static List<EntryWarning> warnings(Answer warnings) {
        return warnings.listOrEmpty().stream()
                .map(warning -> new EntryWarning(warning.field("code").string(), warning.field("message").string(),
                        entryKey(warning.field("key")), warning.field("expectedKeys").strings()))
                .toList();
    }

    private static Snapshot snapshot(Answer snapshot) {
        Map<ResourceType, Integer> summary = new LinkedHashMap<>();
        snapshot.field("contentSummary").fields().forEach((type, count) ->
                summary.put(resourceType(type, count), count.naturalInt()));
        return new Snapshot(snapshot.field("id").nonEmptyString(),
                snapshot.field("targetId").as("an organization id", OrganizationId::of),
                snapshot.field("createdBy").string(), snapshot.field("createdDate").longValue(),
                snapshot.field("developerNote").string(), summary,
                snapshot.field("reports").list().stream().map(RemoteJson::report).toList());
    }

    private static SnapshotReport report(Answer report) {
        Map<ResourceType, ResourceOperations> operations = new LinkedHashMap<>();
        report.field("resourceOperations").fields().forEach((type, counts) ->
                operations.put(resourceType(type, counts), new ResourceOperations(names(counts, "resourcesCreated"),
                        names(counts, "resourcesUpdated"), names(counts, "resourcesRecreated"),
                        names(counts, "resourcesDeleted"), names(counts, "resourcesInError"),
                        names(counts, "resourcesUnchanged"))));
        Map<ResourceType, Map<String, List<OperationResult>>> results = new LinkedHashMap<>();
        report.field("resourceOperationResults").fields().forEach((typeName, byName) -> {
            ResourceType type = resourceType(typeName, byName);
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
                jsonPath(result.field("jsonPath")), location(result.field("in"))));
        Answer similar = result.field("similarKeys");
        return new OperationResult(result.field("resultCode").string(), result.field("message").string(), reference,
                similar.isAbsent() ? Optional.empty() : Optional.of(similar.strings()));
    }

    private static TokenSummary token(Answer token) {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        for (Answer privilege : token.field("privileges").list()) {
            privileges.add(privilege.as("a privilege (DOMAIN:LEVEL)",
                    name -> Privilege.parse(name).orElseThrow(() -> new IllegalArgumentException("no such privilege"))));
        }
        Answer all = token.field("allOrganizations");
        Grant grant;
        if (!all.isAbsent() && all.bool()) {
            grant = Grant.inAllOrganizations(privileges);
        } else {
            Set<OrganizationId> organizations = new LinkedHashSet<>();
            for (Answer organization : token.field("organizations").list()) {
                organizations.add(organization.as("an organization id", OrganizationId::of));
            }
            grant = Grant.of(organizations, privileges);
        }
        return new TokenSummary(token.field("name").nonEmptyString(), grant, token.field("createdDate").longValue());
    }

    // Rebuilds the look-alikes of each missing key by looking for the missing keys among every look-alike listed.
    private static SimilarKeys similarKeys(Collection<ReferencedKey> missing, Set<EntryKey> lookAlikes) {
        return SimilarKeys.find(missing.stream().map(ReferencedKey::entryKey).flatMap(Optional::stream).toList(),
                lookAlikes);
    }

    private static List<EntryKey> entryKeys(Answer keys) {
        return keys.list().stream().map(RemoteJson::entryKey).toList();
    }

    private static List<ReferencedKey> referencedKeys(Answer keys) {
        return keys.list().stream().map(key -> key.as("a placeholder's key", ReferencedKey::of)).toList();
    }

    private static EntryKey entryKey(Answer key) {
        return key.as("an entry key", EntryKey::of);
    }

    private static JsonPath jsonPath(Answer path) {
        return path.as("a jsonPath", JsonPath::new);
    }

    private static ResourceType resourceType(Answer type) {
        return type.as("a resource type", ResourceType::of);
    }

    // A type that names an object's field: the field's own place says where it is wrong.
    private static ResourceType resourceType(String name, Answer field) {
        try {
            return ResourceType.of(name);
        } catch (IllegalArgumentException e) {
            throw field.unreadable("is under a name that is not a resource type");
        }
    }

    private static ReferenceLocation location(Answer in) {
        return in.as("model or parents", wire -> switch (wire) {
            case "model" -> ReferenceLocation.MODEL;
            case "parents" -> ReferenceLocation.PARENTS;
            default -> throw new IllegalArgumentException("unknown place");
        });
    }
}

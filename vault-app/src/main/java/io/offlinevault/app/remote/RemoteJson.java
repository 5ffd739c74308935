package io.offlinevault.app.remote;

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
import io.offlinevault.domain.snapshot.ReferencedKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The answers of the HTTP API, as {@code WireJson.read} gives them, back into the domain objects the local use
 * cases return: the inverse of the writers of {@code io.offlinevault.http.codec} and of the routes that shape an
 * answer themselves. Each method takes the answer's JSON tree and fails with an {@code INTERNAL_ERROR}
 * {@link io.offlinevault.domain.error.VaultException} naming the place it cannot read, never a value. Where the wire
 * carries less than the domain object holds, the method says what it fills in. The snapshot answers are read by
 * {@link RemoteSnapshotJson}, with the readers of keys, paths and resource types kept here for both. Stateless and
 * thread-safe.
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

    // The readers below are RemoteSnapshotJson's too: each names what it expects when the answer holds something else.

    static List<EntryKey> entryKeys(Answer keys) {
        return keys.list().stream().map(RemoteJson::entryKey).toList();
    }

    static List<ReferencedKey> referencedKeys(Answer keys) {
        return keys.list().stream().map(key -> key.as("a placeholder's key", ReferencedKey::of)).toList();
    }

    static EntryKey entryKey(Answer key) {
        return key.as("an entry key", EntryKey::of);
    }

    static JsonPath jsonPath(Answer path) {
        return path.as("a jsonPath", JsonPath::new);
    }

    static ResourceType resourceType(Answer type) {
        return type.as("a resource type", ResourceType::of);
    }

    // A type that names an object's field: the field's own place says where it is wrong.
    static ResourceType resourceType(String name, Answer field) {
        try {
            return ResourceType.of(name);
        } catch (IllegalArgumentException e) {
            throw field.unreadable("is under a name that is not a resource type");
        }
    }
}

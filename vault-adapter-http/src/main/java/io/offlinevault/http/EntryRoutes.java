package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.in.SavedEntry;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.http.codec.EntryJson;
import io.offlinevault.http.codec.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Routes V1-V7 of API.md section 2: vault entries, missing entries and fetch. */
final class EntryRoutes {
    static final String ENTRIES = "/rest/organizations/{organizationId}/vaultentries";
    static final String ENTRY = ENTRIES + "/{key}";
    static final String FETCH = ENTRIES + "/fetch";
    static final String MISSING = ENTRIES + "/missing";
    static final String RENAME = ENTRY + "/rename";
    static final String IMPORT = ENTRIES + "/import";

    private final VaultEntries entries;
    private final EntryImports imports;

    EntryRoutes(VaultEntries entries, EntryImports imports) {
        this.entries = requireNonNull(entries, "entries");
        this.imports = requireNonNull(imports, "imports");
    }

    void register(RouteTable.Builder routes) {
        routes.add("GET", ENTRIES, Privilege.VAULT_ENTRY_VIEW, EntryRoutes::page, this::list)
                .add("POST", ENTRIES, Privilege.VAULT_ENTRY_CREATE, RouteTable.Builder.noCheck(), this::create)
                .add("GET", ENTRY, Privilege.VAULT_ENTRY_VIEW, RouteTable.Builder.noCheck(), this::get)
                .add("PUT", ENTRY, Privilege.VAULT_ENTRY_EDIT, RouteTable.Builder.noCheck(), this::replace)
                .add("DELETE", ENTRY, Privilege.VAULT_ENTRY_EDIT, RouteTable.Builder.noCheck(), this::delete)
                .add("POST", RENAME, Set.of(Privilege.VAULT_ENTRY_EDIT, Privilege.VAULT_ENTRY_CREATE),
                        RouteTable.Builder.noCheck(), this::rename)
                .add("PUT", FETCH, Privilege.VAULT_ENTRY_EDIT, EntryRoutes::fetchRequest, this::fetch)
                .add("GET", MISSING, Privilege.VAULT_ENTRY_VIEW, EntryRoutes::snapshotId, this::missing)
                // the use case also asks for VAULT_ENTRY:EDIT when update=true
                .add(new Route("POST", IMPORT, true, new Route.InOrganization(Privilege.VAULT_ENTRY_CREATE),
                        WireJson.MAX_IMPORT, EntryRoutes::importMode, this::importEntries));
    }

    private Response list(Request request) {
        OrganizationId organization = request.organization();
        return Response.json(200, EntryJson.pageBody(organization, entries.list(request.caller(), organization,
                page(request))));
    }

    private Response create(Request request) {
        OrganizationId organization = request.organization();
        return saved(201, organization, entries.create(request.caller(), organization,
                EntryDraft.of(request.jsonObject())));
    }

    private Response get(Request request) {
        OrganizationId organization = request.organization();
        EntryKey key = request.entryKey();
        return Response.json(200, EntryJson.body(organization, entries.get(request.caller(), organization, key), List.of()));
    }

    private Response replace(Request request) {
        OrganizationId organization = request.organization();
        EntryKey key = request.entryKey();
        EntryDraft draft = EntryDraft.of(request.jsonObject());
        return saved(200, organization, entries.replace(request.caller(), organization, key, draft));
    }

    private Response rename(Request request) {
        OrganizationId organization = request.organization();
        EntryKey key = request.entryKey();
        Object newKey = request.jsonObject().get("newKey");
        return saved(200, organization, entries.rename(request.caller(), organization, key, newKey));
    }

    // The entry model, with API.md 6's warnings when there are some: no warning, no field.
    private static Response saved(int status, OrganizationId organization, SavedEntry saved) {
        return Response.json(status, EntryJson.body(organization, saved.entry(), saved.warnings()));
    }

    private Response importEntries(Request request) {
        OrganizationId organization = request.organization();
        ImportMode mode = importMode(request);
        List<Object> items = request.jsonArray(WireJson.MAX_IMPORT);
        List<Violation> notObjects = new ArrayList<>();
        List<EntryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> item) {
                drafts.add(EntryDraft.of(object(item)));
            } else {
                notObjects.add(new Violation("items[" + i + "]", "item.not_object",
                        "must be a JSON object: a POST /vaultentries body"));
            }
        }
        if (!notObjects.isEmpty()) {
            throw new InvalidEntryException(notObjects);
        }
        request.releaseBody();
        ImportResult result = imports.importEntries(request.caller(), organization, drafts, mode);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", result.created());
        json.put("updated", result.updated());
        if (!result.warnings().isEmpty()) {
            json.put("warnings", EntryJson.warnings(result.warnings()));
        }
        return Response.json(200, json);
    }

    // A JSON object as the codec reads it: its keys are strings.
    @SuppressWarnings("unchecked")
    private static Map<String, ?> object(Map<?, ?> json) {
        return (Map<String, ?>) json;
    }

    static ImportMode importMode(Request request) {
        return request.query().bool("update", false) ? ImportMode.UPSERT : ImportMode.CREATE_ONLY;
    }

    private Response delete(Request request) {
        entries.delete(request.caller(), request.organization(), request.entryKey());
        return Response.noContent();
    }

    private Response fetch(Request request) {
        FetchRequest fetch = fetchRequest(request);
        request.ignoreJsonBody();
        FetchResult result = entries.fetch(request.caller(), request.organization(), fetch);
        if (!fetch.dryRun()) {
            return Response.noContent();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("copied", names(result.copied()));
        json.put("overwritten", names(result.overwritten()));
        json.put("skipped", names(result.skipped()));
        json.put("missingInSource", result.missingInSource().stream().map(ReferencedKey::value).toList());
        // (ext) the source organization holds no entry at all: a wrong id, most likely
        json.put("sourceEmpty", result.sourceEmpty());
        return Response.json(200, json);
    }

    private Response missing(Request request) {
        SnapshotCheck check = entries.missing(request.caller(), request.organization(), snapshotId(request));
        Map<String, Object> json = new LinkedHashMap<>();
        // API.md 6: a key that can never be an entry key is listed too (it never has look-alikes)
        json.put("missingVaultEntries", check.missing().stream().map(ReferencedKey::value).toList());
        // API.md 6: the look-alikes of each missing key that has some; no look-alike, no field
        Map<String, List<String>> similar = new LinkedHashMap<>();
        for (ReferencedKey key : check.missing()) {
            List<String> keys = check.similarTo(key);
            if (!keys.isEmpty()) {
                similar.put(key.value(), keys);
            }
        }
        if (!similar.isEmpty()) {
            json.put("similarKeys", similar);
        }
        return Response.json(200, json);
    }

    /** {@return the page of a list request: {@code page}, and {@code pageSize} or its alias {@code perPage}} */
    static PageRequest page(Request request) {
        Query query = request.query();
        if (query.string("pageSize").isPresent() && query.string("perPage").isPresent()) {
            throw new InvalidParameterException("Send pageSize or perPage, not both.");
        }
        long page = query.natural("page").orElse(0L);
        long size = query.natural("pageSize").or(() -> query.natural("perPage")).orElse((long) PageRequest.MAX_PAGE_SIZE);
        if (size < 1 || size > PageRequest.MAX_PAGE_SIZE) {
            throw new InvalidParameterException("pageSize must be between 1 and " + PageRequest.MAX_PAGE_SIZE + ".");
        }
        return PageRequest.of(page, (int) size);
    }

    static FetchRequest fetchRequest(Request request) {
        Query query = request.query();
        OrganizationId source = query.organization("sourceOrganizationId");
        if (source.equals(request.organization())) {
            throw new InvalidParameterException("sourceOrganizationId must differ from the destination organization.");
        }
        return new FetchRequest(source, query.required("referenceSnapshotId"),
                query.choice("fetchStrategy", FetchStrategy.class, FetchStrategy.ALL_OR_NOTHING),
                query.bool("dryRun", false));
    }

    static String snapshotId(Request request) {
        return request.query().required("snapshotId");
    }

    private static List<String> names(List<EntryKey> keys) {
        return keys.stream().map(EntryKey::value).toList();
    }
}

package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.http.codec.EntryJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes V1-V7 of API.md section 2: vault entries, missing entries and fetch. */
final class EntryRoutes {
    static final String ENTRIES = "/rest/organizations/{organizationId}/vaultentries";
    static final String ENTRY = ENTRIES + "/{key}";
    static final String FETCH = ENTRIES + "/fetch";
    static final String MISSING = ENTRIES + "/missing";

    private final VaultEntries entries;

    EntryRoutes(VaultEntries entries) {
        this.entries = requireNonNull(entries, "entries");
    }

    void register(RouteTable.Builder routes) {
        routes.add("GET", ENTRIES, Privilege.VAULT_ENTRY_VIEW, EntryRoutes::page, this::list)
                .add("POST", ENTRIES, Privilege.VAULT_ENTRY_CREATE, RouteTable.Builder.noCheck(), this::create)
                .add("GET", ENTRY, Privilege.VAULT_ENTRY_VIEW, RouteTable.Builder.noCheck(), this::get)
                .add("PUT", ENTRY, Privilege.VAULT_ENTRY_EDIT, RouteTable.Builder.noCheck(), this::replace)
                .add("DELETE", ENTRY, Privilege.VAULT_ENTRY_EDIT, RouteTable.Builder.noCheck(), this::delete)
                .add("PUT", FETCH, Privilege.VAULT_ENTRY_EDIT, EntryRoutes::fetchRequest, this::fetch)
                .add("GET", MISSING, Privilege.VAULT_ENTRY_VIEW, EntryRoutes::snapshotId, this::missing);
    }

    private Response list(Request request) {
        OrganizationId organization = request.organization();
        return Response.json(200, EntryJson.page(organization, entries.list(request.caller(), organization, page(request))));
    }

    private Response create(Request request) {
        OrganizationId organization = request.organization();
        VaultEntry entry = entries.create(request.caller(), organization, EntryDraft.of(request.jsonObject()));
        return Response.json(201, EntryJson.of(organization, entry));
    }

    private Response get(Request request) {
        OrganizationId organization = request.organization();
        EntryKey key = request.entryKey();
        return Response.json(200, EntryJson.of(organization, entries.get(request.caller(), organization, key)));
    }

    private Response replace(Request request) {
        OrganizationId organization = request.organization();
        EntryKey key = request.entryKey();
        EntryDraft draft = EntryDraft.of(request.jsonObject());
        return Response.json(200, EntryJson.of(organization, entries.replace(request.caller(), organization, key, draft)));
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
        json.put("missingInSource", names(result.missingInSource()));
        return Response.json(200, json);
    }

    private Response missing(Request request) {
        List<EntryKey> missing = entries.missing(request.caller(), request.organization(), snapshotId(request));
        return Response.json(200, Map.of("missingVaultEntries", names(missing)));
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

package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.in.SavedEntry;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link VaultEntries} and {@link EntryImports} over a running server's vault-entry routes. The caller argument is
 * not sent: the server knows the caller from the token. A fetch that writes answers 204 without a body, so it is
 * preceded by a dry run whose answer says what the fetch copies; the fetch itself then runs all or nothing on the
 * server, as the request says.
 */
final class RemoteEntries implements VaultEntries, EntryImports {
    private final VaultClient client;

    RemoteEntries(VaultClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public SavedEntry create(Caller caller, OrganizationId organization, EntryDraft draft) {
        return RemoteJson.saved(client.post(entries(organization)).json(body(draft)).answer());
    }

    @Override
    public VaultEntry get(Caller caller, OrganizationId organization, EntryKey key) {
        return RemoteJson.entry(client.get(entry(organization, key)).answer());
    }

    @Override
    public SavedEntry replace(Caller caller, OrganizationId organization, EntryKey key, EntryDraft draft) {
        return RemoteJson.saved(client.put(entry(organization, key)).json(body(draft)).answer());
    }

    @Override
    public SavedEntry rename(Caller caller, OrganizationId organization, EntryKey key, Object newKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("newKey", newKey);
        return RemoteJson.saved(client.post(entry(organization, key) + "/rename").json(body).answer());
    }

    @Override
    public void delete(Caller caller, OrganizationId organization, EntryKey key) {
        client.delete(entry(organization, key)).send();
    }

    @Override
    public EntryPage list(Caller caller, OrganizationId organization, PageRequest page) {
        return RemoteJson.page(client.get(entries(organization)).query("page", page.page())
                .query("pageSize", page.pageSize()).answer());
    }

    @Override
    public SnapshotCheck missing(Caller caller, OrganizationId organization, String snapshotId) {
        return RemoteSnapshotJson.missing(organization, client.get(entries(organization) + "/missing")
                .query("snapshotId", snapshotId).answer());
    }

    @Override
    public FetchResult fetch(Caller caller, OrganizationId destination, FetchRequest request) {
        FetchResult planned = RemoteJson.fetched(fetchCall(destination, request).query("dryRun", true).answer());
        if (!request.dryRun()) {
            fetchCall(destination, request).send();
        }
        return planned;
    }

    @Override
    public ImportResult importEntries(Caller caller, OrganizationId organization, List<EntryDraft> items,
                                      ImportMode mode, Progress progress) {
        // No progress of our own: the server checks and commits after the upload, whose progress the client shows.
        List<Map<String, Object>> bodies = items.stream().map(RemoteEntries::body).toList();
        return RemoteJson.imported(client.post(entries(organization) + "/import")
                .query("update", mode == ImportMode.UPSERT).json(bodies).answer());
    }

    private VaultClient.Call fetchCall(OrganizationId destination, FetchRequest request) {
        return client.put(entries(destination) + "/fetch").query("sourceOrganizationId", request.source().value())
                .query("referenceSnapshotId", request.snapshotId()).query("fetchStrategy", request.strategy().name());
    }

    // The draft's fields as the API's body: what the command line read, unchanged, absent fields left out.
    private static Map<String, Object> body(EntryDraft draft) {
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, "organizationId", draft.organizationId());
        put(json, "key", draft.key());
        put(json, "value", draft.value());
        put(json, "valueType", draft.valueType());
        put(json, "vaultVisibilityType", draft.vaultVisibilityType());
        put(json, "sensitive", draft.sensitive());
        put(json, "attributeReferences", draft.attributeReferences());
        put(json, "scopes", draft.scopes());
        return json;
    }

    private static void put(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static String entries(OrganizationId organization) {
        return "/rest/organizations/" + VaultClient.segment(organization.value()) + "/vaultentries";
    }

    private static String entry(OrganizationId organization, EntryKey key) {
        return entries(organization) + "/" + VaultClient.segment(key.value());
    }
}

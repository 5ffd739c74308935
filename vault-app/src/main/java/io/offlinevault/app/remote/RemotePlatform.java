package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.in.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Platform} over a running server's platform routes: the organizations the token may see, and privileges. */
final class RemotePlatform implements Platform {
    private final VaultClient client;

    RemotePlatform(VaultClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public List<OrganizationId> organizations(Caller caller) {
        return RemoteJson.organizations(client.get("/rest/organizations").answer());
    }

    @Override
    public boolean evaluate(Caller caller, OrganizationId organization, String targetDomain, String type) {
        Map<String, Object> privilege = new LinkedHashMap<>();
        privilege.put("targetDomain", targetDomain);
        privilege.put("type", type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestedPrivilege", privilege);
        body.put("organizationId", organization.value());
        return RemoteJson.approved(client.post("/rest/privilege/evaluate").json(body).answer());
    }
}

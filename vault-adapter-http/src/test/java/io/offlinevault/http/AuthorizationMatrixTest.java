package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the table that asks more than a valid token, with every single privilege in the caller's own
 * organization and in another, every privilege in the own organization, and every privilege everywhere: 2xx
 * only when the caller holds what the route declares (its privilege in the path's organization, or everything),
 * 403 otherwise. Generated from the route table, so a new route is covered (and needs a sample request).
 */
class AuthorizationMatrixTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final OrganizationId ORIGIN = OrganizationId.of("origin");

    /** A sample request for each template: the query and body that succeed for a caller who may. */
    private static final Map<String, String[]> SAMPLES = Map.ofEntries(
            Map.entry(SnapshotRoutes.FILE + " POST", new String[] {"?snapshotFileType=JSON", "{\"resources\": {\"SOURCE\": []}}"}),
            Map.entry(SnapshotRoutes.SNAPSHOTS + " GET", new String[] {"", null}),
            Map.entry(SnapshotRoutes.SNAPSHOT + " GET", new String[] {"?includeReports=true", null}),
            Map.entry(SnapshotRoutes.SNAPSHOT + " DELETE", new String[] {"", null}),
            Map.entry(SnapshotRoutes.CONTENT + " GET", new String[] {"?contentFormat=FLAT", null}),
            Map.entry(SnapshotRoutes.ACCESS + " GET", new String[] {"?snapshotAccessType=READ", null}),
            Map.entry(SnapshotRoutes.RESOURCE_ACCESS + " GET", new String[] {"", null}),
            Map.entry(SnapshotRoutes.DRY_RUN + " PUT", new String[] {"?deleteMissingResources=false", "{}"}),
            Map.entry(SnapshotRoutes.APPLY + " PUT", new String[] {"?deletionScope=ONLY_TYPES_FROM_SNAPSHOT", "{}"}),
            Map.entry(EntryRoutes.ENTRIES + " GET", new String[] {"", null}),
            Map.entry(EntryRoutes.ENTRIES + " POST", new String[] {"", "{\"key\": \"new\", \"value\": \"v\"}"}),
            Map.entry(EntryRoutes.ENTRY + " GET", new String[] {"", null}),
            Map.entry(EntryRoutes.ENTRY + " PUT", new String[] {"", "{\"value\": \"w\"}"}),
            Map.entry(EntryRoutes.ENTRY + " DELETE", new String[] {"", null}),
            Map.entry(EntryRoutes.FETCH + " PUT", new String[] {"?referenceSnapshotId=$SNAPSHOT&sourceOrganizationId=origin"
                    + "&fetchStrategy=ONLY_MISSING", "{}"}),
            Map.entry(EntryRoutes.MISSING + " GET", new String[] {"?snapshotId=$SNAPSHOT", null}),
            Map.entry(EntryRoutes.RENAME + " POST", new String[] {"", "{\"newKey\": \"renamed\"}"}),
            Map.entry(EntryRoutes.IMPORT + " POST", new String[] {"?update=false",
                    "[{\"key\": \"imported\", \"value\": \"v\"}]"}),
            Map.entry(TokenRoutes.TOKENS + " POST", new String[] {"",
                    "{\"name\": \"new\", \"privileges\": [\"VAULT_ENTRY:VIEW\"], \"allOrganizations\": true}"}),
            Map.entry(TokenRoutes.TOKENS + " GET", new String[] {"", null}),
            // {name} is the caller's own token "t": an admin caller may revoke it, the vault's admin token remains
            Map.entry(TokenRoutes.TOKEN + " DELETE", new String[] {"", null}),
            Map.entry(SnapshotRoutes.CHECK + " POST", new String[] {"",
                    "{\"resources\": {\"SOURCE\": [{\"resourceName\": \"s\", \"model\": {\"a\": \"{{ VAULT.k }}\"}}]}}"}),
            Map.entry(ResetRoutes.RESET + " POST", new String[] {"", null}),
            Map.entry(OperationRoutes.INFO + " GET", new String[] {"", null}),
            Map.entry(OperationRoutes.VERIFY + " POST", new String[] {"", null}),
            Map.entry(OperationRoutes.BACKUP + " POST", new String[] {"", "{\"name\": \"b\"}"}),
            Map.entry(OperationRoutes.ROTATE + " POST", new String[] {"", null}));

    static Stream<Arguments> matrix() {
        Map<String, Grant> grants = new LinkedHashMap<>();
        for (Privilege privilege : Privilege.values()) {
            grants.put(privilege.wireName() + " in acme", Grant.of(Set.of(ACME), EnumSet.of(privilege)));
            grants.put(privilege.wireName() + " elsewhere", Grant.of(Set.of(OrganizationId.of("elsewhere")),
                    EnumSet.of(privilege)));
        }
        grants.put("every privilege in acme", Grant.of(Set.of(ACME), EnumSet.allOf(Privilege.class)));
        grants.put("every privilege everywhere", Grant.everything());
        List<Arguments> rows = new ArrayList<>();
        for (Route route : routes()) {
            grants.forEach((label, grant) -> rows.add(Arguments.of(route.method(), route.template(), label, grant,
                    allowed(route, grant))));
        }
        return rows.stream();
    }

    // What the route declares, read independently of the router's own check.
    private static boolean allowed(Route route, Grant held) {
        if (route.access() instanceof Route.InOrganization inOrganization) {
            // fetch also needs VAULT_ENTRY:VIEW in the source organization
            return inOrganization.privileges().stream().allMatch(privilege -> held.allows(ACME, privilege))
                    && (!route.template().equals(EntryRoutes.FETCH) || held.allows(ORIGIN, Privilege.VAULT_ENTRY_VIEW));
        }
        assertThat(route.access()).isInstanceOf(Route.Everything.class);
        return held.includes(Grant.everything());
    }

    private static List<Route> routes() {
        Api api = new Api();
        return RouteTable.of(api.services).routes().stream()
                .filter(route -> !(route.access() instanceof Route.AnyCaller))
                .toList();
    }

    private static String givenAVault(Api api) {
        api.entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("k").withValue("v"));
        api.entries.create(Caller.owner(), ORIGIN, EntryDraft.empty().withKey("k2").withValue("v"));
        Object document = Map.of("resources", Map.of("SOURCE", List.of(Map.of("resourceName", "s",
                "model", Map.of("a", "{{ VAULT.k }}", "b", "{{ VAULT.k2 }}")))));
        return api.snapshots.register(Caller.owner(), ACME, SnapshotContentReader.read(document, "t.json"), "").id();
    }

    private static Api.Answer call(Api api, String method, String template, String token, String snapshotId) {
        String[] sample = SAMPLES.get(template + " " + method);
        assertThat(sample).as("a sample request for %s %s", method, template).isNotNull();
        String path = template.replace("{organizationId}", "acme").replace("{key}", "k").replace("{snapshotId}", snapshotId)
                .replace("{name}", "t")
                + sample[0].replace("$SNAPSHOT", snapshotId);
        return api.call(method, path, token, sample[1]);
    }

    @ParameterizedTest(name = "{0} {1} with {2}: allowed {4}")
    @MethodSource("matrix")
    void a_route_answers_only_to_a_caller_that_holds_what_it_declares(String method, String template, String label,
            Grant held, boolean allowed) {
        Api api = new Api();
        String snapshotId = givenAVault(api);
        String token = api.token("t", held);

        Api.Answer answer = call(api, method, template, token, snapshotId);

        if (allowed) {
            assertThat(answer.status()).as(answer.text()).isBetween(200, 299);
        } else {
            assertThat(answer.status()).as(answer.text()).isEqualTo(403);
            assertThat(answer.object()).containsEntry("errorCode", "ACCESS_DENIED");
        }
    }

    @Test
    void fetch_answers_with_edit_in_the_destination_and_view_in_the_source() {
        Api api = new Api();
        String snapshotId = givenAVault(api);
        String both = api.token("both", Grant.of(Set.of(ACME, ORIGIN),
                EnumSet.of(Privilege.VAULT_ENTRY_EDIT, Privilege.VAULT_ENTRY_VIEW)));
        String destinationOnly = api.token("dest", Grant.of(Set.of(ACME),
                EnumSet.of(Privilege.VAULT_ENTRY_EDIT, Privilege.VAULT_ENTRY_VIEW)));

        assertThat(call(api, "PUT", EntryRoutes.FETCH, destinationOnly, snapshotId).status()).isEqualTo(403);
        assertThat(call(api, "PUT", EntryRoutes.FETCH, both, snapshotId).status()).isEqualTo(204);
    }

    @Test
    void every_route_that_needs_a_privilege_has_a_sample() {
        assertThat(routes()).allSatisfy(route -> assertThat(SAMPLES).containsKey(route.template() + " " + route.method()));
    }
}

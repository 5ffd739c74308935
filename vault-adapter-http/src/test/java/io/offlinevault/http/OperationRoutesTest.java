package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.service.OperationsService;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin routes that operate a vault: info, verify, backup, rotate (API.md 6). */
class OperationRoutesTest {
    private final Api api = new Api();

    @Test
    void info_says_the_mode_the_store_and_each_organizations_counts_and_never_a_value() {
        api.admin("POST", "/rest/organizations/acme/vaultentries", "{\"key\": \"k\", \"value\": \"s3cr3t\"}");

        Api.Answer info = api.admin("GET", OperationRoutes.INFO, null);

        assertThat(info.status()).as(info.text()).isEqualTo(200);
        assertThat(info.object()).containsEntry("version", "test").containsEntry("mode", "PERSISTENT")
                .containsEntry("store", Map.of("generation", 4, "keyTerm", 2))
                .containsEntry("organizations", List.of(Map.of("id", "acme", "entries", 1, "snapshots", 0)))
                .containsKey("uptimeMs");
        assertThat(info.text()).doesNotContain("s3cr3t");
    }

    @Test
    void verify_backup_and_rotate_answer_the_stores_reports() {
        Api.Answer verify = api.admin("POST", OperationRoutes.VERIFY, null);
        Api.Answer backup = api.admin("POST", OperationRoutes.BACKUP, "{\"name\": \"monday\"}");
        Api.Answer rotate = api.admin("POST", OperationRoutes.ROTATE, "");

        assertThat(verify.status()).as(verify.text()).isEqualTo(200);
        assertThat(verify.object()).containsEntry("currentIntact", true).containsEntry("previousIntact", false);
        assertThat(verify.column("files", "code")).as("a code for an error only").containsExactly(null, "STORE_CORRUPT");
        assertThat(backup.status()).as(backup.text()).isEqualTo(200);
        assertThat(backup.object()).isEqualTo(Map.of("name", "monday", "generation", 4, "lastRecord", 69,
                "checkpointWrittenAt", 0, "segments", 1, "blobs", 0, "bytes", 1000, "keyFileApart", true));
        assertThat(backup.text()).as("never a path").doesNotContain("/backups", "/keys");
        assertThat(rotate.object()).isEqualTo(Map.of("keyTerm", 3));
        assertThat(api.maintenance.calls()).containsExactly("verify", "backup monday", "rotate");
    }

    @Test
    void a_backup_body_without_a_name_is_400_and_no_token_is_401_and_a_token_short_of_admin_403() {
        String oneOrg = api.token("one-org", Grant.of(Set.of(OrganizationId.of("acme")),
                EnumSet.allOf(Privilege.class)));

        Api.Answer noName = api.admin("POST", OperationRoutes.BACKUP, "{}");
        Api.Answer noToken = api.call("POST", OperationRoutes.BACKUP, null, "{\"name\": \"b\"}");
        Api.Answer notAdmin = api.call("POST", OperationRoutes.ROTATE, oneOrg, "");

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.object()).containsEntry("errorCode", "INVALID_PARAMETER");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(api.maintenance.calls()).isEmpty();
    }

    @Test
    void an_ephemeral_vault_answers_info_and_has_no_route_that_needs_files() {
        OperationsService ephemeral = new OperationsService(api.repository, Optional.empty(), "test", Clock.system());
        VaultHttpServer.Services services = new VaultHttpServer.Services(api.entries, api.entries, api.snapshots,
                api.snapshots, api.tokens, api.services.platform(), ephemeral, api.sealed::get, Optional.empty());
        Router router = new Router(RouteTable.of(services), services, Set.of(), Api.loopback());

        for (String route : List.of(OperationRoutes.VERIFY, OperationRoutes.BACKUP, OperationRoutes.ROTATE)) {
            FakeExchange exchange = new FakeExchange("POST", route, Map.of("Authorization", "Bearer " + Api.ADMIN_TOKEN),
                    new byte[0]);
            router.handle(exchange);
            assertThat(exchange.status()).as(route).isEqualTo(404);
        }
        FakeExchange info = new FakeExchange("GET", OperationRoutes.INFO,
                Map.of("Authorization", "Bearer " + Api.ADMIN_TOKEN), new byte[0]);
        router.handle(info);
        assertThat(info.status()).isEqualTo(200);
        assertThat(new String(info.body(), StandardCharsets.UTF_8)).contains("\"mode\":\"EPHEMERAL\"",
                "\"store\":null");
    }
}

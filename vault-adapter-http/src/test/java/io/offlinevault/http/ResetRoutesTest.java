package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code POST /_offline-vault/reset} (ext), without a socket: the admin's, and only where the server has a reset. */
class ResetRoutesTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";

    private final Api api = new Api();

    @Test
    void reset_answers_204_and_drops_everything_created_since_the_start() {
        // given
        assertThat(api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\"}").status()).isEqualTo(201);
        String other = api.token("other-admin", Grant.everything());

        // when
        Api.Answer answer = api.call("POST", ResetRoutes.RESET, other, "{}");

        // then
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.bytes()).isEmpty();
        assertThat(api.admin("GET", ENTRIES, null).object()).containsEntry("totalEntries", 0);
        assertThat(api.call("GET", ENTRIES, other, null).status()).isEqualTo(401);
    }

    @Test
    void reset_is_401_without_a_valid_token_and_403_for_a_token_short_of_everything() {
        api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\"}");
        String acmeAdmin = api.token("acme-admin", Grant.of(Set.of(OrganizationId.of("acme")),
                EnumSet.allOf(Privilege.class)));

        Api.Answer anonymous = api.call("POST", ResetRoutes.RESET, null, null);
        Api.Answer unknown = api.call("POST", ResetRoutes.RESET, "ovt_" + "B".repeat(43), null);
        Api.Answer limited = api.call("POST", ResetRoutes.RESET, acmeAdmin, null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.object()).containsEntry("errorCode", "ACCESS_DENIED");
        assertThat((String) limited.object().get("message")).contains("every privilege in every organization",
                "POST /_offline-vault/reset");
        assertThat(api.admin("GET", ENTRIES, null).object()).containsEntry("totalEntries", 1);
    }

    @Test
    void reset_takes_no_body_but_refuses_one_that_is_not_json() {
        assertThat(api.admin("POST", ResetRoutes.RESET, "not json").status()).isEqualTo(400);
        assertThat(api.admin("GET", ResetRoutes.RESET, null).status()).isEqualTo(405);
    }

    @Test
    void without_a_reset_the_route_is_404_like_any_unknown_route() {
        // given: the services of a persistent vault
        VaultHttpServer.Services persistent = new VaultHttpServer.Services(api.entries, api.entries,
                api.snapshots, api.snapshots, api.tokens, api.services.platform(), api.operations, api.sealed::get,
                Optional.empty());
        Router router = new Router(RouteTable.of(persistent), persistent, Set.of(), Api.loopback());
        FakeExchange exchange = new FakeExchange("POST", ResetRoutes.RESET,
                Map.of("Authorization", "Bearer " + Api.ADMIN_TOKEN), new byte[0]);

        // when
        router.handle(exchange);

        // then
        assertThat(exchange.status()).isEqualTo(404);
        assertThat(new String(exchange.body(), StandardCharsets.UTF_8)).contains("\"errorCode\":\"NOT_FOUND\"");
    }
}

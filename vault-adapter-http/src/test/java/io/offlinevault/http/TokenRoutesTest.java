package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.http.codec.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code POST|GET /_offline-vault/tokens} and {@code DELETE /_offline-vault/tokens/{name}} (ext), the admin's only. */
class TokenRoutesTest {
    private static final String TOKENS = TokenRoutes.TOKENS;
    private static final String ACME_ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String SUPPLIED = "test-reader-token-0123456789abcdefghij";
    private static final String READER = "{\"name\": \"reader\", \"privileges\": [\"vault_entry:view\"],"
            + " \"organizations\": [\"acme\"]}";

    private final Api api = new Api();

    private String acmeAdmin() {
        return api.token("acme-admin", Grant.of(Set.of(OrganizationId.of("acme")), EnumSet.allOf(Privilege.class)));
    }

    @Test
    void post_creates_a_token_shows_its_generated_value_once_and_the_token_works_at_once() {
        // when
        Api.Answer created = api.admin("POST", TOKENS, READER);

        // then
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Map<String, Object> body = created.object();
        assertThat(body).containsOnlyKeys("name", "privileges", "organizations", "createdDate", "value")
                .containsEntry("name", "reader")
                .containsEntry("privileges", List.of("VAULT_ENTRY:VIEW"))
                .containsEntry("organizations", List.of("acme"));
        assertThat(body.get("createdDate")).isInstanceOf(Number.class);
        String value = (String) body.get("value");
        assertThat(value).matches("ovt_[A-Za-z0-9_-]{43}");
        // and the new token reads what it grants, and nothing more
        assertThat(api.call("GET", ACME_ENTRIES, value, null).status()).isEqualTo(200);
        assertThat(api.call("POST", ACME_ENTRIES, value, "{\"key\": \"k\", \"value\": \"v\"}").status()).isEqualTo(403);
        assertThat(api.call("GET", "/rest/organizations/beta/vaultentries", value, null).status()).isEqualTo(403);
        // and the value is never shown again
        assertThat(api.admin("GET", TOKENS, null).text()).doesNotContain(value);
    }

    @Test
    void post_registers_a_supplied_value_in_every_organization_and_answers_it_this_once() {
        Api.Answer created = api.admin("POST", TOKENS, "{\"name\": \"ci\", \"privileges\": [\"SNAPSHOTS:VIEW\","
                + " \"VAULT_ENTRY:VIEW\"], \"allOrganizations\": true, \"value\": \"" + SUPPLIED + "\"}");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.object()).containsOnlyKeys("name", "privileges", "allOrganizations", "createdDate", "value")
                .containsEntry("privileges", List.of("VAULT_ENTRY:VIEW", "SNAPSHOTS:VIEW"))
                .containsEntry("allOrganizations", true)
                .containsEntry("value", SUPPLIED);
        assertThat(api.call("GET", "/rest/organizations/anywhere/vaultentries", SUPPLIED, null).status()).isEqualTo(200);
    }

    @Test
    void post_reports_every_problem_of_the_body_at_once_with_its_field_and_never_the_value() {
        // when
        Api.Answer invalid = api.admin("POST", TOKENS, "{\"name\": \"-bad\", \"value\": \"short-secret\","
                + " \"privileges\": [\"VAULT_ENTRY:VIEW\", \"VAULT_ENTRY:READ\"], \"organizations\": [\"bad org!\"]}");
        Api.Answer empty = api.admin("POST", TOKENS, "{}");
        Api.Answer both = api.admin("POST", TOKENS, "{\"name\": \"x\", \"privileges\": [\"SNAPSHOTS:VIEW\"],"
                + " \"organizations\": [\"acme\"], \"allOrganizations\": true}");

        // then
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.object()).containsEntry("errorCode", "INVALID_PARAMETER");
        assertThat((String) invalid.object().get("message")).startsWith("The token is invalid (4 problems): ").contains(
                "name: A token name is 1 to 64 letters",
                "value: A token must be 32 to 512 printable ASCII characters without spaces",
                "privileges[1]: is not a privilege: use DOMAIN:LEVEL",
                "organizations[0]: is not an organization id");
        assertThat(invalid.text()).doesNotContain("short-secret");
        assertThat((String) empty.object().get("message")).isEqualTo("The token is invalid (3 problems): name: is"
                + " required; privileges: needs at least one privilege, of VAULT_ENTRY:VIEW, VAULT_ENTRY:EDIT,"
                + " VAULT_ENTRY:CREATE, SNAPSHOTS:VIEW, SNAPSHOTS:EDIT, SNAPSHOTS:CREATE; organizations: needs at least"
                + " one organization id (or set allOrganizations to true).");
        assertThat((String) both.object().get("message")).contains("has both organizations and allOrganizations");
        // and a body that is not a JSON object is INVALID_JSON, as everywhere
        assertThat(api.admin("POST", TOKENS, "[]").object()).containsEntry("errorCode", "INVALID_JSON");
        assertThat(api.admin("POST", TOKENS, "not json").object()).containsEntry("errorCode", "INVALID_JSON");
        assertThat(api.tokens.list(Caller.owner())).hasSize(1);
    }

    @Test
    void post_of_a_name_or_value_already_in_use_is_409_without_naming_the_holder() {
        api.admin("POST", TOKENS, READER);

        Api.Answer sameName = api.admin("POST", TOKENS, READER);
        Api.Answer sameValue = api.admin("POST", TOKENS, "{\"name\": \"copy\", \"privileges\": [\"SNAPSHOTS:VIEW\"],"
                + " \"allOrganizations\": true, \"value\": \"" + Api.ADMIN_TOKEN + "\"}");

        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.object()).containsEntry("errorCode", "TOKEN_ALREADY_EXISTS");
        assertThat(sameValue.status()).isEqualTo(409);
        assertThat(sameValue.text()).doesNotContain(Api.ADMIN_TOKEN).doesNotContain("admin");
    }

    @Test
    void get_lists_every_token_by_name_without_values_or_digests() {
        // given
        String value = (String) api.admin("POST", TOKENS, READER).object().get("value");
        api.admin("POST", TOKENS, "{\"name\": \"ci\", \"privileges\": [\"SNAPSHOTS:VIEW\"], \"allOrganizations\": true,"
                + " \"value\": \"" + SUPPLIED + "\"}");

        // when
        Api.Answer listed = api.admin("GET", TOKENS, null);

        // then
        assertThat(listed.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) listed.json();
        assertThat(tokens).extracting(token -> token.get("name")).containsExactly("admin", "ci", "reader");
        assertThat(tokens).allSatisfy(token -> assertThat(token).doesNotContainKey("value")
                .containsKeys("name", "privileges", "createdDate"));
        assertThat(tokens.get(0)).containsEntry("allOrganizations", true).doesNotContainKey("organizations")
                .containsEntry("privileges", List.of("VAULT_ENTRY:VIEW", "VAULT_ENTRY:EDIT", "VAULT_ENTRY:CREATE",
                        "SNAPSHOTS:VIEW", "SNAPSHOTS:EDIT", "SNAPSHOTS:CREATE"));
        assertThat(tokens.get(2)).containsEntry("organizations", List.of("acme")).doesNotContainKey("allOrganizations");
        for (String secret : List.of(value, SUPPLIED, Api.ADMIN_TOKEN)) {
            assertThat(listed.text()).doesNotContain(secret).doesNotContain(TokenDigest.of(secret).hex());
        }
    }

    @Test
    void delete_revokes_a_token_which_is_401_at_once_and_an_unknown_name_is_404() {
        // given
        String value = (String) api.admin("POST", TOKENS, READER).object().get("value");
        assertThat(api.call("GET", ACME_ENTRIES, value, null).status()).isEqualTo(200);

        // when
        Api.Answer revoked = api.admin("DELETE", TOKENS + "/reader", null);

        // then
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(revoked.bytes()).isEmpty();
        assertThat(api.call("GET", ACME_ENTRIES, value, null).status()).isEqualTo(401);
        Api.Answer again = api.admin("DELETE", TOKENS + "/reader", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.object()).containsEntry("errorCode", "TOKEN_NOT_FOUND");
        assertThat(api.admin("DELETE", TOKENS + "/no%20such%20name", null).status()).isEqualTo(404);
    }

    @Test
    void delete_of_the_last_admin_token_is_409_and_of_an_admin_while_another_remains_is_204() {
        // the only admin token revoking itself
        Api.Answer last = api.admin("DELETE", TOKENS + "/admin", null);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.object()).containsEntry("errorCode", "LAST_ADMIN_TOKEN");
        assertThat((String) last.object().get("message")).contains("'admin' is the last one with every privilege");
        assertThat(api.admin("GET", TOKENS, null).status()).isEqualTo(200);

        // a second admin token created over HTTP lets the first go, and is then the last one itself
        String second = (String) api.admin("POST", TOKENS, "{\"name\": \"second\", \"privileges\": [\"VAULT_ENTRY:VIEW\","
                + " \"VAULT_ENTRY:EDIT\", \"VAULT_ENTRY:CREATE\", \"SNAPSHOTS:VIEW\", \"SNAPSHOTS:EDIT\","
                + " \"SNAPSHOTS:CREATE\"], \"allOrganizations\": true}").object().get("value");
        assertThat(api.call("DELETE", TOKENS + "/admin", second, null).status()).isEqualTo(204);
        assertThat(api.admin("GET", TOKENS, null).status()).isEqualTo(401);
        assertThat(api.call("DELETE", TOKENS + "/second", second, null).object())
                .containsEntry("errorCode", "LAST_ADMIN_TOKEN");
    }

    @Test
    void every_token_route_is_401_without_a_valid_token_and_403_for_a_token_short_of_everything() {
        String acmeAdmin = acmeAdmin();
        String viewerEverywhere = api.token("viewer", Grant.inAllOrganizations(EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));
        List<String[]> calls = List.of(new String[] {"POST", TOKENS, READER}, new String[] {"GET", TOKENS, null},
                new String[] {"DELETE", TOKENS + "/viewer", null});

        for (String[] call : calls) {
            assertThat(api.call(call[0], call[1], null, call[2]).status()).as("%s without a token", call[0])
                    .isEqualTo(401);
            assertThat(api.call(call[0], call[1], "ovt_" + "B".repeat(43), call[2]).status())
                    .as("%s with an unknown token", call[0]).isEqualTo(401);
            for (String limited : List.of(acmeAdmin, viewerEverywhere)) {
                Api.Answer denied = api.call(call[0], call[1], limited, call[2]);
                assertThat(denied.status()).as("%s %s", call[0], denied.text()).isEqualTo(403);
                assertThat(denied.object()).containsEntry("errorCode", "ACCESS_DENIED");
                assertThat((String) denied.object().get("message")).contains("every privilege in every organization");
            }
        }
        assertThat(api.tokens.list(Caller.owner())).extracting(r -> r.name())
                .containsExactly("acme-admin", "admin", "viewer");
    }

    @Test
    void no_log_line_holds_a_token_value() {
        try (LogCapture logs = new LogCapture()) {
            String value = (String) api.admin("POST", TOKENS, READER).object().get("value");
            api.admin("POST", TOKENS, "{\"name\": \"ci\", \"privileges\": [\"SNAPSHOTS:VIEW\"], \"allOrganizations\":"
                    + " true, \"value\": \"" + SUPPLIED + "\"}");
            api.admin("POST", TOKENS, "{\"name\": \"bad\", \"value\": \"short secret\"}");
            api.admin("GET", TOKENS, null);
            api.admin("DELETE", TOKENS + "/reader", null);

            assertThat(logs.count()).isPositive();
            assertThat(logs.text()).doesNotContain(value, SUPPLIED, "short secret", Api.ADMIN_TOKEN);
        }
    }

    @Test
    void the_token_routes_work_over_a_socket() throws Exception {
        VaultHttpServer.configureJdkServer();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (VaultHttpServer server = VaultHttpServer.start(new VaultHttpServer.Settings("127.0.0.1", 0), api.services)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + TOKENS))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(READER))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String value = (String) ((Map<?, ?>) WireJson.read(
                    created.body().getBytes(StandardCharsets.UTF_8), 1 << 20, "the answer")).get("value");
            HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(base + ACME_ENTRIES))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + value).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> revoked = client.send(HttpRequest.newBuilder(URI.create(base + TOKENS + "/reader"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + Api.ADMIN_TOKEN).DELETE()
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("cache-control")).contains("no-store");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(revoked.statusCode()).isEqualTo(204);
        }
    }
}

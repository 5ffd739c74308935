package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.http.codec.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The router's conventions (API.md section 1): headers, error bodies, and which error wins. */
class RouterTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private final Api api = new Api();

    private String viewer() {
        return api.token("viewer", Grant.of(Set.of(OrganizationId.of("acme")), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));
    }

    @Test
    void every_response_carries_the_standard_headers_and_the_request_id_of_its_body() {
        for (Api.Answer answer : List.of(api.admin("GET", ENTRIES, null), api.call("GET", ENTRIES, null, null),
                api.admin("GET", "/nowhere", null), api.admin("PATCH", ENTRIES, null))) {
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Request-ID")).matches("[0-9a-f]{24}");
            assertThat(answer.closed()).isTrue();
            if (answer.status() >= 400) {
                assertThat(answer.header("Content-Type")).isEqualTo("application/json");
                assertThat(answer.object()).containsEntry("requestID", answer.header("X-Request-ID"));
            }
        }
    }

    @Test
    void no_token_is_401_even_on_an_unknown_route() {
        assertThat(api.call("GET", "/nowhere", null, null).status()).isEqualTo(401);
        assertThat(api.call("GET", ENTRIES, "ovt_wrong", null).object()).containsEntry("errorCode", "INVALID_TOKEN");
        assertThat(api.call("GET", ENTRIES, null, null).object()).containsEntry("errorCode", "INVALID_TOKEN");
    }

    @Test
    void an_unknown_route_is_a_json_404_and_a_wrong_method_a_json_405_with_allow() {
        Api.Answer notFound = api.admin("GET", "/rest/organizations/acme/nothing", null);
        Api.Answer notAllowed = api.admin("PATCH", ENTRIES + "/k", null);

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.object()).containsEntry("errorCode", "NOT_FOUND");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.object()).containsEntry("errorCode", "METHOD_NOT_ALLOWED");
        assertThat(notAllowed.header("Allow")).isEqualTo("GET, PUT, DELETE");
    }

    @Test
    void a_sealed_store_is_503_before_authentication_except_for_health() {
        api.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_TAMPERED, "at /secret/path/checkpoint")));

        Api.Answer route = api.call("GET", ENTRIES, null, null);
        Api.Answer health = api.call("GET", "/health", null, null);

        assertThat(route.status()).isEqualTo(503);
        assertThat(route.object()).containsEntry("errorCode", "STORE_UNAVAILABLE").containsEntry("storeError", "STORE_TAMPERED");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.object()).containsEntry("status", "sealed").containsEntry("storeError", "STORE_TAMPERED")
                .containsEntry("errorCode", "STORE_UNAVAILABLE").containsKey("requestID");
        assertThat(route.text() + health.text()).doesNotContain("/secret/path");
    }

    @Test
    void health_needs_no_token() {
        Api.Answer health = api.call("GET", "/health", null, null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.object()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void a_bad_path_or_query_parameter_wins_over_a_missing_privilege() {
        String viewer = viewer();

        assertThat(api.call("POST", "/rest/organizations/bad%20org/vaultentries", viewer, "{}").status()).isEqualTo(400);
        assertThat(api.call("PUT", ENTRIES + "/fetch?sourceOrganizationId=acme&referenceSnapshotId=s", viewer, "{}")
                .status()).isEqualTo(400);
        assertThat(api.call("GET", "/rest/organizations/other/vaultentries?page=-1", viewer, null).status()).isEqualTo(400);
    }

    @Test
    void a_missing_privilege_wins_over_a_body_too_large() {
        Api.Answer answer = api.call("POST", ENTRIES, viewer(), "x".repeat(2 * 1024 * 1024));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.object()).containsEntry("errorCode", "ACCESS_DENIED");
    }

    @Test
    void a_body_over_the_limit_is_413_unread_and_closes_the_connection() {
        byte[] body = new byte[WireJson.MAX_BODY + 1];
        Api.Answer answer = api.call("POST", ENTRIES, Api.ADMIN_TOKEN, body,
                Map.of("Content-Length", Integer.toString(body.length)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.object()).containsEntry("errorCode", "PAYLOAD_TOO_LARGE");
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(answer.bodyBytesRead()).isZero();
    }

    @Test
    void a_body_over_the_limit_without_a_length_is_413_after_reading_just_past_the_limit() {
        byte[] body = new byte[WireJson.MAX_BODY + 100];

        Api.Answer answer = api.call("POST", ENTRIES, Api.ADMIN_TOKEN, body, Map.of());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.bodyBytesRead()).isLessThanOrEqualTo(WireJson.MAX_BODY + 1);
    }

    @Test
    void invalid_json_wins_over_an_unknown_entry_which_wins_over_validation_which_wins_over_a_conflict() {
        api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\"}");

        assertThat(api.admin("PUT", ENTRIES + "/nope", "{not json").object()).containsEntry("errorCode", "INVALID_JSON");
        assertThat(api.admin("PUT", ENTRIES + "/nope", "{\"value\": 42}").object())
                .containsEntry("errorCode", "VAULT_ENTRY_NOT_FOUND");
        assertThat(api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": 42}").object())
                .containsEntry("errorCode", "INVALID_VAULT_ENTRY");
        assertThat(api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\"}").object())
                .containsEntry("errorCode", "VAULT_ENTRY_ALREADY_EXISTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"key\": \"k\", \"value\": \"S3NT1NEL\"", "{\"key\": \"k\", \"key\": \"S3NT1NEL\"}",
            "{\"value\": \"S3NT1NEL\"} trailing", "[\"S3NT1NEL\"]", "\"S3NT1NEL\"", "", "   ", "{'value': 'S3NT1NEL'}",
            "{\"value\": \"S3NT1NEL\u0000\"}"})
    void malformed_json_is_400_invalid_json_without_quoting_the_input(String body) {
        Api.Answer answer = api.admin("POST", ENTRIES, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_JSON");
        assertThat(answer.text()).doesNotContain("S3NT1NEL");
    }

    @Test
    void deep_nesting_and_non_utf8_are_400_invalid_json() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        byte[] latin1 = "{\"key\": \"k\", \"value\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(api.admin("POST", ENTRIES, "{\"key\": " + deep + "}").object()).containsEntry("errorCode", "INVALID_JSON");
        assertThat(api.call("POST", ENTRIES, Api.ADMIN_TOKEN, latin1, Map.of()).object())
                .containsEntry("errorCode", "INVALID_JSON");
    }

    // A malformed escape never reaches a handler: the JDK server answers it with its own 400 (see EndToEndTest).
    @ParameterizedTest
    @ValueSource(strings = {ENTRIES + "/%C3%28", ENTRIES + "/%FF", ENTRIES + "?page=%FF", "/rest/organizations/ac%FFme/vaultentries"})
    void percent_encoded_bytes_that_are_not_utf8_are_400(String path) {
        Api.Answer answer = api.admin("GET", path, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_PARAMETER");
    }

    @ParameterizedTest
    @ValueSource(strings = {ENTRIES + "/..%2F..%2Fhealth", ENTRIES + "/a%2Fb", "/rest/organizations/acme/vaultentries/%252e%252e",
            "/rest/organizations/acme/../acme/vaultentries/k"})
    void path_tricks_never_reach_another_route(String path) {
        Api.Answer answer = api.admin("GET", path, null);

        assertThat(answer.status()).isIn(404);
        assertThat(answer.object().get("errorCode")).isIn("VAULT_ENTRY_NOT_FOUND", "NOT_FOUND");
    }

    @Test
    void an_unexpected_exception_is_a_500_that_logs_frames_but_never_its_message() {
        // given a use case that fails with a message holding a secret
        VaultEntries failing = (VaultEntries) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VaultEntries.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("S3NT1NEL in a library message");
                });
        VaultHttpServer.Services services = new VaultHttpServer.Services(failing, api.entries, api.snapshots,
                api.snapshots, api.tokens, api.services.platform(), api.operations, api.sealed::get, Optional.empty());
        Router router = new Router(RouteTable.of(services), services, Set.of(), Api.loopback());
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(Router.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            FakeExchange exchange = new FakeExchange("GET", ENTRIES, Map.of("Authorization", "Bearer " + Api.ADMIN_TOKEN),
                    new byte[0]);
            // when
            router.handle(exchange);
            // then
            String body = new String(exchange.body(), StandardCharsets.UTF_8);
            assertThat(exchange.status()).isEqualTo(500);
            assertThat(body).contains("INTERNAL_ERROR").doesNotContain("S3NT1NEL");
            String requestId = exchange.getResponseHeaders().getFirst("X-Request-ID");
            assertThat(records).anySatisfy(record -> assertThat(record.getMessage())
                    .contains(requestId).contains("IllegalStateException").contains("\tat ").doesNotContain("S3NT1NEL"));
        } finally {
            logger.removeHandler(capture);
        }
    }
}

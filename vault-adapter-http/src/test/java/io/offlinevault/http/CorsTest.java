package io.offlinevault.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CORS for browser tools: off by default; preflights answered before the store and the token; listed origins only. */
class CorsTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String ORIGIN = "http://localhost:5173";
    private static final String ENTRY = "{\"key\": \"db.url\", \"value\": \"v\", \"vaultVisibilityType\": \"PUBLIC\"}";

    private final Api api = new Api(Set.of(ORIGIN, "https://tools.example.com"));

    private static Map<String, String> preflightHeaders(String origin, String method, String headers) {
        Map<String, String> all = new HashMap<>(Map.of("Origin", origin, "Access-Control-Request-Method", method));
        if (headers != null) {
            all.put("Access-Control-Request-Headers", headers);
        }
        return all;
    }

    private static Api.Answer preflight(Api api, String path, String origin, String method, String headers) {
        return api.call("OPTIONS", path, null, new byte[0], preflightHeaders(origin, method, headers));
    }

    private static Api.Answer fromOrigin(Api api, String method, String path, String token, String body, String origin) {
        return api.call(method, path, token, body == null ? new byte[0] : body.getBytes(UTF_8),
                Map.of("Origin", origin));
    }

    private static Map<String, List<String>> corsHeaders(Api.Answer answer) {
        Map<String, List<String>> cors = new HashMap<>();
        answer.headers().forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("access-control-") || name.equalsIgnoreCase("Vary")) {
                cors.put(name, values);
            }
        });
        return cors;
    }

    @Test
    void a_preflight_from_a_listed_origin_is_a_204_with_the_allow_headers_and_needs_no_token() {
        Api.Answer answer = preflight(api, ENTRIES + "/db.url", ORIGIN, "PUT", "authorization,content-type");

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.bytes()).isEmpty();
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(answer.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, DELETE");
        assertThat(answer.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type");
        assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(answer.header("Vary")).isEqualTo("Origin");
        assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(answer.header("X-Request-ID")).matches("[0-9a-f]{24}");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void a_preflight_is_answered_while_the_store_is_sealed() {
        api.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_TAMPERED, "at /secret/path")));

        Api.Answer answer = preflight(api, ENTRIES, ORIGIN, "POST", "Content-Type, Authorization");

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void a_preflight_without_headers_to_ask_for_and_for_any_path_is_allowed() {
        Api.Answer health = preflight(api, "/health", ORIGIN, "GET", null);
        Api.Answer unknownPath = preflight(api, "/no/such/route", ORIGIN, "GET", "");

        assertThat(health.status()).isEqualTo(204);
        assertThat(unknownPath.status()).isEqualTo(204);
        assertThat(unknownPath.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void a_preflight_from_an_unlisted_origin_is_a_json_403_without_cors_headers() {
        for (String origin : List.of("http://localhost:5174", "https://localhost:5173", "http://evil.example", "null",
                "not an origin")) {
            Api.Answer answer = preflight(api, ENTRIES, origin, "GET", "authorization");

            assertThat(answer.status()).as(origin).isEqualTo(403);
            assertThat(answer.object()).containsEntry("errorCode", "ACCESS_DENIED")
                    .containsEntry("requestID", answer.header("X-Request-ID"));
            assertThat((String) answer.object().get("message")).contains("origin", "--cors-origin");
            assertThat(corsHeaders(answer)).as(origin).isEmpty();
        }
    }

    @Test
    void a_preflight_asking_for_a_method_the_api_does_not_accept_is_refused() {
        for (String method : List.of("PATCH", "TRACE", "CONNECT", "OPTIONS")) {
            Api.Answer answer = preflight(api, ENTRIES, ORIGIN, method, null);

            assertThat(answer.status()).as(method).isEqualTo(403);
            assertThat(answer.object()).containsEntry("errorCode", "ACCESS_DENIED");
            assertThat((String) answer.object().get("message")).contains("GET, POST, PUT, DELETE");
            assertThat(corsHeaders(answer)).as(method).isEmpty();
        }
    }

    @Test
    void a_preflight_asking_for_another_header_is_refused() {
        for (String headers : List.of("x-api-key", "authorization, content-type, x-requested-with", "cookie")) {
            Api.Answer answer = preflight(api, ENTRIES, ORIGIN, "GET", headers);

            assertThat(answer.status()).as(headers).isEqualTo(403);
            assertThat((String) answer.object().get("message")).contains("Authorization, Content-Type");
            assertThat(corsHeaders(answer)).as(headers).isEmpty();
        }
    }

    @Test
    void origins_match_after_lower_casing_scheme_and_host_and_dropping_a_default_port() {
        Api listed = new Api(Set.of("HTTP://LocalHost:5173", "https://tools.example.com:443"));

        Api.Answer mixedCase = preflight(listed, ENTRIES, "http://LOCALHOST:5173", "GET", null);
        Api.Answer defaultPort = preflight(listed, ENTRIES, "https://tools.example.com", "GET", null);

        assertThat(mixedCase.status()).isEqualTo(204);
        assertThat(mixedCase.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(defaultPort.status()).isEqualTo(204);
        assertThat(defaultPort.header("Access-Control-Allow-Origin")).isEqualTo("https://tools.example.com");
    }

    @Test
    void every_answer_to_a_listed_origin_carries_its_cors_headers_successes_and_errors_alike() {
        // given: a token that may only view, so that one request is a 403
        String viewer = api.token("viewer", Grant.of(Set.of(OrganizationId.of("acme")),
                EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));
        Map<String, Api.Answer> answers = new LinkedHashMap<>();
        // when
        answers.put("201", fromOrigin(api, "POST", ENTRIES, Api.ADMIN_TOKEN, ENTRY, ORIGIN));
        answers.put("200", fromOrigin(api, "GET", ENTRIES, Api.ADMIN_TOKEN, null, ORIGIN));
        answers.put("204", fromOrigin(api, "DELETE", ENTRIES + "/db.url", Api.ADMIN_TOKEN, null, ORIGIN));
        answers.put("401", fromOrigin(api, "GET", ENTRIES, null, null, ORIGIN));
        answers.put("403", fromOrigin(api, "POST", ENTRIES, viewer, ENTRY, ORIGIN));
        answers.put("404", fromOrigin(api, "GET", "/rest/nowhere", Api.ADMIN_TOKEN, null, ORIGIN));
        answers.put("405", fromOrigin(api, "PATCH", ENTRIES, Api.ADMIN_TOKEN, null, ORIGIN));
        answers.put("400", fromOrigin(api, "POST", ENTRIES, Api.ADMIN_TOKEN, "{", ORIGIN));
        api.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_TAMPERED, "at /secret/path")));
        answers.put("503", fromOrigin(api, "GET", ENTRIES, Api.ADMIN_TOKEN, null, ORIGIN));
        answers.put("503 health", fromOrigin(api, "GET", "/health", null, null, ORIGIN));
        // then
        answers.forEach((expected, answer) -> {
            assertThat(answer.status()).as(expected).isEqualTo(Integer.parseInt(expected.substring(0, 3)));
            assertThat(answer.header("Access-Control-Allow-Origin")).as(expected).isEqualTo(ORIGIN);
            assertThat(answer.header("Access-Control-Expose-Headers")).as(expected)
                    .isEqualTo("X-Request-ID, Content-Disposition");
            assertThat(answer.header("Vary")).as(expected).isEqualTo("Origin");
            assertThat(answer.header("Access-Control-Allow-Methods")).as(expected).isNull();
            assertThat(answer.header("Access-Control-Allow-Credentials")).as(expected).isNull();
        });
    }

    @Test
    void an_unlisted_origin_gets_no_cors_headers_and_is_otherwise_served_as_usual() {
        Api.Answer created = fromOrigin(api, "POST", ENTRIES, Api.ADMIN_TOKEN, ENTRY, "http://evil.example");
        Api.Answer unauthenticated = fromOrigin(api, "GET", ENTRIES, null, null, "http://evil.example");

        assertThat(created.status()).isEqualTo(201);
        assertThat(corsHeaders(created)).isEmpty();
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(corsHeaders(unauthenticated)).isEmpty();
    }

    @Test
    void an_options_request_that_is_not_a_preflight_goes_through_the_usual_precedence() {
        Api.Answer noToken = fromOrigin(api, "OPTIONS", ENTRIES, null, null, ORIGIN);
        Api.Answer withToken = fromOrigin(api, "OPTIONS", ENTRIES, Api.ADMIN_TOKEN, null, ORIGIN);

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(withToken.status()).isEqualTo(405);
        assertThat(withToken.header("Allow")).isEqualTo("GET, POST");
        assertThat(withToken.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(withToken.header("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void off_by_default_a_preflight_is_answered_as_any_options_request_and_nothing_carries_cors_headers() {
        // given: the API without origins, and the same requests without any CORS header for comparison
        Api off = new Api();
        Map<String, String> preflight = preflightHeaders(ORIGIN, "GET", "authorization");
        // when
        Api.Answer preflightNoToken = off.call("OPTIONS", ENTRIES, null, new byte[0], preflight);
        Api.Answer plainNoToken = off.call("OPTIONS", ENTRIES, null, new byte[0], Map.of());
        Api.Answer preflightToken = off.call("OPTIONS", ENTRIES, Api.ADMIN_TOKEN, new byte[0], preflight);
        Api.Answer actual = fromOrigin(off, "GET", ENTRIES, Api.ADMIN_TOKEN, null, ORIGIN);
        off.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_TAMPERED, "at /secret/path")));
        Api.Answer sealed = off.call("OPTIONS", ENTRIES, null, new byte[0], preflight);
        // then
        assertThat(preflightNoToken.status()).isEqualTo(plainNoToken.status()).isEqualTo(401);
        assertThat(preflightNoToken.object()).containsEntry("errorCode", "INVALID_TOKEN");
        assertThat(preflightToken.status()).isEqualTo(405);
        assertThat(actual.status()).isEqualTo(200);
        assertThat(sealed.status()).isEqualTo(503);
        for (Api.Answer answer : List.of(preflightNoToken, preflightToken, actual, sealed)) {
            assertThat(corsHeaders(answer)).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:5173, http://localhost:5173",
        "HTTP://LOCALHOST:5173, http://localhost:5173",
        "https://Tools.Example.com, https://tools.example.com",
        "https://tools.example.com:443, https://tools.example.com",
        "http://127.0.0.1:80, http://127.0.0.1",
        "http://[::1]:8080, http://[::1]:8080",
        "https://tools.example.com:8443, https://tools.example.com:8443"
    })
    void an_origin_is_normalised_as_browsers_send_it(String raw, String expected) {
        assertThat(VaultHttpServer.Settings.corsOrigin(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://localhost:5173/ | drop the trailing slash",
        "http://localhost:5173/app | drop the path, query or fragment",
        "http://localhost:5173?x=1 | drop the path, query or fragment",
        "ftp://localhost | the scheme must be http or https",
        "localhost:5173 | the scheme must be http or https",
        "//localhost:5173 | the scheme must be http or https",
        "http://user@localhost:5173 | it needs a host name or address",
        "http://localhost:0 | the port must be 1 to 65535",
        "http://localhost:70000 | the port must be 1 to 65535",
        "http:// localhost | it is not a URL",
        "* | (any origin) is not supported"
    })
    void anything_but_an_origin_is_refused_with_a_message_saying_what_to_give(String raw, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> VaultHttpServer.Settings.corsOrigin(raw))
                .withMessageContaining(reason)
                .withMessageContaining("http://localhost:5173");
        assertThatIllegalArgumentException().isThrownBy(() -> new VaultHttpServer.Settings("127.0.0.1", 0, Set.of(raw)));
    }

    @Test
    void settings_keep_the_normalised_origins_in_order_without_duplicates() {
        VaultHttpServer.Settings settings = new VaultHttpServer.Settings("127.0.0.1", 0,
                new LinkedHashSet<>(List.of("https://b.example", "HTTP://A.example:80", "http://a.example")));

        assertThat(settings.corsOrigins()).containsExactly("https://b.example", "http://a.example");
        assertThat(new VaultHttpServer.Settings("127.0.0.1", 0).corsOrigins()).isEmpty();
    }

    @Test
    void a_server_started_with_origins_answers_a_preflight_over_a_socket() throws Exception {
        // given
        VaultHttpServer.configureJdkServer();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (VaultHttpServer server = VaultHttpServer.start(new VaultHttpServer.Settings("127.0.0.1", 0, Set.of(ORIGIN)),
                api.services)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + ENTRIES);
            // when
            HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> actual = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Origin", ORIGIN)
                    .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            // then
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
            assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                    .contains("Authorization, Content-Type");
            assertThat(actual.statusCode()).isEqualTo(200);
            assertThat(actual.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
        }
    }
}

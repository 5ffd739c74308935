package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests outside the common shape (issue 19): raw non-ASCII in a path or query, two {@code Authorization} headers,
 * {@code HEAD}, and {@code //} targets, each answered within the JSON contract. Without a socket.
 */
class OddRequestsTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private final Api api = new Api();

    private void create(String key, String value) {
        String body = "{\"key\": \"" + key + "\", \"value\": \"" + value + "\", \"vaultVisibilityType\": \"PUBLIC\"}";
        assertThat(api.admin("POST", ENTRIES, body).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\u00e9", "/\u00c3\u00a9", "/caf\u00e9.key", "/%C3%A9\u00e9"})
    void a_raw_non_ascii_character_in_a_key_is_400_invalid_parameter_and_reaches_no_key(String rawKey) {
        // given: the key a raw UTF-8 é means, and the one the JDK reads its bytes as (ISO-8859-1)
        create("\u00e9", "utf8");
        create("\u00c3\u00a9", "latin1");
        // when
        Api.Answer answer = api.admin("GET", ENTRIES + rawKey, null);
        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_PARAMETER");
        assertThat(answer.text()).doesNotContain("utf8", "latin1").contains("percent-encode");
    }

    @Test
    void a_percent_encoded_utf8_key_still_works() {
        create("\u00e9", "utf8");

        Api.Answer answer = api.admin("GET", ENTRIES + "/%C3%A9", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("key", "\u00e9").containsEntry("value", "utf8");
    }

    @Test
    void a_raw_non_ascii_character_in_the_query_is_400_invalid_parameter() {
        Api.Answer answer = api.admin("GET", ENTRIES + "?page=\u00e9", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_PARAMETER");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void two_authorization_headers_are_401_whichever_comes_first(boolean validFirst) {
        // given
        Headers headers = new Headers();
        headers.add("Host", "127.0.0.1:8787");
        String valid = "Bearer " + Api.ADMIN_TOKEN;
        String wrong = "Bearer ovt_" + "B".repeat(43);
        headers.add("Authorization", validFirst ? valid : wrong);
        headers.add("Authorization", validFirst ? wrong : valid);
        // when
        Api.Answer answer = api.exactly("GET", ENTRIES, headers);
        // then
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_TOKEN");
        assertThat(answer.text()).doesNotContain(Api.ADMIN_TOKEN);
    }

    @Test
    void the_same_token_twice_is_401_too() {
        Headers headers = new Headers();
        headers.add("Host", "127.0.0.1:8787");
        headers.add("Authorization", "Bearer " + Api.ADMIN_TOKEN);
        headers.add("Authorization", "Bearer " + Api.ADMIN_TOKEN);

        assertThat(api.exactly("GET", ENTRIES, headers).status()).isEqualTo(401);
    }

    @Test
    void head_answers_the_status_and_headers_of_get_without_a_body() {
        // given
        create("k", "v");
        Api.Answer get = api.admin("GET", ENTRIES + "/k", null);
        // when
        Api.Answer head = api.admin("HEAD", ENTRIES + "/k", null);
        Api.Answer headOfHealth = api.call("HEAD", "/health", null, null);
        Api.Answer headWithoutToken = api.call("HEAD", ENTRIES + "/k", null, null);
        Api.Answer headOfMissing = api.admin("HEAD", ENTRIES + "/missing-key", null);
        // then
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo("application/json");
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.bytes().length));
        assertThat(head.header("Cache-Control")).isEqualTo("no-store");
        assertThat(head.header("X-Request-ID")).matches("[0-9a-f]{24}");
        assertThat(headOfHealth.status()).isEqualTo(200);
        assertThat(headWithoutToken.status()).isEqualTo(401);
        assertThat(headOfMissing.status()).isEqualTo(404);
        assertThat(headOfHealth.bytes()).isEmpty();
        assertThat(headWithoutToken.bytes()).isEmpty();
        assertThat(headOfMissing.bytes()).isEmpty();
    }

    @Test
    void head_of_a_path_without_get_is_405_naming_the_methods_it_has() {
        Api.Answer head = api.admin("HEAD", "/_offline-vault/reset", null);

        assertThat(head.status()).isEqualTo(405);
        assertThat(head.header("Allow")).isEqualTo("POST");
        assertThat(head.bytes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//x/rest/organizations/acme/vaultentries", "//127.0.0.1/rest/organizations/acme/vaultentries",
        "///rest/organizations/acme/vaultentries", "/rest//organizations/acme/vaultentries", "//health/", "///health"})
    void a_double_slash_target_is_a_json_404_and_never_reaches_a_route(String target) {
        Api.Answer answer = api.admin("GET", target, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.object()).containsEntry("errorCode", "NOT_FOUND");
    }
}

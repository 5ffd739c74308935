package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the JDK server parses itself, over a real socket on 127.0.0.1, port 0 (issue 19): raw UTF-8 bytes in a path,
 * two {@code Authorization} headers, the {@code Host} header, {@code HEAD} and {@code //} targets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OddRequestsEndToEndTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String AUTHORIZATION = "Authorization: Bearer " + Api.ADMIN_TOKEN;

    private final Api api = new Api();
    @RegisterExtension
    final RunningServer server = new RunningServer(api);
    private String host;

    @BeforeEach
    void host() {
        host = "Host: 127.0.0.1:" + server.port();
    }

    private RawHttp.Answer send(String requestLine, String... headers) throws IOException {
        return RawHttp.send(server.port(), requestLine, headers);
    }

    // through the router itself: the server shares its vault
    private void create(String key, String value) {
        String body = "{\"key\":\"" + key + "\",\"value\":\"" + value + "\",\"vaultVisibilityType\":\"PUBLIC\"}";
        assertThat(api.admin("POST", ENTRIES, body).status()).isEqualTo(201);
    }

    @Test
    void raw_utf8_bytes_in_a_key_are_400_and_never_address_the_latin1_reading_of_them() throws Exception {
        // given: é, and Ã© which is how the JDK reads the two bytes of a raw é
        create("\u00e9", "utf8");
        create("\u00c3\u00a9", "latin1");
        // when
        RawHttp.Answer raw = send("GET " + ENTRIES + "/\u00e9 HTTP/1.1", host, AUTHORIZATION);
        RawHttp.Answer encoded = send("GET " + ENTRIES + "/%C3%A9 HTTP/1.1", host, AUTHORIZATION);
        // then
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.header("Content-Type")).isEqualTo("application/json");
        assertThat(raw.text()).contains("\"errorCode\":\"INVALID_PARAMETER\"").doesNotContain("latin1", "utf8");
        assertThat(encoded.status()).isEqualTo(200);
        assertThat(encoded.text()).contains("\"value\":\"utf8\"");
    }

    @Test
    void two_authorization_headers_are_401_whichever_comes_first() throws Exception {
        String wrong = "Authorization: Bearer ovt_" + "B".repeat(43);

        RawHttp.Answer validFirst = send("GET " + ENTRIES + " HTTP/1.1", host, AUTHORIZATION, wrong);
        RawHttp.Answer validLast = send("GET " + ENTRIES + " HTTP/1.1", host, wrong, AUTHORIZATION);
        RawHttp.Answer one = send("GET " + ENTRIES + " HTTP/1.1", host, AUTHORIZATION);

        assertThat(validFirst.status()).isEqualTo(401);
        assertThat(validLast.status()).isEqualTo(401);
        assertThat(validFirst.text()).contains("\"errorCode\":\"INVALID_TOKEN\"");
        assertThat(one.status()).isEqualTo(200);
    }

    @Test
    void a_foreign_or_missing_host_is_421_in_json_even_for_health() throws Exception {
        RawHttp.Answer rebound = send("GET /health HTTP/1.1", "Host: attacker.example:" + server.port());
        RawHttp.Answer missing = send("GET /health HTTP/1.1");
        RawHttp.Answer data = send("GET " + ENTRIES + " HTTP/1.1", "Host: attacker.example", AUTHORIZATION);
        RawHttp.Answer byName = send("GET /health HTTP/1.1", "Host: LOCALHOST:" + server.port());
        RawHttp.Answer byAddress = send("GET /health HTTP/1.1", host);

        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.header("Content-Type")).isEqualTo("application/json");
        assertThat(rebound.text()).contains("\"errorCode\":\"MISDIRECTED_REQUEST\"").doesNotContain("attacker");
        assertThat(missing.status()).isEqualTo(421);
        assertThat(data.status()).isEqualTo(421);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byAddress.status()).isEqualTo(200);
    }

    @Test
    void an_allowed_host_name_is_answered_and_others_are_not() throws Exception {
        try (VaultHttpServer remote = VaultHttpServer.start(new VaultHttpServer.Settings("127.0.0.1", 0, Set.of(),
                Set.of("vault.example.internal")), api.services)) {
            RawHttp.Answer allowed = RawHttp.send(remote.port(), "GET /health HTTP/1.1", "Host: Vault.Example.Internal");
            RawHttp.Answer other = RawHttp.send(remote.port(), "GET /health HTTP/1.1", "Host: other.example.internal");

            assertThat(allowed.status()).isEqualTo(200);
            assertThat(other.status()).isEqualTo(421);
        }
    }

    @Test
    void head_answers_like_get_without_a_body_and_without_a_jdk_warning() throws Exception {
        List<LogRecord> warnings = new ArrayList<>();
        Logger jdk = Logger.getLogger("com.sun.net.httpserver");
        Handler handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jdk.addHandler(handler);
        try {
            RawHttp.Answer get = send("GET /health HTTP/1.1", host);
            RawHttp.Answer head = send("HEAD /health HTTP/1.1", host);
            RawHttp.Answer headWithoutToken = send("HEAD " + ENTRIES + " HTTP/1.1", host);

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("Content-Type")).isEqualTo("application/json");
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.body().length));
            assertThat(headWithoutToken.status()).isEqualTo(401);
            assertThat(headWithoutToken.body()).isEmpty();
            synchronized (handler) {
                assertThat(warnings).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("HEAD"));
            }
        } finally {
            jdk.removeHandler(handler);
        }
    }

    @Test
    void double_slash_targets_are_json_404s_and_never_reach_a_route() throws Exception {
        RawHttp.Answer hostLike = send("GET //x" + ENTRIES + " HTTP/1.1", host, AUTHORIZATION);
        RawHttp.Answer tripled = send("GET ///health HTTP/1.1", host, AUTHORIZATION);
        RawHttp.Answer trailing = send("GET //health/ HTTP/1.1", host, AUTHORIZATION);
        // The JDK parses //health as a host and an empty path, finds no context for it and answers its own
        // text/html 404 before any handler runs (documented in the README).
        RawHttp.Answer jdkOwn = send("GET //health HTTP/1.1", host);

        for (RawHttp.Answer answer : List.of(hostLike, tripled, trailing)) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.header("Content-Type")).isEqualTo("application/json");
            assertThat(answer.text()).contains("\"errorCode\":\"NOT_FOUND\"");
        }
        assertThat(jdkOwn.status()).isEqualTo(404);
    }
}

package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.net.httpserver.Headers;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.error.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The browser console's static files at {@code /console} (API.md 6): headers, caching, no traversal, JSON 404s. */
class ConsoleTest {
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Api api = new Api();

    @RegisterExtension
    final RunningServer server = new RunningServer(api);

    private static Headers loopback() {
        Headers headers = new Headers();
        headers.add("Host", "127.0.0.1");
        return headers;
    }

    private static String header(Api.Answer answer, String name) {
        return answer.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).findFirst().orElse(null);
    }

    @Test
    void the_page_is_served_without_a_token_with_a_strict_policy() {
        // when
        Api.Answer page = api.exactly("GET", "/console", loopback());
        // then
        assertThat(page.status()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(header(page, "Content-Security-Policy")).isEqualTo(CSP);
        assertThat(header(page, "Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(page, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(page, "ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(header(page, "X-Request-ID")).isNotBlank();
        assertThat(page.text()).contains("<script type=\"module\" src=\"/console/app.js\"")
                .doesNotContain("<script>", "style=");
        assertThat(api.exactly("GET", "/console/", loopback()).bytes()).isEqualTo(page.bytes());
        assertThat(api.exactly("GET", "/console/index.html", loopback()).bytes()).isEqualTo(page.bytes());
    }

    @Test
    void each_kind_of_file_has_its_content_type() {
        assertThat(header(api.exactly("GET", "/console/app.js", loopback()), "Content-Type"))
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(api.exactly("GET", "/console/console.css", loopback()), "Content-Type"))
                .isEqualTo("text/css; charset=utf-8");
        assertThat(header(api.exactly("GET", "/console/icon.svg", loopback()), "Content-Type"))
                .isEqualTo("image/svg+xml");
    }

    @Test
    void a_known_etag_gets_304_without_a_body_and_head_gets_no_body() {
        String etag = header(api.exactly("GET", "/console/app.js", loopback()), "ETag");
        Headers conditional = loopback();
        conditional.add("If-None-Match", etag);
        // when
        Api.Answer unchanged = api.exactly("GET", "/console/app.js", conditional);
        Api.Answer head = api.exactly("HEAD", "/console/app.js", loopback());
        // then
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.bytes()).isEmpty();
        assertThat(header(unchanged, "ETag")).isEqualTo(etag);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
    }

    @Test
    void the_console_is_not_an_api_route_and_keeps_no_store_off_the_api() {
        Api.Answer entries = api.admin("GET", "/rest/organizations/acme/vaultentries", null);
        assertThat(header(entries, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(entries, "Content-Security-Policy")).isNull();
        assertThat(api.exactly("GET", "/consoles", loopback()).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/nothing.js", "/console/App.js", "/console/sub/app.js", "/console/app.js/",
        "/console/..%2fRouter.class", "/console/%2e%2e/Router.class", "/console/Console.class",
        "/console/..", "/console/.%2e/..%2f..%2fio/offlinevault/http/Router.class", "/console/app.js%00",
        "/console//app.js", "/console/app.java", "/console/.hidden.js"})
    void a_path_naming_no_console_file_is_a_json_404(String path) throws IOException {
        // when: sent as raw bytes, so that no client normalises the path first
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET " + path + " HTTP/1.1", "Host: 127.0.0.1");
        // then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.text()).contains("\"errorCode\":\"NOT_FOUND\"").doesNotContain("class");
    }

    @Test
    void a_dot_dot_path_reaches_no_file_outside_the_console() throws IOException {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET /console/../console/../health HTTP/1.1",
                "Host: 127.0.0.1");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Security-Policy")).isNull();
    }

    @Test
    void other_methods_are_405_with_allow() {
        Api.Answer answer = api.exactly("POST", "/console/app.js", loopback());
        assertThat(answer.status()).isEqualTo(405);
        assertThat(header(answer, "Allow")).isEqualTo("GET, HEAD");
        assertThat(answer.text()).contains("METHOD_NOT_ALLOWED");
    }

    @Test
    void the_host_check_comes_first() {
        Headers rebound = new Headers();
        rebound.add("Host", "evil.example");
        assertThat(api.exactly("GET", "/console", rebound).status()).isEqualTo(421);
    }

    @Test
    void the_files_are_served_while_the_store_is_sealed() {
        api.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_CORRUPT, "damaged")));
        assertThat(api.exactly("GET", "/console", loopback()).status()).isEqualTo(200);
        assertThat(api.admin("GET", "/rest/organizations/acme/vaultentries", null).status()).isEqualTo(503);
    }

    @Test
    void a_non_loopback_bind_serves_the_console_only_when_asked() throws IOException {
        Optional<InetAddress> remote = Optional.of(InetAddress.getByName("192.0.2.7"));
        Optional<InetAddress> loopback = Optional.of(InetAddress.getByName("::1"));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> Console.forBind(remote, false).answer("GET", "/console", Optional.empty()))
                .withMessageContaining("serve --console");
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> Console.forBind(Optional.empty(), false).answer("GET", "/console", Optional.empty()));
        assertThat(Console.forBind(remote, true).answer("GET", "/console", Optional.empty()))
                .hasValueSatisfying(response -> assertThat(response.status()).isEqualTo(200));
        assertThat(Console.forBind(loopback, false).answer("GET", "/console", Optional.empty()))
                .hasValueSatisfying(response -> assertThat(response.status()).isEqualTo(200));
    }

    @Test
    void the_console_answers_on_the_loopback_server_it_started_with() throws IOException, InterruptedException {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/console")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(CSP);
    }

    @Test
    void every_console_file_is_servable_and_all_together_weigh_at_most_150_kib() throws IOException,
            URISyntaxException {
        Path folder = Path.of(Console.class.getResource("console/index.html").toURI()).getParent();
        long total = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Api.Answer answer = api.exactly("GET", "/console/" + name, loopback());
                assertThat(answer.status()).as(name).isEqualTo(200);
                assertThat(answer.bytes()).as(name).isEqualTo(Files.readAllBytes(file));
                total += Files.size(file);
            }
        }
        assertThat(total).isLessThanOrEqualTo(150 * 1024);
    }

    @Test
    void a_console_path_is_recognised_by_its_first_segment_only() {
        assertThat(Console.isConsolePath("/console")).isTrue();
        assertThat(Console.isConsolePath("/console/app.js")).isTrue();
        assertThat(Console.isConsolePath("/consoles")).isFalse();
        assertThat(Console.isConsolePath("/rest/console")).isFalse();
    }
}

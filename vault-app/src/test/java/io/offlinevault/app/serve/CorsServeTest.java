package io.offlinevault.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code serve --cors-origin}: browser pages from the listed origins may call the server; a bad origin exits 2. */
class CorsServeTest {
    private static final String ORIGIN = "http://localhost:5173";
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String KNOWN_TOKEN = "ci-known-admin-token-0123456789abcdefXYZ";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path root;

    private Path home() throws Exception {
        return Files.createDirectories(root.resolve("home"));
    }

    private static HttpResponse<String> send(int port, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_ephemeral_server_answers_a_preflight_from_a_listed_origin_over_a_socket() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, Map.of("OFFLINE_VAULT_ADMIN_TOKEN", KNOWN_TOKEN),
                "--ephemeral", "--port", "0", "--cors-origin", ORIGIN, "--cors-origin", "https://Tools.Example.com")) {
            // when: a browser's preflight (no token), then its request, then another origin's preflight
            HttpResponse<String> preflight = send(serve.port(), "OPTIONS", ENTRIES, Map.of("Origin", ORIGIN,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
            HttpResponse<String> actual = send(serve.port(), "GET", ENTRIES, Map.of("Origin", ORIGIN,
                    "Authorization", "Bearer " + KNOWN_TOKEN));
            HttpResponse<String> refused = send(serve.port(), "OPTIONS", ENTRIES, Map.of("Origin", "http://evil.example",
                    "Access-Control-Request-Method", "GET"));
            // then
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
            assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET, POST, PUT, DELETE");
            assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                    .contains("Authorization, Content-Type");
            assertThat(preflight.headers().firstValue("vary")).contains("Origin");
            assertThat(actual.statusCode()).isEqualTo(200);
            assertThat(actual.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
            assertThat(serve.out()).contains("cors: web pages from http://localhost:5173, https://tools.example.com"
                    + " may call this server from a browser");
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void without_cors_origin_nothing_carries_cors_headers_and_startup_says_nothing_of_it() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, Map.of("OFFLINE_VAULT_ADMIN_TOKEN", KNOWN_TOKEN),
                "--ephemeral", "--port", "0")) {
            HttpResponse<String> preflight = send(serve.port(), "OPTIONS", ENTRIES, Map.of("Origin", ORIGIN,
                    "Access-Control-Request-Method", "GET"));

            assertThat(preflight.statusCode()).isEqualTo(401);
            assertThat(preflight.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
            assertThat(serve.out()).doesNotContain("cors");
            assertThat(serve.stop()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173/", "http://localhost:5173/app", "ftp://localhost", "localhost:5173",
        "*", ""})
    void a_bad_origin_exits_2_saying_what_an_origin_looks_like(String origin) throws Exception {
        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--cors-origin", ORIGIN, "--cors-origin", origin);

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--cors-origin '" + origin + "'", "such as http://localhost:5173");
        assertThat(serve.out()).doesNotContain("listening on");
    }

    @Test
    void a_bad_origin_creates_no_vault() throws Exception {
        ServeRun serve = ServeRun.start(root, "--port", "0", "--cors-origin", "http://localhost:5173/");

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("drop the trailing slash");
        assertThat(List.of(root.resolve("data"), root.resolve("keys"))).allMatch(path -> !Files.exists(path));
    }

    @Test
    void help_describes_the_option() throws Exception {
        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--help");

        assertThat(serve.exitCode()).isZero();
        assertThat(serve.out()).contains("--cors-origin=ORIGIN", "Repeatable; off by default");
    }
}

package io.offlinevault.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --allowed-host NAME}: only with {@code --allow-remote}; then a request naming NAME is answered. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllowedHostServeTest {
    private static final String KNOWN_TOKEN = "ci-known-admin-token-0123456789abcdefXYZ";

    @TempDir
    Path root;

    private Path home() throws IOException {
        return Files.createDirectories(root.resolve("home"));
    }

    // java.net.http sends the Host of its URL and refuses another one: a plain socket sends what the test names.
    private static String get(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                    + KNOWN_TOKEN + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void allowed_host_without_allow_remote_exits_2_naming_allow_remote() throws Exception {
        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0",
                "--allowed-host", "vault.example.internal");

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--allowed-host", "needs --allow-remote");
    }

    @Test
    void an_allowed_host_that_is_not_a_host_name_exits_2_saying_what_to_give() throws Exception {
        ServeRun serve = ServeRun.start(home(), false, Map.of(), "--ephemeral", "--port", "0", "--allow-remote",
                "--allowed-host", "http://vault.example.internal:8787/");

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--allowed-host 'http://vault.example.internal:8787/' is not a host name",
                "such as");
    }

    @Test
    void a_request_naming_an_allowed_host_is_answered_and_another_name_gets_421() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, Map.of("OFFLINE_VAULT_ADMIN_TOKEN", KNOWN_TOKEN),
                "--ephemeral", "--port", "0", "--allow-remote", "--allowed-host", "Vault.Example.Internal",
                "--allowed-host", "192.0.2.7")) {
            int port = serve.port();

            String health = get(port, "/health", "vault.example.internal:" + port);
            String organizations = get(port, "/rest/organizations", "VAULT.EXAMPLE.INTERNAL");
            String byAddress = get(port, "/health", "192.0.2.7:" + port);
            String loopback = get(port, "/health", "localhost:" + port);
            String rebound = get(port, "/health", "attacker.example:" + port);

            assertThat(health).startsWith("HTTP/1.1 200 ");
            assertThat(organizations).startsWith("HTTP/1.1 200 ");
            assertThat(byAddress).startsWith("HTTP/1.1 200 ");
            assertThat(loopback).startsWith("HTTP/1.1 200 ");
            assertThat(rebound).startsWith("HTTP/1.1 421 ").contains("\"errorCode\":\"MISDIRECTED_REQUEST\"")
                    .doesNotContain("attacker");
            assertThat(serve.stop()).isZero();
        }
    }

    @Test
    void without_allowed_hosts_only_loopback_names_and_the_host_itself_are_answered() throws Exception {
        try (ServeRun serve = ServeRun.start(home(), false, Map.of("OFFLINE_VAULT_ADMIN_TOKEN", KNOWN_TOKEN),
                "--ephemeral", "--port", "0")) {
            int port = serve.port();

            assertThat(get(port, "/health", "127.0.0.1:" + port)).startsWith("HTTP/1.1 200 ");
            assertThat(get(port, "/health", "vault.example.internal:" + port)).startsWith("HTTP/1.1 421 ");
            assertThat(serve.stop()).isZero();
        }
    }
}

package io.offlinevault.app.example;

// README:begin
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One offline organization for the whole class, back to its seed before each test. */
class MyVaultClientTest {
    // Test-only tokens (32 to 512 printable characters): the admin's goes to the server through the environment.
    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghij";
    static final String READER_TOKEN = "test-reader-token-0123456789abcdefghij";
    // The server: -Doffline-vault.jar=path/to/offline-vault.jar, else this test's own classpath.
    static final String CLASSPATH = System.getProperty("offline-vault.jar", System.getProperty("java.class.path"));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Process server;
    static String baseUrl;

    @BeforeAll
    static void startServer() throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.json"), """
                {"organizations": [{"id": "acme", "entries": [
                   {"key": "db.password", "value": "s3cr3t", "vaultVisibilityType": "STRICT"}]}],
                 "tokens": [{"name": "reader", "organizations": ["acme"], "privileges": ["VAULT_ENTRY:VIEW"],
                             "value": "%s"}]}
                """.formatted(READER_TOKEN));
        Path portFile = dir.resolve("vault.port");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", CLASSPATH, "io.offlinevault.app.Main", "serve", "--ephemeral", "--port", "0",
                "--port-file", portFile.toString(), "--seed", seed.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        command.environment().put("OFFLINE_VAULT_ADMIN_TOKEN", ADMIN_TOKEN);
        server = command.start();
        // The port file appears once the server answers, with the seed loaded.
        for (int tries = 0; !Files.exists(portFile); tries++) {
            assertTrue(server.isAlive() && tries < 600, "no port file; see " + dir.resolve("server.log"));
            Thread.sleep(50);
        }
        baseUrl = "http://127.0.0.1:" + Files.readString(portFile).strip();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void resetToTheSeed() throws Exception {
        assertEquals(204, send("POST", "/_offline-vault/reset", ADMIN_TOKEN, null).statusCode());
    }

    @Test
    void the_reader_token_reads_the_seeded_entry_but_never_its_value() throws Exception {
        HttpResponse<String> entry = send("GET", "/rest/organizations/acme/vaultentries/db.password",
                READER_TOKEN, null);

        assertEquals(200, entry.statusCode());
        assertTrue(entry.body().contains("\"vaultVisibilityType\":\"STRICT\""));
        assertFalse(entry.body().contains("s3cr3t"));
    }

    @RepeatedTest(2)
    void every_test_starts_from_the_seed() throws Exception {
        HttpResponse<String> created = send("POST", "/rest/organizations/acme/vaultentries", ADMIN_TOKEN,
                "{\"key\": \"api.key\", \"value\": \"k3y\"}");
        HttpResponse<String> list = send("GET", "/rest/organizations/acme/vaultentries", ADMIN_TOKEN, null);

        assertEquals(201, created.statusCode());   // a 409 on the second run, without the reset
        assertTrue(list.body().contains("\"totalEntries\":2"));
    }

    static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
// README:end

package io.offlinevault.app.example;

// README:begin
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.offlinevault.app.testing.OfflineVaultExtension;
import io.offlinevault.app.testing.OfflineVaultServer;
import io.offlinevault.app.testing.VaultSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One offline organization for the whole class, back to its seed before each test. */
class MyVaultClientTest {
    static final String READER_TOKEN = "test-reader-token-0123456789abcdefghij";   // 32 to 512 characters

    @RegisterExtension
    static final OfflineVaultExtension VAULT = new OfflineVaultExtension().withSeed(VaultSeed.empty()
            .withEntry("acme", "db.password", "s3cr3t")                          // STRING, STRICT
            .withToken("reader", READER_TOKEN, List.of("VAULT_ENTRY:VIEW"), List.of("acme")));

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void the_reader_token_reads_the_seeded_entry_but_never_its_value(OfflineVaultServer vault) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(vault.baseUrl() + "/rest/organizations/acme/vaultentries/"
                + "db.password")).header("Authorization", "Bearer " + READER_TOKEN).build();
        HttpResponse<String> entry = HTTP.send(get, BodyHandlers.ofString());

        assertEquals(200, entry.statusCode());
        assertFalse(entry.body().contains("s3cr3t"));                             // STRICT: never sent back
    }

    @RepeatedTest(2)
    void every_test_starts_from_the_seed(OfflineVaultServer vault) throws Exception {
        HttpRequest create = HttpRequest.newBuilder(URI.create(vault.baseUrl() + "/rest/organizations/acme/vaultentries"))
                .header("Authorization", "Bearer " + vault.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\": \"api.key\", \"value\": \"k3y\"}")).build();

        // a 409 on the second run, without the reset
        assertEquals(201, HTTP.send(create, BodyHandlers.discarding()).statusCode());
    }
}
// README:end

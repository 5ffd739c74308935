package io.offlinevault.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.Http;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension with one server for the class: the first test changes the vault in every way a test can (creates,
 * deletes, adds a token), the second sees the clean seed on the same server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineVaultExtensionTest {
    static final String ADMIN_TOKEN = "test-admin-token-extension-0123456789";
    static final String READER_TOKEN = "test-reader-token-extension-0123456789";

    @RegisterExtension
    static final OfflineVaultExtension VAULT = new OfflineVaultExtension()
            .withSeed(VaultSeed.empty()
                    .withEntry("acme", "db.password", "s3cr3t")
                    .withToken("reader", READER_TOKEN, List.of("VAULT_ENTRY:VIEW"), List.of("acme")))
            .withAdminToken(ADMIN_TOKEN);

    static int firstPort;
    private Http http;

    @BeforeEach
    void clientFor(OfflineVaultServer vault) {
        http = new Http(vault.port());
    }

    @Test
    @Order(1)
    void a_test_changes_the_vault(OfflineVaultServer vault) throws Exception {
        firstPort = vault.port();

        assertThat(vault.adminToken()).isEqualTo(ADMIN_TOKEN);
        assertThat(vault.baseUrl()).isEqualTo("http://127.0.0.1:" + vault.port());
        assertThat(http.send("POST", "/rest/organizations/acme/vaultentries", ADMIN_TOKEN,
                "{\"key\": \"api.key\", \"value\": \"k3y\"}").statusCode()).isEqualTo(201);
        assertThat(http.send("DELETE", "/rest/organizations/acme/vaultentries/db.password", ADMIN_TOKEN, null)
                .statusCode()).isEqualTo(204);
        assertThat(http.send("DELETE", "/_offline-vault/tokens/reader", ADMIN_TOKEN, null).statusCode()).isEqualTo(204);
        assertThat(http.get("/rest/organizations/acme/vaultentries", ADMIN_TOKEN).body())
                .contains("\"key\":\"api.key\"").doesNotContain("db.password");
    }

    @Test
    @Order(2)
    void the_next_test_sees_the_clean_seed_on_the_same_server(OfflineVaultServer vault) throws Exception {
        String entries = http.get("/rest/organizations/acme/vaultentries", READER_TOKEN).body();

        assertThat(vault.port()).isEqualTo(firstPort);
        assertThat(entries).contains("\"totalEntries\":1", "\"key\":\"db.password\"").doesNotContain("api.key", "s3cr3t");
    }

    @Nested
    class ANestedClass {
        @Test
        void shares_the_outer_class_server_reset_to_the_seed(OfflineVaultServer vault) throws Exception {
            assertThat(http.send("POST", "/rest/organizations/acme/vaultentries", ADMIN_TOKEN,
                    "{\"key\": \"nested.key\", \"value\": \"v\"}").statusCode()).isEqualTo(201);

            assertThat(vault.port()).isEqualTo(firstPort);
            assertThat(http.get("/rest/organizations/acme/vaultentries", ADMIN_TOKEN).body())
                    .contains("\"totalEntries\":2");
        }
    }
}

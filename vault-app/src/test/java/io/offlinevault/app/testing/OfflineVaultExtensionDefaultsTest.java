package io.offlinevault.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.app.cli.Http;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as {@code @ExtendWith} registers it (an empty vault, a generated admin token), and per test. */
class OfflineVaultExtensionDefaultsTest {
    @Nested
    @ExtendWith(OfflineVaultExtension.class)
    class Declared {
        @Test
        void the_generated_admin_token_opens_an_empty_vault(OfflineVaultServer vault) throws Exception {
            Http http = new Http(vault.port());

            assertThat(http.get("/rest/organizations", vault.adminToken()).body()).isEqualTo("[]");
            assertThat(http.get("/_offline-vault/tokens", vault.adminToken()).body()).contains("\"name\":\"admin\"");
            assertThat(vault.toString()).isEqualTo("OfflineVaultServer[" + vault.baseUrl() + "]")
                    .doesNotContain(vault.adminToken());
        }
    }

    @Nested
    class PerTest {
        static final List<OfflineVaultServer> SEEN = new ArrayList<>();

        @RegisterExtension
        static final OfflineVaultExtension VAULT = new OfflineVaultExtension()
                .withSeed(VaultSeed.empty().withEntry("acme", "k", "v"))
                .withServerPerTest();

        @RepeatedTest(2)
        void each_test_gets_a_new_server_and_the_last_one_is_closed(OfflineVaultServer vault) throws Exception {
            if (!SEEN.isEmpty()) {
                OfflineVaultServer previous = SEEN.get(SEEN.size() - 1);
                assertThat(vault).isNotSameAs(previous);
                if (vault.port() != previous.port()) {    // else the system gave the new server the freed port
                    assertThatThrownBy(() -> new Http(previous.port()).get("/health", null))
                            .isInstanceOf(ConnectException.class);
                }
            }
            SEEN.add(vault);

            assertThat(new Http(vault.port()).get("/rest/organizations/acme/vaultentries", vault.adminToken()).body())
                    .contains("\"totalEntries\":1");
        }

        @AfterAll
        static void twoServersWereSeen() {
            assertThat(SEEN).hasSize(2);
        }
    }
}

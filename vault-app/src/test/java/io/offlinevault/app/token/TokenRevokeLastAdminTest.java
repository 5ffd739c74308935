package io.offlinevault.app.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.OfflineRun.Run;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.error.InvalidTokenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offline-vault token revoke} refuses the last token with every privilege in every organization (exit 1). */
class TokenRevokeLastAdminTest {
    private final TokenCommandRun vault;

    TokenRevokeLastAdminTest(@TempDir Path root) {
        vault = new TokenCommandRun(root);
    }

    private static String[] everyPrivilegeEverywhere() {
        List<String> grant = new ArrayList<>(List.of("--all-orgs"));
        for (Privilege privilege : Privilege.values()) {
            grant.addAll(List.of("--privilege", privilege.wireName()));
        }
        return grant.toArray(String[]::new);
    }

    @Test
    void revoking_the_only_admin_token_exits_1_and_keeps_it() throws Exception {
        // given: a vault whose only admin token is its own, and a token short of everything
        vault.create("acme-all", "--org", "acme", "--privilege", "VAULT_ENTRY:VIEW", "--privilege", "VAULT_ENTRY:EDIT");
        String adminToken = Files.readString(vault.dataDir().resolve("admin.token"), UTF_8).strip();

        // when
        Run refused = vault.token("revoke", "--name", "admin");

        // then
        assertThat(refused.exitCode()).isEqualTo(ExitStatus.FAILURE.code()).isEqualTo(1);
        assertThat(refused.err()).contains("'admin' is the last one with every privilege in every organization");
        assertThat(refused.out()).isEmpty();
        assertThat(vault.authenticate(adminToken).name()).isEqualTo("admin");
        assertThat(vault.output()).doesNotContain(adminToken);
    }

    @Test
    void an_admin_token_is_revoked_while_another_remains_and_then_the_other_is_the_last() throws Exception {
        // given
        String second = vault.create("second-admin", everyPrivilegeEverywhere());
        String adminToken = Files.readString(vault.dataDir().resolve("admin.token"), UTF_8).strip();

        // when
        Run revoked = vault.token("revoke", "--name", "admin");
        Run last = vault.token("revoke", "--name", "second-admin");

        // then
        assertThat(revoked.exitCode()).as("stderr: %s", revoked.err()).isZero();
        assertThatThrownBy(() -> vault.authenticate(adminToken)).isInstanceOf(InvalidTokenException.class);
        assertThat(last.exitCode()).isEqualTo(ExitStatus.FAILURE.code());
        assertThat(last.err()).contains("'second-admin' is the last one");
        assertThat(vault.authenticate(second).name()).isEqualTo("second-admin");
    }
}

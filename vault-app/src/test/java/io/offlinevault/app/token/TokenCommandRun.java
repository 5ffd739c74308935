package io.offlinevault.app.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code offline-vault token ...} in-process, through picocli, under a temp dir where no vault exists until a
 * command creates one; with a console that must stay silent.
 */
final class TokenCommandRun extends OfflineRun {
    static final String ENTRIES = "/rest/organizations/acme/vaultentries";

    TokenCommandRun(Path root) {
        super(root);
    }

    /** Runs {@code offline-vault token <args> --data-dir .. --key-file ..}. */
    Run token(String... args) {
        return vault("token", args);
    }

    String create(String name, String... grant) {
        List<String> args = new ArrayList<>(List.of("create", "--name", name));
        args.addAll(List.of(grant));
        Run created = token(args.toArray(String[]::new));
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
        return created.out().strip();
    }

    Caller authenticate(String token) {
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            assertThat(store.sealedBecause()).isEmpty();
            return new TokenService(store.repository(), IdGenerator.secure(), Clock.system()).authenticate(token);
        }
    }
}

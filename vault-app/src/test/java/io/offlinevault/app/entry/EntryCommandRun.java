package io.offlinevault.app.entry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs {@code offline-vault entry ...} in-process, through picocli, on a vault that {@code init} created. */
final class EntryCommandRun extends OfflineRun {
    private static final OrganizationId ACME = OrganizationId.of("acme");

    private EntryCommandRun(Path root) {
        super(root);
    }

    /** {@return a harness on a vault just created by {@code offline-vault init} under {@code root}} */
    static EntryCommandRun initialized(Path root) {
        EntryCommandRun vault = new EntryCommandRun(root);
        Run init = vault.run("init", "--data-dir", vault.dataDir().toString(), "--key-file",
                vault.keyFile().toString());
        assertThat(init.exitCode()).as("stderr: %s", init.err()).isZero();
        vault.forgetOutput();
        return vault;
    }

    /** Runs {@code offline-vault entry <args> --data-dir .. --key-file ..}. */
    Run entry(String... args) {
        return vault("entry", args);
    }

    Path file(String name, String content) throws Exception {
        Path file = root().resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }

    void create(String key, String value, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "--org", "acme", "--key", key, "--value-file",
                file(key + ".value", value + "\n").toString()));
        args.addAll(List.of(options));
        Run created = entry(args.toArray(String[]::new));
        assertThat(created.exitCode()).as("stderr: %s", created.err()).isZero();
    }

    List<VaultEntry> stored() {
        try (FileVaultStore store = FileVaultStore.open(location(), OpenOptions.of(Clock.system()))) {
            return new VaultEntryService(store.repository()).list(Caller.owner(), ACME, PageRequest.first()).items();
        }
    }

    Optional<VaultEntry> stored(String key) {
        return stored().stream().filter(entry -> entry.key().equals(EntryKey.of(key))).findFirst();
    }
}

package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreFixture.ADMIN_TOKEN;
import static io.offlinevault.store.file.StoreFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.VaultEntryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key changes: rotation keeps everything readable and seals what follows under a new term (by itself after
 * enough encryptions too); a passphrase or key-file change interrupted at any file step leaves a vault that
 * opens with the old key or the new one, and says which; commits after a change survive a reopen.
 */
class RekeyTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final SecretValue OLD = SecretValue.of("old passphrase");
    private static final SecretValue NEW = SecretValue.of("new passphrase");

    @TempDir
    Path root;

    @Test
    void rotate_keeps_every_entry_readable_and_seals_what_follows_under_the_new_term() throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            create(store, "before");
            assertThat(store.rotate().term()).isEqualTo(2);
            create(store, "after");
            assertThat(keys(store.repository().view())).containsExactly("after", "before");
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(reopened.keysInUse().term()).isEqualTo(2);
            assertThat(keys(reopened.repository().view())).containsExactly("after", "before");
        }
        long newest = JournalSegment.list(new RealFileIo(), fixture.dataDir).get(JournalSegment.list(new RealFileIo(),
                fixture.dataDir).size() - 1);
        byte[] segment = Files.readAllBytes(fixture.segment(newest));
        String header = ContainerSurgery.headerText(java.util.Arrays.copyOf(segment, Container.lengthOfEmpty(segment)));
        assertThat(header).contains("\"term\":2");
    }

    @Test
    void the_data_key_rotates_by_itself_after_its_encryption_budget() {
        StoreFixture fixture = new StoreFixture(root);
        FileVaultRepository.Policy policy = new FileVaultRepository.Policy(4L * 1024 * 1024, 10);
        try (FileVaultStore store = fixture.create(new RealFileIo(), policy)) {
            for (int i = 0; i < 25; i++) {
                create(store, "k" + i);
            }
            assertThat(store.keysInUse().term()).isGreaterThanOrEqualTo(3);
        }
        try (FileVaultStore reopened = fixture.open(new RealFileIo(), policy)) {
            assertThat(keys(reopened.repository().view())).hasSize(25);
        }
    }

    @Test
    void a_passphrase_change_interrupted_at_any_step_opens_with_the_old_or_the_new_passphrase() throws IOException {
        int open = stepsToOpen(this::passphraseVault);
        int steps = stepsOf(this::passphraseVault, store -> store.changePassphrase(Optional.of(NEW), KeyringTest.SMALL));
        List<String> outcomes = new ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            StoreFixture fixture = passphraseVault("step-" + step);
            try (FileVaultStore store = fixture.open(FaultyFileIo.failingAtStep(open + step), passphrase(OLD))) {
                try {
                    store.changePassphrase(Optional.of(NEW), KeyringTest.SMALL);
                } catch (RuntimeException e) {
                    // the interruption
                }
            }
            String opened = openedWith(fixture, passphrase(OLD)).map(w -> "old")
                    .or(() -> openedWith(fixture, passphrase(NEW)).map(w -> "new"))
                    .orElseThrow(() -> new AssertionError("neither passphrase opens after a fault at step"));
            outcomes.add(opened);
        }
        assertThat(outcomes).as("a fault early keeps the old passphrase, late the new one").contains("old", "new");
    }

    @Test
    void a_key_file_change_interrupted_at_any_step_opens_with_either_key_file_and_says_which() throws IOException {
        int open = stepsToOpen(this::keyFileVault);
        int steps = stepsOf(this::keyFileVault, store -> store.changeKeyFile(CLOCK));
        List<String> openedWith = new ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            StoreFixture fixture = keyFileVault("step-" + step);
            try (FileVaultStore store = fixture.open(FaultyFileIo.failingAtStep(open + step))) {
                try {
                    store.changeKeyFile(CLOCK);
                } catch (RuntimeException e) {
                    // the interruption
                }
            }
            try (FileVaultStore reopened = fixture.open()) {
                assertThat(reopened.isSealed()).as("opens after a fault at step %d", step).isFalse();
                assertThat(keys(reopened.repository().view())).containsExactly("kept");
                String with = reopened.openedWith().flatMap(OpenedWith::keyFile).orElseThrow().toString();
                assertThat(with).as("says which key file").startsWith(fixture.keyFile.toString());
                openedWith.add(with.substring(fixture.keyFile.toString().length()));
                assertThat(reopened.openedWith().orElseThrow().isLeftover()).as("a leftover is said to be one")
                        .isEqualTo(!with.equals(fixture.keyFile.toString()));
                // running it again finishes the change
                reopened.changeKeyFile(CLOCK);
            }
            try (FileVaultStore finished = fixture.open()) {
                assertThat(finished.openedWith()).contains(OpenedWith.keyFile(fixture.keyFile));
                assertThat(keys(finished.repository().view())).containsExactly("kept");
            }
        }
        assertThat(openedWith).as("the key file itself, or what the interrupted change left beside it").contains("");
    }

    @Test
    void after_a_key_file_change_only_the_new_key_opens_the_vault_and_the_old_one_was_kept_aside()
            throws IOException {
        StoreFixture fixture = keyFileVault("done");
        byte[] oldKey = Files.readAllBytes(fixture.keyFile);
        Path old;
        try (FileVaultStore store = fixture.open()) {
            FileVaultStore.KeyFileChange change = store.changeKeyFile(CLOCK);
            old = change.oldKeyFile().orElseThrow();
        }
        assertThat(Files.readAllBytes(old)).isEqualTo(oldKey);
        assertThat(Files.readAllBytes(fixture.keyFile)).isNotEqualTo(oldKey);
        Files.delete(old);
        try (FileVaultStore store = fixture.open()) {
            assertThat(keys(store.repository().view())).containsExactly("kept");
        }
        Files.write(fixture.keyFile, oldKey);
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isEqualTo(ErrorCode.STORE_WRONG_KEY);
        }
    }

    @Test
    void a_commit_after_a_passphrase_or_key_file_change_survives_a_reopen() {
        // the checkpoint of a change under the same key term covers the newest segment: later records go to the next
        StoreFixture fixture = keyFileVault("after-change");
        try (FileVaultStore store = fixture.open(new RealFileIo(), passphrase(OLD))) {
            store.changePassphrase(Optional.of(NEW), KeyringTest.SMALL);
            create(store, "after-passphrase");
            store.changeKeyFile(CLOCK);
            create(store, "after-key-file");
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(keys(reopened.repository().view())).containsExactly("after-key-file", "after-passphrase",
                    "kept");
        }
    }

    @Test
    void removing_the_only_key_is_refused() {
        StoreFixture fixture = passphraseVault("only");
        try (FileVaultStore store = fixture.open(new RealFileIo(), passphrase(OLD))) {
            assertThatIllegalArgumentException().isThrownBy(() -> store.changePassphrase(Optional.empty(),
                    KeyringTest.SMALL)).withMessageContaining("no key");
            assertThat(store.keysInUse().passphrase()).isTrue();
        }
    }

    private StoreFixture passphraseVault(String name) {
        StoreFixture fixture = new StoreFixture(root.resolve(name));
        VaultKeys keys = new VaultKeys(false, () -> Optional.of(OLD), KeyringTest.SMALL);
        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK).withIo(new RealFileIo()).withKeys(keys)).store()) {
            create(store, "kept");
        }
        return fixture;
    }

    private StoreFixture keyFileVault(String name) {
        StoreFixture fixture = new StoreFixture(root.resolve(name));
        try (FileVaultStore store = fixture.create()) {
            create(store, "kept");
        }
        return fixture;
    }

    private interface Vault {
        StoreFixture create(String name);
    }

    private interface Operation {
        void run(FileVaultStore store);
    }

    private int stepsToOpen(Vault vault) {
        StoreFixture fixture = vault.create("probe-open");
        FaultyFileIo recording = FaultyFileIo.recording();
        FileVaultStore store = fixture.open(recording, passphrase(OLD));
        int steps = recording.steps().size();
        store.close();
        return steps;
    }

    private int stepsOf(Vault vault, Operation operation) {
        StoreFixture fixture = vault.create("probe");
        FaultyFileIo recording = FaultyFileIo.recording();
        int before;
        try (FileVaultStore store = fixture.open(recording, passphrase(OLD))) {
            before = recording.steps().size();
            operation.run(store);
            return recording.steps().size() - before;
        }
    }

    private static Optional<OpenedWith> openedWith(StoreFixture fixture, VaultKeys keys) {
        try (FileVaultStore store = fixture.open(new RealFileIo(), keys)) {
            if (store.isSealed()) {
                assertThat(store.sealedBecause().orElseThrow().reason()).isEqualTo(ErrorCode.STORE_WRONG_KEY);
                return Optional.empty();
            }
            assertThat(keys(store.repository().view())).containsExactly("kept");
            return store.openedWith();
        }
    }

    private static VaultKeys passphrase(SecretValue passphrase) {
        return new VaultKeys(true, () -> Optional.of(passphrase), KeyringTest.SMALL);
    }

    private static void create(FileVaultStore store, String key) {
        new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                EntryDraft.empty().withKey(key).withValue("value-of-" + key));
    }

    private static List<String> keys(VaultView view) {
        try (Stream<String> keys = view.entries(ACME, 0, 1000).stream().map(e -> e.key().value())) {
            return keys.toList();
        }
    }
}

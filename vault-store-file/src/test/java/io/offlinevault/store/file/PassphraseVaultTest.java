package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreFixture.ADMIN_TOKEN;
import static io.offlinevault.store.file.StoreFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vault opened by its passphrase alone, and what {@link FileVaultStore#wouldCreate} sees before opening. */
class PassphraseVaultTest {
    private static final SecretValue PASSPHRASE = SecretValue.of("correct horse battery staple");

    @TempDir
    Path root;

    private static VaultKeys passphraseOnly(Optional<SecretValue> passphrase) {
        return new VaultKeys(false, () -> passphrase, KeyringTest.SMALL);
    }

    @Test
    void would_create_where_open_or_create_would_and_nowhere_else() throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        assertThat(FileVaultStore.wouldCreate(fixture.location)).as("no data dir").isTrue();
        Files.createDirectories(fixture.dataDir);
        Files.writeString(fixture.dataDir.resolve("vault.pid"), "1");
        assertThat(FileVaultStore.wouldCreate(fixture.location)).as("what an interrupted creation left").isTrue();
        Files.delete(fixture.dataDir.resolve("vault.pid"));
        fixture.create().close();
        assertThat(FileVaultStore.wouldCreate(fixture.location)).as("a vault").isFalse();
    }

    @Test
    void a_wrong_passphrase_without_a_key_file_is_a_wrong_key_and_no_passphrase_says_the_key_file_is_missing() {
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK).withKeys(passphraseOnly(Optional.of(PASSPHRASE)))).store()) {
            assertThat(store.keysInUse()).isEqualTo(new FileVaultStore.KeysInUse(false, true, 1));
        }
        assertThat(fixture.keyFile).doesNotExist();

        try (FileVaultStore wrong = FileVaultStore.open(fixture.location,
                OpenOptions.of(CLOCK).withKeys(passphraseOnly(Optional.of(SecretValue.of("not it")))))) {
            assertThat(wrong.sealedBecause()).get().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(ErrorCode.STORE_WRONG_KEY);
                assertThat(e.getMessage()).contains("its passphrase").doesNotContain("not it");
            });
        }
        try (FileVaultStore none = FileVaultStore.open(fixture.location,
                OpenOptions.of(CLOCK).withKeys(passphraseOnly(Optional.empty())))) {
            assertThat(none.sealedBecause()).get().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(ErrorCode.STORE_MISSING);
                assertThat(e.getMessage()).contains("its passphrase");
            });
        }
        try (FileVaultStore right = FileVaultStore.open(fixture.location,
                OpenOptions.of(CLOCK).withKeys(passphraseOnly(Optional.of(PASSPHRASE))))) {
            assertThat(right.sealedBecause()).isEmpty();
            assertThat(right.openedWith()).contains(OpenedWith.passphrase());
        }
    }
}

package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code creating} marker of ARCHITECTURE.md "The app" (issue 20, item 4): a data dir holding only
 * {@code admin.token} (checkpoint and journal gone) is STORE_MISSING, never a new vault that the old admin token
 * would open; a creation interrupted after the marker still resumes with the same token.
 */
class CreatingMarkerTest {
    private static final SecretValue LATER = SecretValue.of("ovt_" + "L".repeat(43));

    @TempDir
    Path root;

    @Test
    void admin_token_without_a_checkpoint_nor_the_marker_is_store_missing_and_no_new_vault() throws IOException {
        // given: a vault whose checkpoint and journal were removed
        StoreFixture fixture = new StoreFixture(root);
        fixture.create().close();
        try (Stream<Path> files = Files.list(fixture.dataDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals("checkpoint") || name.startsWith("journal.")) {
                    Files.delete(file);
                }
            }
        }
        // when
        FileVaultStore.Opening opening = FileVaultStore.openOrCreate(fixture.location, () -> LATER,
                OpenOptions.of(StoreFixture.CLOCK));
        // then
        try (FileVaultStore store = opening.store()) {
            assertThat(opening.created()).isEmpty();
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isEqualTo(ErrorCode.STORE_MISSING);
            assertThat(store.sealedBecause().orElseThrow().getMessage())
                    .contains("holds admin.token but no checkpoint, and no creating marker")
                    .contains("restore the data dir from a backup");
        }
        assertThat(FileVaultStore.wouldCreate(fixture.location)).isFalse();
        assertThat(fixture.dataDir.resolve("checkpoint")).doesNotExist();
    }

    @Test
    void a_creation_interrupted_after_the_marker_resumes_with_the_same_admin_token() throws IOException {
        // given: a creation killed after the admin token file was written
        StoreFixture fixture = new StoreFixture(root);
        Files.createDirectories(fixture.dataDir);
        Files.writeString(fixture.dataDir.resolve("creating"), "an offline-vault creation in progress\n");
        Files.writeString(fixture.dataDir.resolve("admin.token"), StoreFixture.ADMIN_TOKEN.reveal() + "\n");
        Files.writeString(fixture.dataDir.resolve("vault.lock"), "");
        assertThat(FileVaultStore.wouldCreate(fixture.location)).isTrue();
        // when
        FileVaultStore.Opening opening = FileVaultStore.openOrCreate(fixture.location, () -> LATER,
                OpenOptions.of(StoreFixture.CLOCK));
        // then
        try (FileVaultStore store = opening.store()) {
            assertThat(store.isSealed()).isFalse();
            assertThat(opening.created()).get().extracting(FileVaultStore.CreatedVault::adminToken)
                    .isEqualTo(StoreFixture.ADMIN_TOKEN);
            assertThat(store.repository().view().tokens()).anySatisfy(token -> assertThat(token.digest()
                    .matches(TokenDigest.of(StoreFixture.ADMIN_TOKEN.reveal()))).isTrue());
        }
        assertThat(fixture.dataDir.resolve("creating")).doesNotExist();
    }

    @Test
    void the_marker_is_durable_before_the_admin_token_and_gone_once_generation_0_is() {
        // given
        StoreFixture fixture = new StoreFixture(root);
        FaultyFileIo io = FaultyFileIo.recording();
        // when
        fixture.create(io).close();
        // then
        List<String> steps = io.steps();
        int markerRenamed = steps.indexOf("moveAtomically creating");
        int markerSynced = steps.subList(markerRenamed, steps.size()).indexOf("forceDirectory data") + markerRenamed;
        int tokenCreated = steps.indexOf(steps.stream().filter(s -> s.startsWith("createNew admin.token"))
                .findFirst().orElseThrow());
        int checkpointSynced = steps.lastIndexOf("moveAtomically checkpoint") + 1;
        int markerDeleted = steps.indexOf("deleteIfExists creating");
        assertThat(markerRenamed).isNotNegative().isLessThan(markerSynced);
        assertThat(markerSynced).isLessThan(tokenCreated);
        assertThat(markerDeleted).isGreaterThan(checkpointSynced);
        assertThat(fixture.dataDir.resolve("creating")).doesNotExist();
    }

    @Test
    void a_marker_left_beside_a_durable_checkpoint_is_removed_by_the_next_open() throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        fixture.create().close();
        Files.writeString(fixture.dataDir.resolve("creating"), "an offline-vault creation in progress\n");

        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
        }

        assertThat(fixture.dataDir.resolve("creating")).doesNotExist();
    }
}

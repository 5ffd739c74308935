package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.entry.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault creation killed part-way leaves a data dir that the next start creates the vault in, with the
 * same admin token when it survived: temp files (of {@code vault.pid}, of the checkpoint) are never read, so
 * they do not make the dir "not a vault"; and the admin token file appears whole or not at all.
 */
class InterruptedCreationTest {
    private static final SecretValue LATER = SecretValue.of("ovt_" + "L".repeat(43));

    @TempDir
    Path root;

    @Test
    void temp_files_left_by_a_killed_creation_do_not_stop_the_next_start() throws IOException {
        // given: what a creation killed while writing the first checkpoint leaves
        StoreFixture fixture = new StoreFixture(root);
        KeyFile.create(new RealFileIo(), fixture.keyFile);
        Files.createDirectories(fixture.dataDir);
        Files.setPosixFilePermissions(fixture.dataDir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(fixture.dataDir.resolve("creating"), "an offline-vault creation in progress\n");
        Files.writeString(fixture.dataDir.resolve("admin.token"), StoreFixture.ADMIN_TOKEN.reveal() + "\n");
        Files.writeString(fixture.dataDir.resolve("vault.pid.tmp-0123456789abcdef"), "pid 1\n");
        Files.write(fixture.dataDir.resolve("checkpoint.tmp-fedcba9876543210"), new byte[] {'O', 'V'});
        // when
        FileVaultStore.Opening opening = FileVaultStore.openOrCreate(fixture.location, () -> LATER,
                OpenOptions.of(StoreFixture.CLOCK));
        // then
        try (FileVaultStore store = opening.store()) {
            assertThat(store.isSealed()).isFalse();
            assertThat(opening.created()).get().extracting(FileVaultStore.CreatedVault::adminToken)
                    .isEqualTo(StoreFixture.ADMIN_TOKEN);
        }
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.repository().view().tokens()).anySatisfy(token -> assertThat(token.digest()
                    .matches(TokenDigest.of(StoreFixture.ADMIN_TOKEN.reveal()))).isTrue());
        }
        assertThat(fixture.dataDir.resolve("checkpoint.tmp-fedcba9876543210")).as("removed by the open").doesNotExist();
        assertThat(fixture.dataDir.resolve("creating")).as("removed once generation 0 is durable").doesNotExist();
        assertThat(fixture.dataDir.resolve("vault.pid.tmp-0123456789abcdef")).doesNotExist();
    }

    @Test
    void after_a_kill_or_a_power_loss_at_any_step_of_a_creation_the_admin_token_file_is_whole_or_absent()
            throws IOException {
        // given: a creation recorded step by step
        Path live = Files.createDirectory(root.resolve("live"));
        PowerLossFileIo io = PowerLossFileIo.recording(live);
        StoreFixture fixture = new StoreFixture(live);
        FileVaultStore.openOrCreate(fixture.location, () -> StoreFixture.ADMIN_TOKEN,
                OpenOptions.of(StoreFixture.CLOCK).withIo(io))
                .store().close();
        byte[] whole = (StoreFixture.ADMIN_TOKEN.reveal() + "\n").getBytes(StandardCharsets.US_ASCII);
        // when / then
        for (int k = 0; k <= io.stepCount(); k++) {
            for (PowerLossFileIo.Image disk : List.of(io.afterProcessCrash(k), io.afterPowerLoss(k))) {
                byte[] token = disk.files().get("data/admin.token");
                assertThat(token == null || Arrays.equals(token, whole)).as("admin.token after step %d", k).isTrue();
            }
        }
        assertThat(io.afterPowerLoss(io.stepCount()).files()).containsKey("data/admin.token");
    }
}

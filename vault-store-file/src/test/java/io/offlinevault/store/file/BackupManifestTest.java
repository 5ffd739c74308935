package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.operation.VerifyReport.FileCheck;
import io.offlinevault.domain.operation.VerifyReport.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup's {@code backup.json} (issue 20, item 3): it lists the last record, the segments and the SHA-256 of every
 * file; restore refuses a backup whose files do not match it (before, a backup without its journal segment restored
 * an older state with exit 0), restores an older backup without one with a warning, and verify names what is missing.
 */
class BackupManifestTest {
    private static final VaultKeys KEY_FILE = VaultKeys.keyFileOnly();

    @TempDir
    Path root;

    private StoreFixture fixture;
    private Path backupDir;

    @BeforeEach
    void backUpThenChange() {
        fixture = new StoreFixture(root);
        backupDir = root.resolve("backups").resolve("first");
        // a and a snapshot in the checkpoint, b in journal.2 (after the rotation); then c after the backup
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            Commits.snapshot(store, "a");
            store.rotate();
            Commits.entry(store, "b");
        }
        StoreMaintenance.backup(fixture.location, KEY_FILE, backupDir);
        try (FileVaultStore store = fixture.open()) {
            Commits.entry(store, "c");
        }
    }

    @Test
    void a_backup_lists_its_last_record_its_segments_and_the_sha_256_of_every_file() throws IOException {
        // when
        Map<?, ?> manifest = new ObjectMapper().readValue(backupDir.resolve("backup.json").toFile(), Map.class);
        // then
        assertThat(manifest.get("lastRecord")).isEqualTo(3);
        assertThat(manifest.get("segments")).isEqualTo(List.of(2));
        Map<?, ?> files = (Map<?, ?>) manifest.get("files");
        List<Object> names = List.copyOf(files.keySet());
        List<String> copied = storeFilesIn(backupDir);
        assertThat(copied).hasSize(3);
        assertThat(names).containsExactlyInAnyOrderElementsOf(copied);
        for (String name : copied) {
            assertThat(files.get(name)).as(name).isEqualTo(BackupManifest.sha256(Files.readAllBytes(
                    backupDir.resolve(name))));
        }
    }

    @Test
    void restore_refuses_a_backup_whose_journal_segment_was_removed_and_changes_nothing() throws IOException {
        // given
        Files.delete(backupDir.resolve("journal.2"));
        Map<String, byte[]> before = fixture.allFiles();
        // when / then
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
                .withMessageContaining("does not verify, so nothing was restored")
                .withMessageContaining("journal.2 is missing: backup.json lists it");
        assertThat(fixture.allFiles().keySet()).isEqualTo(before.keySet());
        try (FileVaultStore store = fixture.open()) {
            assertThat(Commits.keys(store)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void restore_refuses_a_changed_file_and_a_segment_the_manifest_does_not_list() throws IOException {
        // given: a segment added
        Files.copy(backupDir.resolve("journal.2"), backupDir.resolve("journal.3"));
        // when / then
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK))
                .withMessageContaining("journal.3 is not part of the backup: backup.json does not list it");
        // given: the checkpoint changed by one byte
        Files.delete(backupDir.resolve("journal.3"));
        byte[] checkpoint = Files.readAllBytes(backupDir.resolve("checkpoint"));
        Files.write(backupDir.resolve("checkpoint"), StoreVerifyTest.flip(checkpoint, checkpoint.length - 40));
        // when / then
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK))
                .withMessageContaining("checkpoint differs from the copy backup.json lists");
    }

    @Test
    void an_older_backup_without_a_manifest_restores_with_a_warning() throws IOException {
        // given
        Files.delete(backupDir.resolve("backup.json"));
        RestoreReport report;
        // when
        try (LogCapture log = LogCapture.start()) {
            report = StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK);
            // then
            assertThat(log.all()).anySatisfy(line -> assertThat(line).contains("has no backup.json"));
        }
        assertThat(report.checkedAgainstManifest()).isFalse();
        try (FileVaultStore store = fixture.open()) {
            assertThat(Commits.keys(store)).containsExactly("a", "b");
        }
    }

    @Test
    void a_restore_checked_against_the_manifest_says_so() {
        assertThat(StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK).checkedAgainstManifest())
                .isTrue();
    }

    @Test
    void verify_of_a_backup_names_the_file_that_is_missing() throws IOException {
        // given
        StoreLocation backup = StoreLocation.of(backupDir, fixture.keyFile);
        assertThat(StoreMaintenance.verify(backup, KEY_FILE).checks()).filteredOn(c -> c.file().equals("backup.json"))
                .extracting(FileCheck::outcome).containsExactly(Outcome.OK);
        Files.delete(backupDir.resolve("journal.2"));
        // when
        VerifyReport report = StoreMaintenance.verify(backup, KEY_FILE);
        // then
        assertThat(report.currentIntact()).isFalse();
        assertThat(report.checks()).filteredOn(c -> c.file().equals("journal.2")).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.ERROR))
                .satisfies(c -> assertThat(c.message()).contains("journal.2 is missing: backup.json lists it"));
        assertThat(report.checks()).filteredOn(c -> c.file().equals("backup.json")).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.ERROR));
    }

    @Test
    void a_manifest_that_is_not_one_is_store_corrupt() throws IOException {
        Files.writeString(backupDir.resolve("backup.json"), "{\"format\":\"something else\"}");
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
                .withMessageContaining("backup.json is not a backup manifest");
    }

    private static List<String> storeFilesIn(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString())
                    .filter(name -> !name.equals("backup.json")).sorted().toList();
        }
    }
}

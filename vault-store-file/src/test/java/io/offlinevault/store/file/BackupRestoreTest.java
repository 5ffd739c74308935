package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreFixture.ADMIN_TOKEN;
import static io.offlinevault.store.file.StoreFixture.CLOCK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.snapshot.Snapshot;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StoreMaintenance#backup} and {@link StoreMaintenance#restore}: a backup holds every commit up to it and
 * never the key file; a restore brings exactly that back under a higher generation, keeps the replaced files, and
 * refuses a damaged backup without changing anything; a fault at any step of either leaves the old vault or the
 * new result, never a mix; rotation and passphrases do not get in the way.
 */
class BackupRestoreTest {
    private static final VaultKeys KEY_FILE = VaultKeys.keyFileOnly();
    private static final SecretValue PASSPHRASE = SecretValue.of("backup passphrase 7e1d");

    @TempDir
    Path root;

    private StoreFixture fixture;
    private Path backupDir;

    @BeforeEach
    void paths() {
        fixture = new StoreFixture(root);
        backupDir = root.resolve("backups").resolve("first");
    }

    // a, b and a snapshot before the backup (across a rotation: two segments); then c, a deleted, another snapshot
    private Snapshot vaultBackedUpThenChanged() {
        Snapshot snapshot;
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            snapshot = Commits.snapshot(store, "a");
            store.rotate();
            Commits.entry(store, "b");
        }
        StoreMaintenance.backup(fixture.location, KEY_FILE, backupDir);
        try (FileVaultStore store = fixture.open()) {
            Commits.entry(store, "c");
            Commits.delete(store, "a");
            Commits.snapshot(store, "c");
            assertThat(Commits.keys(store)).containsExactly("b", "c");
        }
        return snapshot;
    }

    @Test
    void a_backup_holds_the_checkpoint_the_segments_after_it_and_the_live_blobs_and_never_the_key_file()
            throws IOException {
        // given
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            Commits.snapshot(store, "a");
            store.rotate();
            Commits.entry(store, "b");
        }
        // when
        BackupReport report = StoreMaintenance.backup(fixture.location, KEY_FILE, backupDir);
        // then
        Map<String, byte[]> copied = files(backupDir);
        String blob = copied.keySet().stream().filter(name -> name.startsWith("blobs/")).findFirst().orElseThrow();
        assertThat(copied).containsOnlyKeys("checkpoint", "journal.2", blob, "backup.json");
        assertThat(copied.get("checkpoint")).isEqualTo(Files.readAllBytes(fixture.dataDir.resolve("checkpoint")));
        assertThat(copied.get("journal.2")).isEqualTo(Files.readAllBytes(fixture.segment(2)));
        assertThat(report).isEqualTo(new BackupReport(backupDir.toString(), 1, CLOCK.millis(), 3, 1, 1,
                copied.values().stream().mapToLong(bytes -> bytes.length).sum(),
                Optional.of(fixture.keyFile.toString())));
        byte[] key = Files.readAllBytes(fixture.keyFile);
        assertThat(copied.values()).noneSatisfy(bytes -> assertThat(new String(bytes, UTF_8))
                .contains(new String(key, UTF_8).strip()));
        assertThat(StoreMaintenance.verify(StoreLocation.of(backupDir, fixture.keyFile), KEY_FILE).currentIntact())
                .isTrue();
    }

    @Test
    void backup_then_restore_gives_every_commit_up_to_the_backup_and_keeps_the_replaced_files_aside()
            throws IOException {
        // given
        Snapshot snapshot = vaultBackedUpThenChanged();
        Map<String, byte[]> replaced = fixture.storeFiles();
        // when
        RestoreReport report = StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK);
        // then
        Path damaged = fixture.dataDir.resolve("damaged-20260101T100000Z");
        assertThat(report).isEqualTo(new RestoreReport(backupDir, 1, CLOCK.millis(), 3, 2, Optional.of(damaged),
                OpenedWith.keyFile(fixture.keyFile), true));
        assertThat(files(damaged)).containsOnlyKeys(replaced.keySet());
        replaced.forEach((name, bytes) -> assertThat(files(damaged).get(name)).as(name).isEqualTo(bytes));
        assertThat(files(fixture.dataDir).keySet()).filteredOn(name -> !name.startsWith("damaged-"))
                .allSatisfy(name -> assertThat(name).matches("checkpoint|blobs/[0-9a-f]{32}|admin.token|vault.(lock|pid)"))
                .contains("checkpoint");
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
            assertThat(Commits.keys(store)).containsExactly("a", "b");
            assertThat(store.repository().view().snapshots(Commits.ACME)).containsExactly(snapshot);
            assertThat(store.repository().view().snapshotContent(Commits.ACME, snapshot.id()))
                    .contains(Commits.content("a"));
            Commits.entry(store, "d");
        }
        try (FileVaultStore store = fixture.open()) {
            assertThat(Commits.keys(store)).containsExactly("a", "b", "d");
        }
        assertThat(StoreMaintenance.verify(fixture.location, KEY_FILE).currentIntact()).isTrue();
    }

    @Test
    void a_second_restore_continues_with_a_higher_generation_and_its_own_damaged_directory() {
        vaultBackedUpThenChanged();
        RestoreReport first = StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK);

        RestoreReport second = StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK);

        assertThat(second.generation()).isGreaterThan(first.generation());
        assertThat(second.damaged()).contains(fixture.dataDir.resolve("damaged-20260101T100000Z-1"));
        try (FileVaultStore store = fixture.open()) {
            assertThat(Commits.keys(store)).containsExactly("a", "b");
        }
    }

    @Test
    void a_restore_into_a_data_dir_that_does_not_exist_creates_it() {
        vaultBackedUpThenChanged();
        StoreLocation elsewhere = StoreLocation.of(root.resolve("new-machine").resolve("data"), fixture.keyFile);

        RestoreReport report = StoreMaintenance.restore(elsewhere, KEY_FILE, backupDir, CLOCK);

        assertThat(report.damaged()).isEmpty();
        assertThat(report.generation()).isEqualTo(2);
        try (FileVaultStore store = FileVaultStore.open(elsewhere, OpenOptions.of(CLOCK))) {
            assertThat(Commits.keys(store)).containsExactly("a", "b");
        }
    }

    @Test
    void a_restore_over_a_checkpoint_whose_checksum_fails_still_continues_above_its_generation() throws IOException {
        // given: generation 3, then damaged
        vaultBackedUpThenChanged();
        try (FileVaultStore store = fixture.open()) {
            store.rotate();
            store.rotate();
        }
        Path checkpoint = fixture.dataDir.resolve("checkpoint");
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, StoreVerifyTest.flip(bytes, bytes.length - 40));
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.sealedBecause()).get().extracting(e -> e.reason()).isEqualTo(ErrorCode.STORE_CORRUPT);
        }
        // when
        RestoreReport report = StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK);
        // then
        assertThat(report.generation()).isEqualTo(4);
        try (FileVaultStore store = fixture.open()) {
            assertThat(Commits.keys(store)).containsExactly("a", "b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"checkpoint", "journal.2", "blob", "last record cut", "blob deleted"})
    void restore_refuses_a_damaged_backup_and_changes_nothing(String damage) throws IOException {
        // given
        vaultBackedUpThenChanged();
        Path file = damage.startsWith("blob") ? onlyBlob(backupDir) : backupDir.resolve(damage.startsWith("last")
                ? "journal.2" : damage);
        byte[] bytes = Files.readAllBytes(file);
        switch (damage) {
            case "last record cut" -> Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
            case "blob deleted" -> Files.delete(file);
            default -> Files.write(file, StoreVerifyTest.flip(bytes, bytes.length - 40));
        }
        Map<String, byte[]> before = fixture.allFiles();
        // when / then
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK))
                .satisfies(e -> assertThat(e.code()).isIn(ErrorCode.STORE_CORRUPT, ErrorCode.STORE_MISSING))
                .withMessageStartingWith("The backup in " + backupDir + " does not verify, so nothing was restored"
                        + " and nothing changed: ");
        assertThat(fixture.allFiles()).containsOnlyKeys(before.keySet());
        before.forEach((name, content) -> assertThat(fixture.allFiles().get(name)).as(name).isEqualTo(content));
        try (FileVaultStore store = fixture.open()) {
            assertThat(Commits.keys(store)).containsExactly("b", "c");
        }
    }

    @Test
    void backup_refuses_a_directory_that_is_not_empty_a_file_or_one_inside_the_data_dir_and_writes_nothing()
            throws IOException {
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
        }
        Path full = Files.createDirectories(root.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        Path file = Files.writeString(root.resolve("file"), "mine");
        Map<String, byte[]> before = fixture.allFiles();

        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> StoreMaintenance.backup(fixture.location, KEY_FILE, full))
                .withMessage("The backup directory " + full + " is not empty: give a new or empty directory (a backup"
                        + " never writes over files).");
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> StoreMaintenance.backup(fixture.location, KEY_FILE, file))
                .withMessageContaining("is a file");
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> StoreMaintenance.backup(fixture.location, KEY_FILE, fixture.dataDir.resolve("b")))
                .withMessageContaining("is inside the data dir");
        assertThat(files(full)).containsOnlyKeys("notes.txt");
        assertThat(fixture.dataDir.resolve("b")).doesNotExist();
        assertThat(fixture.allFiles()).containsOnlyKeys(before.keySet());
    }

    @Test
    void backup_and_restore_while_a_store_holds_the_data_dir_are_locked_and_change_nothing() {
        vaultBackedUpThenChanged();
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
            for (Runnable command : List.<Runnable>of(
                    () -> StoreMaintenance.backup(fixture.location, KEY_FILE, root.resolve("second")),
                    () -> StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK))) {
                assertThatExceptionOfType(StoreException.class).isThrownBy(command::run)
                        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_LOCKED))
                        .withMessageContaining("pid " + ProcessHandle.current().pid());
            }
            assertThat(Commits.keys(store)).containsExactly("b", "c");
        }
        assertThat(root.resolve("second")).doesNotExist();
        assertThat(fixture.dataDir.resolve("damaged-20260101T100000Z")).doesNotExist();
    }

    @Test
    void rotate_keeps_every_entry_readable_and_a_backup_from_before_still_opens_and_restores() {
        // given
        Snapshot snapshot;
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            snapshot = Commits.snapshot(store, "a");
        }
        StoreMaintenance.backup(fixture.location, KEY_FILE, backupDir);
        // when
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.rotate().term()).isEqualTo(2);
            Commits.entry(store, "b");
            assertThat(store.rotate().term()).isEqualTo(3);
            Commits.entry(store, "c");
        }
        // then
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.keysInUse().term()).isEqualTo(3);
            assertThat(Commits.keys(store)).containsExactly("a", "b", "c");
            assertThat(store.repository().view().snapshotContent(Commits.ACME, snapshot.id()))
                    .contains(Commits.content("a"));
        }
        assertThat(StoreMaintenance.verify(fixture.location, KEY_FILE).currentIntact()).isTrue();
        assertThat(StoreMaintenance.verify(StoreLocation.of(backupDir, fixture.keyFile), KEY_FILE).currentIntact())
                .isTrue();
        RestoreReport restored = StoreMaintenance.restore(fixture.location, KEY_FILE, backupDir, CLOCK);
        assertThat(restored.generation()).isGreaterThan(2);
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.keysInUse().term()).isEqualTo(1);
            assertThat(Commits.keys(store)).containsExactly("a");
            assertThat(store.repository().view().snapshotContent(Commits.ACME, snapshot.id()))
                    .contains(Commits.content("a"));
        }
    }

    @Test
    void a_vault_with_a_passphrase_only_backs_up_and_restores_with_the_passphrase_asked_once_each_time()
            throws IOException {
        // given
        AtomicInteger asked = new AtomicInteger();
        Supplier<Optional<SecretValue>> passphrase = () -> {
            asked.incrementAndGet();
            return Optional.of(PASSPHRASE);
        };
        VaultKeys keys = new VaultKeys(false, passphrase, KdfParams.fresh(19 * 1024, 2, 1));
        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK).withKeys(keys))
                .store()) {
            Commits.entry(store, "a");
        }
        assertThat(fixture.keyFile).doesNotExist();
        asked.set(0);
        // when
        BackupReport backup = StoreMaintenance.backup(fixture.location, keys, backupDir);
        int askedByBackup = asked.getAndSet(0);
        StoreLocation elsewhere = StoreLocation.of(root.resolve("elsewhere"), fixture.keyFile);
        RestoreReport restored = StoreMaintenance.restore(elsewhere, keys, backupDir, CLOCK);
        // then
        assertThat(askedByBackup).isEqualTo(1);
        assertThat(asked.get()).isEqualTo(1);
        assertThat(backup.keyFile()).as("only the passphrase opens it").isEmpty();
        assertThat(restored.openedWith()).isEqualTo(OpenedWith.passphrase());
        try (FileVaultStore store = FileVaultStore.open(elsewhere, OpenOptions.of(CLOCK).withKeys(keys))) {
            assertThat(store.isSealed()).isFalse();
            assertThat(Commits.keys(store)).containsExactly("a");
        }
        VaultKeys wrong = new VaultKeys(false, () -> Optional.of(SecretValue.of("not it")), KdfParams.fresh(19 * 1024,
                2, 1));
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.restore(elsewhere, wrong, backupDir, CLOCK))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_WRONG_KEY))
                .withMessageNotContaining("not it");
        assertThat(files(backupDir).values()).noneSatisfy(bytes -> assertThat(new String(bytes, UTF_8))
                .contains(PASSPHRASE.reveal()));
        assertThat(fixture.keyFile).doesNotExist();
    }

    @Test
    void a_fault_at_every_step_of_a_restore_leaves_the_old_store_or_the_restored_one_and_loses_no_old_file()
            throws IOException {
        // given
        vaultBackedUpThenChanged();
        Path template = root.resolve("template");
        copyTree(fixture.dataDir, template);
        Map<String, byte[]> old = fixture.storeFiles();
        FaultyFileIo recording = FaultyFileIo.recording();
        StoreMaintenance.restore(recording, fixture.location, KEY_FILE, backupDir, CLOCK);
        int steps = recording.steps().size();
        assertThat(steps).isGreaterThan(20);
        for (int step = 1; step <= steps; step++) {
            Path dataDir = root.resolve("runs").resolve(Integer.toString(step));
            copyTree(template, dataDir);
            StoreLocation location = StoreLocation.of(dataDir, fixture.keyFile);
            // when
            Optional<RuntimeException> failure;
            try {
                StoreMaintenance.restore(FaultyFileIo.failingAtStep(step), location, KEY_FILE, backupDir, CLOCK);
                failure = Optional.empty();
            } catch (RuntimeException e) {
                failure = Optional.of(e);
            }
            // then: every old store file is in place or set aside, byte for byte
            String at = "fault at step " + step + " (" + recording.steps().get(step - 1) + "): " + failure;
            for (Map.Entry<String, byte[]> file : old.entrySet()) {
                assertThat(keptSomewhere(dataDir, file.getKey(), file.getValue())).as(at + " kept " + file.getKey())
                        .isTrue();
            }
            boolean outcomeUnknown = failure.filter(e -> e instanceof StoreException store
                    && store.code() == ErrorCode.COMMIT_OUTCOME_UNKNOWN).isPresent();
            try (FileVaultStore store = FileVaultStore.open(location, OpenOptions.of(CLOCK))) {
                assertThat(store.isSealed()).as(at).isFalse();
                List<String> keys = Commits.keys(store);
                if (failure.isEmpty()) {
                    assertThat(keys).as(at).containsExactly("a", "b");
                } else if (!outcomeUnknown) {
                    assertThat(keys).as(at).containsExactly("b", "c");
                } else {
                    assertThat(keys).as(at).isIn(List.of("a", "b"), List.of("b", "c"));
                }
            }
        }
    }

    @Test
    void a_fault_at_every_step_of_a_backup_leaves_no_copy_behind_and_the_vault_unchanged() {
        // given
        vaultBackedUpThenChanged();
        Map<String, byte[]> vault = fixture.storeFiles();
        FaultyFileIo recording = FaultyFileIo.recording();
        StoreMaintenance.backup(recording, fixture.location, KEY_FILE, root.resolve("recorded").resolve("copy"));
        int steps = recording.steps().size();
        for (int step = 1; step <= steps; step++) {
            Path parent = root.resolve("faulty").resolve(Integer.toString(step));
            Path to = parent.resolve("copy");
            // when
            boolean done;
            try {
                StoreMaintenance.backup(FaultyFileIo.failingAtStep(step), fixture.location, KEY_FILE, to);
                done = true;
            } catch (RuntimeException e) {
                done = false;
            }
            // then
            String at = "fault at step " + step + " (" + recording.steps().get(step - 1) + ")";
            if (done) {
                assertThat(StoreMaintenance.verify(StoreLocation.of(to, fixture.keyFile), KEY_FILE).currentIntact())
                        .as(at).isTrue();
            } else {
                assertThat(parent).as(at).doesNotExist();
            }
            assertThat(fixture.storeFiles()).as(at).containsExactlyInAnyOrderEntriesOf(vault);
        }
    }

    private static boolean keptSomewhere(Path dataDir, String name, byte[] content) {
        List<Path> places = new ArrayList<>();
        places.add(dataDir.resolve(name));
        try (Stream<Path> entries = Files.list(dataDir)) {
            entries.filter(p -> p.getFileName().toString().startsWith("damaged-")).forEach(p -> places.add(p.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return places.stream().anyMatch(place -> {
            try {
                return Files.exists(place) && Arrays.equals(Files.readAllBytes(place), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path onlyBlob(Path dir) throws IOException {
        try (Stream<Path> blobs = Files.list(dir.resolve("blobs"))) {
            return blobs.findFirst().orElseThrow();
        }
    }

    // {@return every regular file under {@code dir} by its path relative to it, with "/" between names}
    private static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString().replace(File.separatorChar, '/'),
                        Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}

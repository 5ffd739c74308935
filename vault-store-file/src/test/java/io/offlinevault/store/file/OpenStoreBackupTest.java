package io.offlinevault.store.file;

import static io.offlinevault.domain.testing.Await.PATIENCE;
import static io.offlinevault.store.file.Commits.ACME;
import static io.offlinevault.store.file.StoreFixture.ADMIN_TOKEN;
import static io.offlinevault.store.file.StoreFixture.CLOCK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FileVaultStore#backup}: a backup of an open vault while writers write holds exactly the state of one
 * commit boundary (whole batches, every write acknowledged before the call) and opens and verifies; checkpoints,
 * segment rolls and blob deletions during the copy do not take the files it needs; a bad target or a fault
 * leaves nothing behind and the store serving; the key file and secrets stay out of the copy and the report.
 */
class OpenStoreBackupTest {
    private static final int THREADS = 8;
    private static final int PAIRS = 4;
    private static final int SINGLE_KEYS = 8;
    private static final String ABSENT = "(absent)";
    private static final VaultKeys KEY_FILE = VaultKeys.keyFileOnly();

    private Path root;
    private StoreFixture fixture;
    private Path to;

    @BeforeEach
    void vaultAndBackupUnder(@TempDir Path temp) {
        root = temp;
        fixture = new StoreFixture(temp);
        to = temp.resolve("backups").resolve("hot");
    }

    /** An acknowledged write of one key: its value, and when its call started and ended. */
    private record Write(String key, String value, long started, long ended) {
    }

    @Test
    void a_backup_taken_while_eight_threads_write_holds_whole_batches_and_every_write_acknowledged_before_it()
            throws Exception {
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long called;
        long returned;
        BackupReport report;
        try (FileVaultStore store = fixture.create(new RealFileIo(), new FileVaultRepository.Policy(16 * 1024))) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> write(store, thread, writing, writes)));
            }
            Await.until("400 writes before the backup", PATIENCE, () -> writes.size() >= 400, writes::size);
            // when
            called = System.nanoTime();
            report = store.backup(to);
            returned = System.nanoTime();
            int seen = writes.size();
            Await.until("200 writes after the backup", PATIENCE, () -> writes.size() >= seen + 200, writes::size);
            writing.set(false);
            for (Future<?> writer : writers) {
                Await.result("a writer", PATIENCE, writer);
            }
            assertThat(store.isSealed()).isFalse();
            assertThat(store.generation()).as("background checkpoints meanwhile").isGreaterThan(2);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        // then
        assertThat(report.directory()).isEqualTo(to.toString());
        assertThat(report.keyFile()).contains(fixture.keyFile.toString());
        assertThat(StoreMaintenance.verify(StoreLocation.of(to, fixture.keyFile), KEY_FILE).currentIntact()).isTrue();
        try (FileVaultStore backup = FileVaultStore.open(StoreLocation.of(to, fixture.keyFile), OpenOptions.of(CLOCK))) {
            assertThat(backup.isSealed()).isFalse();
            VaultView view = backup.repository().view();
            for (int pair = 0; pair < PAIRS; pair++) {
                assertThat(value(view, "pa-" + pair)).as("pair %d", pair).isEqualTo(value(view, "pb-" + pair));
            }
            assertThat(unexplained(view, writes, called, returned)).as("keys whose value in the backup no write"
                    + " acknowledged before the backup, or overlapping it, explains").isEmpty();
        }
    }

    // Puts both keys of a pair with one value, or one single key, until told to stop; notes each acknowledged write.
    private static void write(FileVaultStore store, int thread, AtomicBoolean writing, List<Write> writes) {
        Random random = new Random(thread);
        for (int i = 0; writing.get(); i++) {
            String value = "t" + thread + "-" + i;
            int pair = random.nextInt(PAIRS);
            List<String> keys = random.nextBoolean() ? List.of("pa-" + pair, "pb-" + pair)
                    : List.of("k" + random.nextInt(SINGLE_KEYS));
            Batch.Builder batch = Batch.builder();
            keys.forEach(key -> batch.putEntry(ACME, EntryValidator.validateCreate(ACME,
                    EntryDraft.empty().withKey(key).withValue(value))));
            long started = System.nanoTime();
            store.repository().commit(batch.build());
            long ended = System.nanoTime();
            keys.forEach(key -> writes.add(new Write(key, value, started, ended)));
        }
    }

    // A key's value must come from a write that started before the backup returned and that no write acknowledged
    // before the backup was called wholly followed; a key is absent only if no write of it ended before the call.
    private static Map<String, String> unexplained(VaultView view, List<Write> writes, long called, long returned) {
        Map<String, List<Write>> byKey = new TreeMap<>();
        synchronized (writes) {
            writes.forEach(w -> byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w));
        }
        Map<String, String> unexplained = new TreeMap<>();
        byKey.forEach((key, ofKey) -> {
            String found = value(view, key);
            boolean explained = found.equals(ABSENT) ? ofKey.stream().noneMatch(w -> w.ended() < called)
                    : ofKey.stream().filter(w -> w.value().equals(found) && w.started() < returned)
                    .anyMatch(w -> ofKey.stream().noneMatch(later -> later.ended() < called
                            && later.started() > w.ended()));
            if (!explained) {
                unexplained.put(key, found);
            }
        });
        return unexplained;
    }

    private static String value(VaultView view, String key) {
        return view.entry(ACME, EntryKey.of(key)).map(e -> e.value().reveal()).orElse(ABSENT);
    }

    @Test
    void checkpoints_segment_rolls_and_blob_deletions_during_the_copy_keep_what_it_needs() throws Exception {
        // given: a snapshot (a blob) and entries over several segments; the copy waits where it creates its directory
        GatedFileIo io = new GatedFileIo(to);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (FileVaultStore store = fixture.create(io, new FileVaultRepository.Policy(1024))) {
            Snapshot snapshot = Commits.snapshot(store, "s0");
            for (int i = 0; i < 30; i++) {
                Commits.entry(store, "before-" + i);
            }
            List<String> before = Commits.keys(store);
            String blob = blobs(fixture.dataDir).get(0);
            Future<BackupReport> backup = pool.submit(() -> store.backup(to));
            Await.until("the backup pinned its state", PATIENCE, io.reached);
            // the newest segment at the boundary: the writer rolls after answering a commit, before the pin
            long newest = segments().get(segments().size() - 1);
            // when: the snapshot goes, and three checkpoints with their rolls and deletions follow
            new SnapshotService(store.repository(), CLOCK, IdGenerator.secure()).delete(Caller.owner(), ACME,
                    snapshot.id());
            long generation = store.generation();
            AtomicInteger after = new AtomicInteger();
            Await.until("three more checkpoints", PATIENCE, () -> {
                Commits.entry(store, "after-" + after.incrementAndGet());
                return store.generation() >= generation + 4;
            }, store::generation);
            assertThat(Files.exists(fixture.segment(newest))).as("a pinned segment").isTrue();
            assertThat(blobs(fixture.dataDir)).as("a pinned blob").contains(blob);
            io.release.countDown();
            BackupReport report = Await.result("the backup", PATIENCE, backup);
            // then
            assertThat(report.blobs()).isEqualTo(1);
            assertThat(StoreMaintenance.verify(StoreLocation.of(to, fixture.keyFile), KEY_FILE).currentIntact())
                    .isTrue();
            try (FileVaultStore copy = FileVaultStore.open(StoreLocation.of(to, fixture.keyFile),
                    OpenOptions.of(CLOCK))) {
                assertThat(Commits.keys(copy)).isEqualTo(before);
                assertThat(copy.repository().view().snapshotContent(ACME, snapshot.id())).contains(Commits.content("s0"));
            }
            // and once the backup is done, checkpoints delete what only it needed
            long done = store.generation();
            Await.until("the pinned segment and blob deleted", PATIENCE, () -> {
                Commits.entry(store, "later-" + after.incrementAndGet());
                return store.generation() >= done + 3 && !Files.exists(fixture.segment(newest))
                        && !blobs(fixture.dataDir).contains(blob);
            }, store::generation);
            assertThat(store.verify().currentIntact()).isTrue();
        } finally {
            io.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void an_existing_directory_a_link_or_a_directory_inside_the_data_dir_is_refused_and_nothing_is_written()
            throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path link = Files.createSymbolicLink(root.resolve("link"), empty);
        Path dangling = Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            Map<String, byte[]> files = fixture.storeFiles();
            assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> store.backup(empty))
                    .withMessageContaining("already exists");
            assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> store.backup(link))
                    .withMessageContaining("already exists");
            assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> store.backup(dangling))
                    .withMessageContaining("already exists");
            assertThatExceptionOfType(InvalidParameterException.class)
                    .isThrownBy(() -> store.backup(fixture.dataDir.resolve("backup")))
                    .withMessageContaining("inside the data dir");
            assertThat(list(empty)).isEmpty();
            assertThat(Files.exists(root.resolve("nowhere"))).isFalse();
            assertThat(Files.exists(fixture.dataDir.resolve("backup"))).isFalse();
            assertThat(fixture.storeFiles()).containsOnlyKeys(files.keySet());
            Commits.entry(store, "b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"createDirectory hot", "createDirectory blobs", "write [0-9a-f]{32}\\.tmp-\\*",
            "openForReading journal\\.[0-9]+", "moveAtomically journal\\.[0-9]+", "write checkpoint\\.tmp-\\*",
            "forceDirectory hot"})
    void a_fault_while_copying_removes_the_partial_copy_and_the_store_goes_on_serving(String step) {
        FaultyFileIo io = FaultyFileIo.recording();
        try (FileVaultStore store = fixture.create(io)) {
            Commits.entry(store, "a");
            Commits.snapshot(store, "a");
            Commits.entry(store, "b");
            io.failingFirst(name -> name.matches(step), step.startsWith("write checkpoint")
                    ? FaultyFileIo.diskFull() : new IOException("injected fault"));
            // when
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.backup(to))
                    .extracting(StoreException::code).isIn(ErrorCode.STORE_WRITE_FAILED, ErrorCode.STORE_NO_SPACE,
                            ErrorCode.STORE_CORRUPT);
            // then
            assertThat(Files.exists(to.getParent())).as("the copy and the directories it created").isFalse();
            assertThat(store.isSealed()).isFalse();
            Commits.entry(store, "c");
            store.backup(to);
        }
        assertThat(StoreMaintenance.verify(StoreLocation.of(to, fixture.keyFile), KEY_FILE).currentIntact()).isTrue();
        try (FileVaultStore copy = FileVaultStore.open(StoreLocation.of(to, fixture.keyFile), OpenOptions.of(CLOCK))) {
            assertThat(Commits.keys(copy)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void the_backup_never_holds_the_key_file_and_no_secret_is_in_its_report_or_messages() throws IOException {
        SecretValue sentinel = SecretValue.of("sentinel-secret-9c41");
        SecretValue passphrase = SecretValue.of("backup passphrase 5a2f");
        VaultKeys both = new VaultKeys(true, () -> Optional.of(passphrase), KeyringTest.SMALL);
        List<String> messages = new ArrayList<>();
        BackupReport report;
        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK).withKeys(both)).store()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                    EntryDraft.empty().withKey("db.password").withValue(sentinel.reveal()));
            report = store.backup(to);
            for (Path bad : List.of(to, fixture.dataDir.resolve("x"))) {
                try {
                    store.backup(bad);
                } catch (RuntimeException e) {
                    messages.add(e.getMessage());
                }
            }
        }
        String key = Files.readString(fixture.keyFile, UTF_8).strip();
        Map<String, byte[]> copied = files(to);
        assertThat(copied.keySet())
                .allSatisfy(name -> assertThat(name).matches("checkpoint|backup.json|journal\\.[0-9]+"))
                .contains("checkpoint");
        assertThat(copied.values()).noneSatisfy(bytes -> assertThat(new String(bytes, UTF_8))
                .containsAnyOf(key, sentinel.reveal(), passphrase.reveal()));
        assertThat(messages).hasSize(2).noneSatisfy(message -> assertThat(message)
                .containsAnyOf(key, sentinel.reveal(), passphrase.reveal()));
        assertThat(report.toString()).doesNotContain(key, sentinel.reveal(), passphrase.reveal());
        // the passphrase alone opens the copy too
        VaultKeys passphraseOnly = new VaultKeys(false, () -> Optional.of(passphrase), KeyringTest.SMALL);
        try (FileVaultStore copy = FileVaultStore.open(StoreLocation.of(to, fixture.keyFile),
                OpenOptions.of(CLOCK).withKeys(passphraseOnly))) {
            assertThat(copy.repository().view().entry(ACME, EntryKey.of("db.password")).orElseThrow().value())
                    .isEqualTo(sentinel);
        }
    }

    @Test
    void a_backup_after_a_passphrase_change_reads_back_with_the_new_passphrase() {
        SecretValue first = SecretValue.of("first passphrase 11aa");
        SecretValue second = SecretValue.of("second passphrase 22bb");
        VaultKeys keys = new VaultKeys(false, () -> Optional.of(first), KeyringTest.SMALL);
        BackupReport report;
        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK).withKeys(keys)).store()) {
            Commits.entry(store, "a");
            store.changePassphrase(Optional.of(second), KeyringTest.SMALL);
            Commits.entry(store, "b");
            report = store.backup(to);
        }
        assertThat(report.keyFile()).isEmpty();
        try (FileVaultStore copy = FileVaultStore.open(StoreLocation.of(to, fixture.keyFile), OpenOptions.of(CLOCK)
                .withKeys(new VaultKeys(false, () -> Optional.of(second), KeyringTest.SMALL)))) {
            assertThat(Commits.keys(copy)).containsExactly("a", "b");
        }
    }

    @Test
    void a_backup_after_a_key_file_change_opens_with_the_new_key_file() {
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            store.changeKeyFile(CLOCK);
            Commits.entry(store, "b");
            assertThat(store.backup(to).keyFile()).contains(fixture.keyFile.toString());
        }
        try (FileVaultStore copy = FileVaultStore.open(StoreLocation.of(to, fixture.keyFile), OpenOptions.of(CLOCK))) {
            assertThat(copy.isSealed()).isFalse();
            assertThat(Commits.keys(copy)).containsExactly("a", "b");
        }
    }

    private List<Long> segments() {
        try {
            return JournalSegment.list(new RealFileIo(), fixture.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> blobs(Path dir) {
        Path blobs = dir.resolve(Blobs.DIRECTORY);
        if (!Files.exists(blobs)) {
            return List.of();
        }
        return list(blobs).stream().map(p -> p.getFileName().toString()).filter(Blobs::isId).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The real file system, where creating the directory {@code gate} waits until the test releases it. */
    private static final class GatedFileIo extends ForwardingFileIo {
        private final Path gate;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedFileIo(Path gate) {
            this.gate = gate;
        }

        @Override
        public void createDirectory(Path dir) throws IOException {
            if (dir.equals(gate)) {
                reached.countDown();
                try {
                    if (!release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted at the gate");
                }
            }
            super.createDirectory(dir);
        }
    }
}

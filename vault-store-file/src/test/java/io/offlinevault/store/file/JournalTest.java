package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal: torn tails at the end of the newest segment are ignored with a warning and truncated by the
 * next commit; the same damage anywhere else is a named error that changes no file; group commit checks each
 * batch against the ones before it; a slow force never blocks a read; background checkpoints lose nothing.
 */
class JournalTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final int RECORDS = 3;

    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (warnings) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheReplayLog() {
        Logger.getLogger(JournalReplay.class.getName()).addHandler(capture);
    }

    @AfterEach
    void releaseTheReplayLog() {
        Logger.getLogger(JournalReplay.class.getName()).removeHandler(capture);
    }

    /** A torn tail: how to damage the newest segment, and how many of the {@link #RECORDS} entries survive. */
    private record Tear(String name, UnaryOperator<byte[]> damage, int survivors) {
    }

    private static List<Tear> tears(byte[] segment) {
        List<int[]> frames = frames(segment);
        int[] last = frames.get(frames.size() - 1);
        List<Tear> tears = new ArrayList<>();
        for (int cut : new int[] {1, 4, 11, 12, 15, 16, 17, 40, (last[1] - last[0]) / 2, last[1] - last[0] - 4,
                last[1] - last[0] - 1}) {
            tears.add(new Tear("the last record cut to " + cut + " bytes", bytes -> Arrays.copyOf(bytes, last[0] + cut),
                    RECORDS - 1));
        }
        tears.add(new Tear("a short record header after the last record", bytes -> append(bytes, new byte[] {9, 8, 7, 6,
                5, 4, 3}), RECORDS));
        tears.add(new Tear("zero bytes after the last record", bytes -> append(bytes, new byte[4096]), RECORDS));
        tears.add(new Tear("the last record's payload CRC failing", bytes -> flip(bytes, last[1] - 10), RECORDS - 1));
        tears.add(new Tear("the last record's length running past the end", bytes -> {
            byte[] out = bytes.clone();
            ByteBuffer.wrap(out).putInt(last[0], 1_000_000);
            return out;
        }, RECORDS - 1));
        tears.add(new Tear("the last record zero-filled", bytes -> {
            byte[] out = bytes.clone();
            Arrays.fill(out, last[0], last[1], (byte) 0);
            return out;
        }, RECORDS - 1));
        return tears;
    }

    @Test
    void torn_tails_of_every_kind_open_with_a_warning_and_the_next_commit_truncates_them() throws IOException {
        StoreFixture base = storeWithRecords("base");
        byte[] segment = Files.readAllBytes(base.segment(1));
        int[] last = frames(segment).get(RECORDS - 1);
        int index = 0;
        for (Tear tear : tears(segment)) {
            StoreFixture fixture = copyOf(base, "tear-" + index++);
            Files.write(fixture.segment(1), tear.damage().apply(segment));
            int validLength = tear.survivors() == RECORDS ? last[1] : last[0];
            warnings.clear();

            try (FileVaultStore store = fixture.open()) {
                assertThat(store.isSealed()).as(tear.name()).isFalse();
                assertThat(keys(store.repository().view())).as(tear.name()).hasSize(tear.survivors());
                assertThat(warnings).as(tear.name()).anySatisfy(w -> assertThat(w)
                        .contains("journal segment 1").contains("offset " + validLength));
                assertThat(Files.readAllBytes(fixture.segment(1))).as("open never writes").isEqualTo(
                        tear.damage().apply(segment));
                create(store, "after");
            }
            byte[] truncated = Files.readAllBytes(fixture.segment(1));
            assertThat(Arrays.copyOf(truncated, validLength)).isEqualTo(Arrays.copyOf(segment, validLength));
            assertThat(frames(truncated)).as(tear.name() + ": whole records only").last()
                    .satisfies(frame -> assertThat(frame[1]).isEqualTo(truncated.length));
            warnings.clear();
            try (FileVaultStore reopened = fixture.open()) {
                assertThat(reopened.isSealed()).isFalse();
                assertThat(keys(reopened.repository().view())).as(tear.name()).hasSize(tear.survivors() + 1)
                        .contains("after");
                assertThat(warnings).isEmpty();
            }
        }
    }

    @Test
    void a_flip_of_any_byte_of_a_segment_is_a_named_error_or_in_the_final_record_a_dropped_torn_tail()
            throws IOException {
        StoreFixture fixture = storeWithRecords("flips");
        byte[] segment = Files.readAllBytes(fixture.segment(1));
        int finalRecord = frames(segment).get(RECORDS - 1)[0];
        Map<String, byte[]> files = fixture.storeFiles();
        int torn = 0;
        for (int i = 0; i < segment.length; i++) {
            byte[] flipped = segment.clone();
            flipped[i] ^= (byte) (1 << (i % 8));
            Files.write(fixture.segment(1), flipped);
            try (FileVaultStore store = fixture.open(new UnsyncedFileIo())) {
                if (i >= finalRecord) {
                    assertThat(store.isSealed()).as("byte %d, in the final record", i).isFalse();
                    assertThat(keys(store.repository().view())).as("byte %d", i).hasSize(RECORDS - 1);
                    torn++;
                } else {
                    assertThat(store.sealedBecause()).as("byte %d", i).get()
                            .extracting(StoreUnavailableException::reason)
                            .isIn(ErrorCode.STORE_CORRUPT, ErrorCode.STORE_TAMPERED, ErrorCode.STORE_UNSUPPORTED_VERSION);
                }
            }
            assertThat(Files.readAllBytes(fixture.segment(1))).as("open never writes").isEqualTo(flipped);
        }
        Files.write(fixture.segment(1), segment);
        assertThat(fixture.storeFiles()).containsExactlyInAnyOrderEntriesOf(files);
        assertThat(torn).isEqualTo(segment.length - finalRecord);
    }

    @Test
    void records_reordered_or_duplicated_are_corrupt() throws IOException {
        StoreFixture fixture = storeWithRecords("order");
        byte[] segment = Files.readAllBytes(fixture.segment(1));
        List<int[]> frames = frames(segment);
        byte[] first = Arrays.copyOfRange(segment, frames.get(0)[0], frames.get(0)[1]);
        byte[] second = Arrays.copyOfRange(segment, frames.get(1)[0], frames.get(1)[1]);
        byte[] head = Arrays.copyOf(segment, frames.get(0)[0]);
        byte[] rest = Arrays.copyOfRange(segment, frames.get(1)[1], segment.length);

        assertOpensAs(fixture, concat(head, second, first, rest), ErrorCode.STORE_CORRUPT, "where the record 1 belongs");
        assertOpensAs(fixture, concat(head, first, first, second, rest), ErrorCode.STORE_CORRUPT,
                "where the record 2 belongs");
    }

    @Test
    void a_damaged_record_before_intact_ones_is_corrupt_and_changes_no_file() throws IOException {
        StoreFixture fixture = storeWithRecords("mid");
        byte[] segment = Files.readAllBytes(fixture.segment(1));
        int[] first = frames(segment).get(0);

        assertOpensAs(fixture, flip(segment, first[0] + 30), ErrorCode.STORE_CORRUPT, "damaged at offset " + first[0]);
        assertOpensAs(fixture, flip(segment, first[0] + 1), ErrorCode.STORE_CORRUPT, "damaged at offset " + first[0]);
        byte[] zeroed = segment.clone();
        Arrays.fill(zeroed, first[0], first[1], (byte) 0);
        assertOpensAs(fixture, zeroed, ErrorCode.STORE_CORRUPT, "damaged at offset " + first[0]);
    }

    @Test
    void a_record_whose_checksums_pass_but_whose_tag_fails_is_tampered() throws IOException {
        StoreFixture fixture = storeWithRecords("tag");
        byte[] segment = Files.readAllBytes(fixture.segment(1));
        int[] middle = frames(segment).get(1);
        byte[] changed = flip(segment, middle[0] + 16 + 20);
        int payloadLength = middle[1] - middle[0] - 20;
        ByteBuffer.wrap(changed).putInt(middle[1] - 4, crc(changed, middle[0] + 16, payloadLength));

        assertOpensAs(fixture, changed, ErrorCode.STORE_TAMPERED, "record 2 of the journal segment 1");
    }

    @Test
    void a_gap_in_the_sequence_numbers_is_corrupt() throws IOException {
        StoreFixture fixture = storeWithRecords("gap");
        byte[] segment = Files.readAllBytes(fixture.segment(1));
        int[] middle = frames(segment).get(1);
        byte[] spliced = new byte[segment.length - (middle[1] - middle[0])];
        System.arraycopy(segment, 0, spliced, 0, middle[0]);
        System.arraycopy(segment, middle[1], spliced, middle[0], segment.length - middle[1]);

        assertOpensAs(fixture, spliced, ErrorCode.STORE_CORRUPT, "holds the record 3 at offset " + middle[0]
                + " where the record 2 belongs");
    }

    @Test
    void damage_in_an_older_segment_or_a_missing_segment_is_corrupt() throws IOException {
        StoreFixture fixture = new StoreFixture(root.resolve("older"));
        // small segments, and checkpoints that always fail: the segments stay, all above the checkpoint
        fixture.create().close();
        FaultyFileIo io = FaultyFileIo.recording().failingEvery(step -> step.startsWith("createNew checkpoint.tmp-"));
        try (FileVaultStore store = fixture.open(io, new FileVaultRepository.Policy(1))) {
            for (int i = 0; i < 10; i++) {
                create(store, "e" + i);
            }
        }
        assertThat(fixture.segment(1)).exists();
        assertThat(fixture.segment(2)).exists();
        try (FileVaultStore store = fixture.open()) {
            assertThat(keys(store.repository().view())).hasSize(10);
        }
        byte[] older = Files.readAllBytes(fixture.segment(1));
        byte[] newer = Files.readAllBytes(fixture.segment(2));

        assertOpensAs(fixture, 1, append(older, new byte[64]), ErrorCode.STORE_CORRUPT, "not the newest segment");
        Files.delete(fixture.segment(1));
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.sealedBecause()).get().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(ErrorCode.STORE_CORRUPT);
                assertThat(e.getMessage()).contains("segment 1 is missing");
            });
        }
        assertThat(Files.readAllBytes(fixture.segment(2))).isEqualTo(newer);
    }

    @Test
    void concurrent_creates_of_one_key_in_one_group_give_one_success_and_one_conflict() throws Exception {
        StoreFixture fixture = storeWithRecords("group");
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // armed once the store is open: the first commit's force, on whichever thread commits it
        AtomicBoolean holdFirst = new AtomicBoolean(false);
        FaultyFileIo io = FaultyFileIo.recording().beforeEveryForce(() -> {
            if (committing() && holdFirst.getAndSet(false)) {
                forcing.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (FileVaultStore store = fixture.open(io)) {
            holdFirst.set(true);
            VaultEntryService entries = new VaultEntryService(store.repository());
            int writesBefore = writes(io);
            Future<?> first = pool.submit(() -> create(store, "first"));
            assertThat(forcing.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racers.add(pool.submit(() -> {
                    try {
                        entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("dup").withValue("v"));
                        return "created";
                    } catch (AlreadyExistsException e) {
                        return "conflict";
                    }
                }));
            }
            awaitBothQueued(store);
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            List<String> outcomes = new ArrayList<>();
            for (Future<String> racer : racers) {
                outcomes.add(racer.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).containsExactlyInAnyOrder("created", "conflict");
            assertThat(writes(io) - writesBefore).as("the first commit, then one group for both racers").isEqualTo(2);
        } finally {
            release.countDown(); // also after a failure: closing the store waits for the held commit
            pool.shutdownNow();
        }
    }

    @Test
    void a_slow_force_never_blocks_reads() throws Exception {
        StoreFixture fixture = storeWithRecords("slow");
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean(false);
        FaultyFileIo io = FaultyFileIo.recording().beforeEveryForce(() -> {
            if (committing() && hold.get()) {
                forcing.countDown();
                await(release);
            }
        });
        // threads of the test's own: the caller that leads its commit blocks its thread in the held force, and with
        // one CPU's worth of common pool (JDK 25 on 2 cores) a read queued there would wait behind it
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (FileVaultStore store = fixture.open(io)) {
            hold.set(true); // every commit's force from now on, on whichever thread commits it
            Future<?> commit = threads.submit(() -> create(store, "slow"));
            assertThat(forcing.await(30, TimeUnit.SECONDS)).isTrue();

            // the committer is inside force: reads answer from the last published view, without waiting
            List<String> seen = threads.submit(() -> keys(store.repository().view())).get(30, TimeUnit.SECONDS);
            assertThat(seen).doesNotContain("slow").hasSize(RECORDS);
            assertThat(commit).isNotDone();

            release.countDown();
            commit.get(30, TimeUnit.SECONDS);
            assertThat(keys(store.repository().view())).contains("slow");
        } finally {
            release.countDown(); // also after a failure: closing the store waits for the held commit
            threads.shutdownNow();
        }
    }

    @Test
    void a_commit_from_a_fork_join_worker_leaves_its_pool_free_while_its_force_is_held() throws Exception {
        // given a pool of one worker, whose commit is held in its force
        StoreFixture fixture = storeWithRecords("forkjoin");
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean(false);
        List<String> forcedBy = Collections.synchronizedList(new ArrayList<>());
        FaultyFileIo io = FaultyFileIo.recording().beforeEveryForce(() -> {
            if (committing() && hold.get()) {
                forcedBy.add(Thread.currentThread().getName());
                forcing.countDown();
                await(release);
            }
        });
        ForkJoinPool pool = new ForkJoinPool(1);
        try (FileVaultStore store = fixture.open(io)) {
            hold.set(true);
            ForkJoinTask<?> commit = pool.submit(() -> create(store, "pooled"));
            assertThat(forcing.await(30, TimeUnit.SECONDS)).isTrue();
            // when the pool is given a read meanwhile
            List<String> seen = pool.submit(() -> keys(store.repository().view())).get(30, TimeUnit.SECONDS);
            // then it runs: the worker waits for the writer thread's force (a managed block), not in a force of its own
            assertThat(seen).doesNotContain("pooled").hasSize(RECORDS);
            assertThat(forcedBy).containsExactly("offline-vault-writer");
            release.countDown();
            commit.get(30, TimeUnit.SECONDS);
            assertThat(keys(store.repository().view())).contains("pooled");
        } finally {
            release.countDown(); // also after a failure: closing the store waits for the held commit
            pool.shutdownNow();
        }
    }

    @Test
    void checkpoints_while_writing_lose_nothing() throws Exception {
        StoreFixture fixture = new StoreFixture(root.resolve("busy"));
        int threads = 8;
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileVaultStore store = fixture.create(new RealFileIo(), new FileVaultRepository.Policy(8 * 1024))) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> IntStream.range(0, each).forEach(i -> create(store, "t" + thread + "-" + i))));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
            assertThat(keys(store.repository().view())).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.dataDir.resolve(Checkpoint.PREVIOUS)).as("checkpoints were written").exists();
        List<Long> segments = JournalSegment.list(new RealFileIo(), fixture.dataDir);
        assertThat(segments.get(0)).as("old segments were deleted").isGreaterThan(1L);
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(keys(reopened.repository().view())).hasSize(threads * each);
        }
    }

    @Test
    void a_full_disk_during_the_journal_write_truncates_and_changes_nothing() throws IOException {
        // half the group reaches the file before the disk is full: the store truncates it, and its own change to
        // the file is not mistaken for another program's
        StoreFixture fixture = storeWithRecords("full");
        byte[] before = Files.readAllBytes(fixture.segment(1));
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().writingHalfBeforeFailing()
                .failingFirst(step -> step.equals("write journal.1"), FaultyFileIo.diskFull()))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("x").withValue("v")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_NO_SPACE));
            assertThat(Files.readAllBytes(fixture.segment(1))).isEqualTo(before);
            assertThat(store.isSealed()).isFalse();
            assertThat(keys(store.repository().view())).doesNotContain("x");
            create(store, "y");
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(keys(reopened.repository().view())).contains("y").doesNotContain("x");
        }
    }

    @Test
    void a_failed_journal_force_seals_and_the_reopened_store_holds_the_whole_group_or_none() {
        StoreFixture fixture = storeWithRecords("force");
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording()
                .failingFirst(step -> step.equals("force journal.1"), new IOException("injected")))) {
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> create(store, "unknown"))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN));
            assertThat(store.sealedBecause()).get().satisfies(e ->
                    assertThat(e.reason()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN));
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            // the bytes reached the file before the failed force: on this file system they are there
            assertThat(keys(reopened.repository().view())).contains("unknown");
        }
    }

    // A vault whose journal.1 holds RECORDS entries, one record each.
    private StoreFixture storeWithRecords(String name) {
        StoreFixture fixture = new StoreFixture(root.resolve(name));
        try (FileVaultStore store = fixture.create()) {
            for (int i = 0; i < RECORDS; i++) {
                create(store, "k" + i);
            }
        }
        return fixture;
    }

    private StoreFixture copyOf(StoreFixture base, String name) throws IOException {
        StoreFixture copy = new StoreFixture(root.resolve(name));
        for (Path dir : List.of(copy.dataDir, copy.keyFile.getParent())) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        Files.copy(base.keyFile, copy.keyFile);
        for (Map.Entry<String, byte[]> file : base.storeFiles().entrySet()) {
            Path target = copy.dataDir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return copy;
    }

    private static void assertOpensAs(StoreFixture fixture, byte[] segment, ErrorCode code, String message)
            throws IOException {
        assertOpensAs(fixture, 1, segment, code, message);
    }

    private static void assertOpensAs(StoreFixture fixture, long number, byte[] segment, ErrorCode code, String message)
            throws IOException {
        byte[] original = Files.readAllBytes(fixture.segment(number));
        Files.write(fixture.segment(number), segment);
        Map<String, byte[]> before = fixture.storeFiles();
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.sealedBecause()).as(message).get().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(code);
                assertThat(e.getMessage()).contains(message);
            });
        }
        assertThat(fixture.storeFiles()).as("no file changed").containsExactlyInAnyOrderEntriesOf(before);
        Files.write(fixture.segment(number), original);
    }

    // [start, end) of each whole record of a segment, in order.
    private static List<int[]> frames(byte[] segment) {
        List<int[]> frames = new ArrayList<>();
        int offset = Container.lengthOfEmpty(segment);
        while (true) {
            var frame = JournalRecord.at(segment, offset);
            if (frame.isEmpty()) {
                return frames;
            }
            frames.add(new int[] {offset, frame.get().end()});
            offset = frame.get().end();
        }
    }

    private static void create(FileVaultStore store, String key) {
        new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                EntryDraft.empty().withKey(key).withValue("value-of-" + key));
    }

    private static List<String> keys(VaultView view) {
        return view.entries(ACME, 0, 100_000).stream().map(e -> e.key().value()).toList();
    }

    private static int writes(FaultyFileIo io) {
        return (int) io.steps().stream().filter(step -> step.startsWith("write journal.")).count();
    }

    // A commit's force, not a background checkpoint's: the caller leading its commit or the writer thread.
    private static boolean committing() {
        return !Thread.currentThread().getName().equals("offline-vault-checkpointer");
    }

    // Both racers' commits wait in the writer's queue, behind the commit held in its force.
    private static void awaitBothQueued(FileVaultStore store) throws InterruptedException {
        FileVaultRepository repository = (FileVaultRepository) store.repository();
        Await.until("both racers' commits queued behind the held force", Await.PATIENCE,
                () -> repository.queued() == 2, () -> "queued: " + repository.queued());
    }

    // Holds the writer inside a force until the test releases it; a test always does (in a finally), so the bound
    // only turns a hang into a failure.
    private static void await(CountDownLatch latch) {
        try {
            Await.until("the test to release the held force", Await.PATIENCE.multipliedBy(2), latch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] part : parts) {
            out = append(out, part);
        }
        return out;
    }

    private static byte[] append(byte[] bytes, byte[] tail) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + tail.length);
        System.arraycopy(tail, 0, out, bytes.length, tail.length);
        return out;
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] out = bytes.clone();
        out[index] ^= 0x40;
        return out;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}

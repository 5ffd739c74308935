package io.offlinevault.store.file;

import static io.offlinevault.domain.testing.Await.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.operation.VerifyReport.FileCheck;
import io.offlinevault.domain.operation.VerifyReport.Outcome;
import io.offlinevault.domain.operation.VerifyReport.Part;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileVaultStore#verify} on an open store: intact while writers write and checkpoints run, damage in an
 * older segment reported per file; and both {@code verify()} and {@code backup(..)} refuse on a sealed store with
 * its reason and on a closed one.
 */
class OpenStoreVerifyTest {
    private static final int WRITERS = 4;

    @TempDir
    Path root;

    @Test
    void verify_while_writers_write_and_checkpoints_run_reports_every_file_intact() throws Exception {
        StoreFixture fixture = new StoreFixture(root);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<VerifyReport> reports = new ArrayList<>();
        try (FileVaultStore store = fixture.create(new RealFileIo(), new FileVaultRepository.Policy(4 * 1024))) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        Commits.entry(store, "w" + thread + "-" + i);
                        written.incrementAndGet();
                    }
                }));
            }
            for (int round = 1; round <= 5; round++) {
                int after = round * 100;
                Await.until(after + " writes", PATIENCE, () -> written.get() >= after, written::get);
                reports.add(store.verify());
            }
            writing.set(false);
            for (Future<?> writer : writers) {
                Await.result("a writer", PATIENCE, writer);
            }
            assertThat(store.generation()).as("background checkpoints meanwhile").isGreaterThan(1);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.checks()).extracting(FileCheck::outcome).containsOnly(Outcome.OK);
            assertThat(report.checks()).extracting(FileCheck::file).contains("checkpoint");
        });
    }

    @Test
    void a_flipped_byte_in_an_older_segment_is_reported_for_that_file() throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create(new RealFileIo(), new FileVaultRepository.Policy(1024))) {
            // given: two checkpoints, so that checkpoint.prev needs a segment that is no longer the newest
            for (int i = 0; store.generation() < 3 || segments(fixture).size() < 2; i++) {
                assertThat(i).as("commits until two checkpoints").isLessThan(5_000);
                Commits.entry(store, "e" + i);
            }
            assertThat(store.verify().checks()).extracting(FileCheck::outcome).containsOnly(Outcome.OK);
            List<Long> segments = segments(fixture);
            Path older = fixture.segment(segments.get(0));
            byte[] bytes = Files.readAllBytes(older);
            int record = Commits.recordOffset(bytes, 0);
            Files.write(older, StoreVerifyTest.flip(bytes, record + 20));
            // when
            VerifyReport report = store.verify();
            // then
            assertThat(report.checks()).filteredOn(check -> check.outcome() == Outcome.ERROR)
                    .extracting(FileCheck::file).containsExactly(older.getFileName().toString());
            FileCheck damaged = report.checks().stream().filter(c -> c.outcome() == Outcome.ERROR).findFirst()
                    .orElseThrow();
            assertThat(damaged.code()).hasValueSatisfying(code -> assertThat(code)
                    .isIn(ErrorCode.STORE_CORRUPT, ErrorCode.STORE_TAMPERED));
            assertThat(damaged.part()).isIn(Part.PREVIOUS, Part.CURRENT);
            assertThat(store.isSealed()).isFalse();
        }
    }

    @Test
    void a_sealed_store_refuses_with_its_reason_and_a_closed_one_says_it_is_closed() {
        StoreFixture fixture = new StoreFixture(root);
        Path to = root.resolve("backup");
        FileVaultStore store = fixture.create();
        store.close();
        assertThatIllegalStateException().isThrownBy(store::verify).withMessage("the store is closed");
        assertThatIllegalStateException().isThrownBy(() -> store.backup(to)).withMessage("the store is closed");
        assertThat(Files.exists(to)).isFalse();
        // sealed at open: another vault's key file
        StoreFixture other = new StoreFixture(root.resolve("other"));
        other.create().close();
        try (FileVaultStore sealed = FileVaultStore.open(StoreLocation.of(fixture.dataDir, other.keyFile),
                OpenOptions.of(StoreFixture.CLOCK))) {
            assertThat(sealed.isSealed()).isTrue();
            assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(sealed::verify)
                    .extracting(StoreUnavailableException::reason).isEqualTo(ErrorCode.STORE_WRONG_KEY);
            assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> sealed.backup(to))
                    .extracting(StoreUnavailableException::reason).isEqualTo(ErrorCode.STORE_WRONG_KEY);
        }
        assertThat(Files.exists(to)).isFalse();
    }

    private static List<Long> segments(StoreFixture fixture) {
        try {
            return JournalSegment.list(new RealFileIo(), fixture.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

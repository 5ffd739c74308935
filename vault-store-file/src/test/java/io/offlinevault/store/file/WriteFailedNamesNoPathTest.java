package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.SnapshotService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails for another reason than a full disk (an I/O error) is 500 STORE_WRITE_FAILED whose message
 * names what failed and the operating system's reason, but no path (issue 20; before, a blob, a new journal segment or a checkpoint named its absolute
 * path, which reached the HTTP error body). The store stays open.
 */
class WriteFailedNamesNoPathTest {
    private static final IOException IO_ERROR = new java.nio.file.FileSystemException("/injected/path", null,
            "Input/output error");

    @TempDir
    Path root;

    private StoreFixture vaultWithOneEntry() {
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "kept");
        }
        return fixture;
    }

    @Test
    void a_failed_blob_write_names_no_path() {
        StoreFixture fixture = vaultWithOneEntry();
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(DiskFullTest.BLOB_WRITE,
                IO_ERROR))) {
            SnapshotService snapshots = new SnapshotService(store.repository(), StoreFixture.CLOCK, IdGenerator.secure());

            assertWriteFailedWithoutPath(() -> snapshots.register(Caller.owner(), Commits.ACME,
                    Commits.content("kept"), "note"), "The blob ");
            assertThat(store.isSealed()).isFalse();
        }
    }

    @Test
    void a_failed_checkpoint_write_names_no_path() {
        StoreFixture fixture = vaultWithOneEntry();
        Predicate<String> checkpointTemp = step -> step.equals("createNew checkpoint.tmp-*");
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(checkpointTemp, IO_ERROR))) {
            assertWriteFailedWithoutPath(store::rotate, "The new checkpoint could not be written (Input/output error)");
            assertThat(store.isSealed()).isFalse();
        }
    }

    @Test
    void a_failed_journal_segment_creation_names_no_path() {
        // given: a rotation starts a new segment, whose creation fails; the next commit tries again and says so
        StoreFixture fixture = vaultWithOneEntry();
        Predicate<String> segmentTemp = step -> step.matches("createNew journal\\.[0-9]+\\.tmp-\\*");
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().failingEvery(segmentTemp))) {
            store.rotate();
            assertWriteFailedWithoutPath(() -> Commits.entry(store, "a"), "The journal segment ");
            assertThat(store.isSealed()).isFalse();
        }
    }

    private void assertWriteFailedWithoutPath(ThrowingCallable write, String start) {
        assertThatExceptionOfType(StoreException.class).isThrownBy(write)
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_WRITE_FAILED))
                .withMessageStartingWith(start)
                .withMessageNotContaining(root.toString())
                .withMessageNotContaining("/tmp")
                .withMessageNotContaining("/injected");
    }
}

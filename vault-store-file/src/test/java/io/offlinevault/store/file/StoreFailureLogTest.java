package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.VaultEntryService;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every seal and every failed write is logged once, at ERROR, with the code, the I/O cause (its type and the
 * operating system's reason, never the exception's own message) and the recovery; never a value or a path.
 */
class StoreFailureLogTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final String SECRET = "s3cret-Value-Never-Logged";

    @TempDir
    Path root;

    @Test
    void a_failed_journal_force_seals_and_logs_one_error_with_the_cause_and_the_recovery() {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        IOException eio = new FileSystemException("/quoted/" + SECRET, null, "Input/output error");
        try (LogCapture log = LogCapture.start();
             FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(
                     step -> step.startsWith("force journal."), eio))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            // when
            assertThatExceptionOfType(VaultException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, secretDraft("a")))
                    .extracting(VaultException::code).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
            assertThatExceptionOfType(StoreUnavailableException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, secretDraft("b")));
            // then
            assertThat(store.isSealed()).isTrue();
            assertThat(log.errors()).singleElement().asString()
                    .contains("sealed", "COMMIT_OUTCOME_UNKNOWN", "java.nio.file.FileSystemException",
                            "(Input/output error)", "To recover: check the disk", "restart the server");
            assertNothingSecretIn(log.all());
        }
    }

    @Test
    void a_store_file_touched_by_another_program_seals_and_logs_one_error_with_the_recovery() throws IOException {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        try (LogCapture log = LogCapture.start(); FileVaultStore store = fixture.open()) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            Path checkpoint = fixture.dataDir.resolve(Checkpoint.FILE);
            Files.setLastModifiedTime(checkpoint,
                    FileTime.fromMillis(Files.getLastModifiedTime(checkpoint).toMillis() + 5_000));
            // when
            assertThatExceptionOfType(StoreUnavailableException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, secretDraft("a")))
                    .extracting(StoreUnavailableException::reason).isEqualTo(ErrorCode.STORE_CONFLICT);
            assertThatExceptionOfType(StoreUnavailableException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, secretDraft("b")));
            // then
            assertThat(store.isSealed()).isTrue();
            assertThat(log.errors()).singleElement().asString()
                    .contains("sealed", "STORE_CONFLICT", "To recover: stop the other program", "restart the server");
            assertNothingSecretIn(log.all());
        }
    }

    @Test
    void a_failed_journal_write_logs_one_error_with_the_os_reason_and_never_the_exception_message() {
        // given: an I/O error whose own message quotes content
        StoreFixture fixture = givenAVaultWithOneEntry();
        Predicate<String> journalWrite = step -> step.startsWith("write journal.");
        try (LogCapture log = LogCapture.start();
             FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(journalWrite,
                     new IOException("quoted content " + SECRET)))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            // when
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, secretDraft("a")))
                    .extracting(StoreException::code).isEqualTo(ErrorCode.STORE_WRITE_FAILED);
            entries.create(Caller.owner(), ACME, secretDraft("a"));
            // then
            assertThat(store.isSealed()).isFalse();
            assertThat(log.errors()).singleElement().asString()
                    .contains("journal write", "STORE_WRITE_FAILED", "java.io.IOException", "To recover: check the disk");
            assertNothingSecretIn(log.all());
        }
    }

    @Test
    void a_blob_write_on_a_full_disk_logs_one_error_naming_no_value_and_no_blob_path() {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        try (LogCapture log = LogCapture.start();
             FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(DiskFullTest.BLOB_WRITE,
                     DiskFullTest.plainDiskFull()))) {
            SnapshotService snapshots = new SnapshotService(store.repository(), StoreFixture.CLOCK, IdGenerator.secure());
            // when
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> snapshots.register(Caller.owner(), ACME, DiskFullTest.content(SECRET), "note"))
                    .extracting(StoreException::code).isEqualTo(ErrorCode.STORE_NO_SPACE);
            // then
            assertThat(log.errors()).singleElement().asString()
                    .contains("blob", "STORE_NO_SPACE", "java.io.IOException (No space left on device)",
                            "To recover: free some space");
            assertNothingSecretIn(log.all());
        }
    }

    private void assertNothingSecretIn(List<String> log) {
        assertThat(String.join("\n", log)).doesNotContain(SECRET).doesNotContain(root.toString())
                .doesNotContain(Blobs.DIRECTORY + "/");
    }

    private StoreFixture givenAVaultWithOneEntry() {
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        try (FileVaultStore store = fixture.create()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, secretDraft("kept"));
        }
        return fixture;
    }

    private static EntryDraft secretDraft(String key) {
        return EntryDraft.empty().withKey(key).withValue(SECRET);
    }
}

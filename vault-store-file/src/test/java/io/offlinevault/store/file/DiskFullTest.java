package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, as {@code FileChannel.write} reports it (a plain {@code IOException("No space left on device")}),
 * on the journal write, a blob write and a checkpoint write: 507 STORE_NO_SPACE whose message says what to do
 * and names no path, the store stays open, and nothing acknowledged is lost.
 */
class DiskFullTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final Predicate<String> JOURNAL_WRITE = step -> step.startsWith("write journal.");
    // a blob's temp file: its id (32 hex digits), then the temp suffix
    static final Predicate<String> BLOB_WRITE = step -> step.matches("write [0-9a-f]{32}\\.tmp-\\*");
    private static final Predicate<String> CHECKPOINT_WRITE = step -> step.equals("write checkpoint.tmp-*");
    // a checkpoint once the newest segment is larger than the checkpoint: every few commits
    private static final FileVaultRepository.Policy EAGER = new FileVaultRepository.Policy(1);

    @TempDir
    Path root;

    /** {@return the error {@code FileChannel.write} throws for ENOSPC: a plain IOException, no FileSystemException} */
    static IOException plainDiskFull() {
        return new IOException("No space left on device");
    }

    @Test
    void a_full_disk_on_the_journal_write_is_no_space_names_no_path_and_loses_nothing() {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(JOURNAL_WRITE, plainDiskFull()))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            // when / then
            assertNoSpace(() -> entries.create(Caller.owner(), ACME, draft("a")));
            assertThat(store.isSealed()).isFalse();
            entries.create(Caller.owner(), ACME, draft("a"));
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("kept"))).isPresent();
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("a"))).isPresent();
        }
    }

    @Test
    void a_full_disk_on_a_blob_write_is_no_space_names_no_path_and_loses_nothing() {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        Snapshot registered;
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(BLOB_WRITE, plainDiskFull()))) {
            SnapshotService snapshots = new SnapshotService(store.repository(), StoreFixture.CLOCK, IdGenerator.secure());
            // when / then
            assertNoSpace(() -> snapshots.register(Caller.owner(), ACME, content("db.password"), "note"));
            assertThat(store.isSealed()).isFalse();
            assertThat(store.repository().view().snapshots(ACME)).isEmpty();
            registered = snapshots.register(Caller.owner(), ACME, content("db.password"), "note");
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("kept"))).isPresent();
            assertThat(reopened.repository().view().snapshotContent(ACME, registered.id()))
                    .contains(content("db.password"));
        }
    }

    @Test
    void a_full_disk_on_a_checkpoint_written_now_is_no_space_names_no_path_and_loses_nothing() {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        try (FileVaultStore store = fixture.open(FaultyFileIo.recording().failingFirst(CHECKPOINT_WRITE,
                plainDiskFull()))) {
            // when / then: a key rotation writes its checkpoint at once
            assertNoSpace(store::rotate);
            assertThat(store.isSealed()).isFalse();
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, draft("a"));
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("kept"))).isPresent();
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("a"))).isPresent();
        }
    }

    @Test
    void a_background_checkpoint_on_a_full_disk_logs_one_error_and_a_later_roll_retries_it() throws Exception {
        // given
        StoreFixture fixture = givenAVaultWithOneEntry();
        FaultyFileIo io = FaultyFileIo.recording().failingFirst(CHECKPOINT_WRITE, plainDiskFull());
        int commits = 0;
        try (LogCapture log = LogCapture.start(); FileVaultStore store = fixture.open(io, EAGER)) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            // when: commits until the first background checkpoint has failed, then until another one is durable
            while (!io.steps().contains("write checkpoint.tmp-*") && commits < 400) {
                entries.create(Caller.owner(), ACME, draft("k" + commits++));
            }
            Await.until("the failed checkpoint logged", Await.PATIENCE, () -> !log.errors().isEmpty(), log::all);
            int installs = installs(io);
            while (installs(io) == installs && commits < 800) {
                entries.create(Caller.owner(), ACME, draft("k" + commits++));
                Thread.sleep(1);
            }
            Await.until("a later checkpoint installed", Await.PATIENCE, () -> installs(io) > installs);
            // then
            assertThat(store.isSealed()).isFalse();
            assertThat(log.errors()).singleElement().asString()
                    .contains("background checkpoint", "STORE_NO_SPACE", "java.io.IOException (No space left on device)",
                            "next roll", "To recover: free some space")
                    .doesNotContain(root.toString());
        }
        try (FileVaultStore reopened = fixture.open()) {
            for (int i = 0; i < commits; i++) {
                assertThat(reopened.repository().view().entry(ACME, EntryKey.of("k" + i))).as("k" + i).isPresent();
            }
        }
    }

    @Test
    void a_real_full_file_system_is_no_space_on_the_journal_write_and_writes_succeed_once_space_is_back()
            throws Exception {
        Path mount = Files.createDirectory(root.resolve("tmpfs"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String said = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Assumptions.assumeTrue(mounting.waitFor() == 0,
                () -> "a 1 MiB tmpfs could not be mounted (root and CAP_SYS_ADMIN are needed): " + said);
        try {
            // given: a vault on 1 MiB with one commit, then a file filling the rest
            StoreFixture fixture = new StoreFixture(mount);
            fixture.create().close();
            Path filler = mount.resolve("filler");
            try (FileVaultStore store = fixture.open()) {
                VaultEntryService entries = new VaultEntryService(store.repository());
                entries.create(Caller.owner(), ACME, draft("kept"));
                fill(filler);
                // when / then: a record larger than a page needs a new one
                assertNoSpace(() -> entries.create(Caller.owner(), ACME, bigDraft("big")));
                assertThat(store.isSealed()).isFalse();
                Files.delete(filler);
                entries.create(Caller.owner(), ACME, bigDraft("big"));
            }
            try (FileVaultStore reopened = fixture.open()) {
                assertThat(reopened.repository().view().entry(ACME, EntryKey.of("kept"))).isPresent();
                assertThat(reopened.repository().view().entry(ACME, EntryKey.of("big"))).isPresent();
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private void assertNoSpace(ThrowingCallable write) {
        assertThatExceptionOfType(StoreException.class).isThrownBy(write)
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_NO_SPACE))
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("the disk is full: free some space on the disk that holds the data dir")
                        .doesNotContain(root.toString()).doesNotContain("/"));
    }

    private static int installs(FaultyFileIo io) {
        return (int) io.steps().stream().filter(step -> step.equals("moveAtomically checkpoint")).count();
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // the file system is full
        }
    }

    private StoreFixture givenAVaultWithOneEntry() {
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        try (FileVaultStore store = fixture.create()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, draft("kept"));
        }
        return fixture;
    }

    private static EntryDraft draft(String key) {
        return EntryDraft.empty().withKey(key).withValue("value of " + key);
    }

    private static EntryDraft bigDraft(String key) {
        return EntryDraft.empty().withKey(key).withValue("x".repeat(12_000));
    }

    static SnapshotContent content(String secretKey) {
        Map<String, Object> resources = Map.of("SOURCE", List.of(Map.of("resourceName", "helpcenter_Qm7xK2",
                "parents", Map.of("p", "x"), "model", Map.of("password", "{{ VAULT." + secretKey + " }}"))),
                "FIELD", List.of());
        return SnapshotContentReader.read(Map.of("metadata", Map.of("schemaVersion", "v1"), "resources", resources),
                "test.json");
    }
}

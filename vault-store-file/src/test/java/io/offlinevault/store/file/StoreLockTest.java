package io.offlinevault.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data dir's lock stays held through everything a store does (creating the vault, commits, a blob, a
 * background checkpoint, reads, a refused second open in this JVM, sealing itself after a failed sync, opening
 * sealed) and is released by close, and only by close: another process ({@link LockProbeMain}) and this JVM
 * are refused with STORE_LOCKED until then. The other process is what sees a lock the JVM dropped without
 * knowing it (closing any channel on {@code vault.lock} does that); a test shows that it does. (That a holder
 * killed with kill -9 loses its lock to another process is {@link DataDirLockTest}'s.)
 */
class StoreLockTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");

    @TempDir
    Path root;

    private Process probe;
    private Writer toProbe;
    private BufferedReader fromProbe;

    @BeforeEach
    void startTheProbe() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockProbeMain.class.getName())
                .redirectError(root.resolve("probe.err").toFile())
                .start();
        toProbe = new OutputStreamWriter(probe.getOutputStream(), UTF_8);
        fromProbe = new BufferedReader(new InputStreamReader(probe.getInputStream(), UTF_8));
    }

    @AfterEach
    void stopTheProbe() throws InterruptedException {
        if (probe != null) {
            Await.destroyed(probe);
        }
    }

    @Test
    void the_lock_is_held_after_every_operation_of_a_store_and_released_by_its_close() throws Exception {
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        FileVaultStore store = fixture.create(new RealFileIo(), new FileVaultRepository.Policy(1));
        try {
            assertHeld(fixture, "after the creation");
            VaultEntryService entries = new VaultEntryService(store.repository());
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v"));
            assertHeld(fixture, "after a commit");
            store.repository().commit(snapshot());
            assertHeld(fixture, "after a commit with a blob");
            for (int i = 0; i < 200 && !Files.exists(fixture.dataDir.resolve(Checkpoint.PREVIOUS)); i++) {
                entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("e" + i).withValue("v"));
            }
            assertThat(fixture.dataDir.resolve(Checkpoint.PREVIOUS)).as("a background checkpoint ran").exists();
            assertHeld(fixture, "after a background checkpoint");
            assertThat(store.repository().view().snapshotContent(ACME, "acme-" + "s".repeat(26))).isPresent();
            assertHeld(fixture, "after reads");
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> fixture.open())
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_LOCKED));
            Path alias = Files.createSymbolicLink(root.resolve("alias"), fixture.dataDir);
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> FileVaultStore.open(StoreLocation.of(alias, fixture.keyFile),
                            OpenOptions.of(StoreFixture.CLOCK)))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_LOCKED));
            assertHeld(fixture, "after second opens in this JVM were refused");
        } finally {
            store.close();
        }
        assertReleased(fixture, "after close");
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertHeld(fixture, "after a reopen");
        }
        assertReleased(fixture, "after the second close");
    }

    @Test
    void a_store_that_sealed_itself_or_opened_sealed_keeps_the_lock_until_it_is_closed() throws Exception {
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        fixture.create().close();
        FaultyFileIo failingSync = FaultyFileIo.recording()
                .failingFirst(step -> step.matches("force journal\\.[0-9]+"), new IOException("injected fault"));
        try (FileVaultStore store = fixture.open(failingSync)) {
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> new VaultEntryService(store.repository())
                    .create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v")));
            assertThat(store.isSealed()).isTrue();
            assertHeld(fixture, "after the store sealed itself");
        }
        assertReleased(fixture, "after closing a store that sealed itself");

        Files.write(fixture.dataDir.resolve(Checkpoint.FILE), new byte[0]);
        try (FileVaultStore sealed = fixture.open()) {
            assertThat(sealed.sealedBecause()).get().satisfies(e -> assertThat(e.reason())
                    .isEqualTo(ErrorCode.STORE_CORRUPT));
            assertHeld(fixture, "after an open that failed");
        }
        assertReleased(fixture, "after closing the store that failed to open");
    }

    @Test
    void a_creation_that_fails_releases_the_lock() throws Exception {
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        Files.createDirectories(fixture.dataDir);
        // an interrupted creation (the marker) whose admin token file is damaged
        Files.writeString(fixture.dataDir.resolve("creating"), "an offline-vault creation in progress\n");
        Files.writeString(fixture.dataDir.resolve("admin.token"), "not a token");

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> fixture.create())
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CONFLICT));

        assertReleased(fixture, "after a failed creation");
    }

    @Test
    void the_other_process_sees_a_lock_dropped_by_closing_another_channel_on_vault_lock() throws Exception {
        // what the store must never do, and what only another process can see (LUCENE-5738)
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        try (FileVaultStore store = fixture.create()) {
            assertHeld(fixture, "after the creation");

            FileChannel.open(fixture.dataDir.resolve(DataDirLock.LOCK_FILE), StandardOpenOption.WRITE).close();

            assertThat(ask(fixture)).as("another process").startsWith("acquired ");
            assertThat(store.isSealed()).isFalse();
        }
    }

    private void assertHeld(StoreFixture fixture, String when) throws Exception {
        assertThat(ask(fixture)).as("another process %s", when).isEqualTo("locked");
        assertThatExceptionOfType(StoreException.class).as("this JVM %s", when)
                .isThrownBy(() -> DataDirLock.acquire(new RealFileIo(), fixture.dataDir))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_LOCKED));
    }

    private void assertReleased(StoreFixture fixture, String when) throws Exception {
        assertThat(ask(fixture)).as("another process %s", when).startsWith("acquired ");
    }

    private String ask(StoreFixture fixture) throws Exception {
        toProbe.write(fixture.dataDir + "\n");
        toProbe.flush();
        String answer = Await.line("the probe's answer for " + fixture.dataDir, Await.PATIENCE, fromProbe);
        Path err = root.resolve("probe.err");
        assertThat(answer).as("the probe's answer (stderr: %s)", Files.exists(err) ? Files.readString(err) : "")
                .isNotNull();
        return answer;
    }

    private static Batch snapshot() {
        SnapshotContent content = SnapshotContentReader.read(Map.of("resources", Map.of("SOURCE",
                List.of(Map.of("resourceName", "src", "model", Map.of("k", "{{ VAULT.a }}"))))), "t.json");
        Snapshot snapshot = new Snapshot("acme-" + "s".repeat(26), ACME, "owner", 1L, "", content.summary(), List.of());
        return Batch.builder().putSnapshotContent(ACME, snapshot.id(), content).putSnapshot(snapshot).build();
    }
}

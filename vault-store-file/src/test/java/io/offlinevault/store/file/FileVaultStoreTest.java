package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreFixture.ADMIN_TOKEN;
import static io.offlinevault.store.file.StoreFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.testing.Await;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVaultStoreTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final String SENTINEL = "S3NT1NEL-plaintext-value-7f3a";

    @TempDir
    Path root;

    private StoreFixture fixture() {
        return new StoreFixture(root);
    }

    private static SnapshotContent content(String secretKey) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("password", "{{ VAULT." + secretKey + " }}");
        model.put("ratio", new BigDecimal("0.125"));
        model.put("count", 3);
        model.put("nested", List.of(Map.of("deep", true)));
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("SOURCE", List.of(Map.of("resourceName", "helpcenter_Qm7xK2", "parents", Map.of("p", "x"),
                "model", model)));
        resources.put("FIELD", List.of());
        return SnapshotContentReader.read(Map.of("metadata", Map.of("schemaVersion", "v1"), "resources", resources),
                "test.json");
    }

    @Test
    void a_new_vault_has_its_admin_token_and_writes_it_owner_only() throws IOException {
        StoreFixture fixture = fixture();
        FileVaultStore.Opening opening = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK));
        try (FileVaultStore store = opening.store()) {
            assertThat(opening.created()).get().satisfies(created -> {
                assertThat(created.adminToken()).isEqualTo(ADMIN_TOKEN);
                assertThat(created.keyFileCreated()).isTrue();
                assertThat(created.adminTokenFile()).isEqualTo(fixture.dataDir.resolve("admin.token"));
            });
            Caller admin = new TokenService(store.repository(), IdGenerator.secure(), CLOCK).authenticate(ADMIN_TOKEN.reveal());
            assertThat(admin.name()).isEqualTo("admin");
        }
        assertThat(Files.readString(fixture.dataDir.resolve("admin.token"))).isEqualTo(ADMIN_TOKEN.reveal() + "\n");
        assertThat(Files.getPosixFilePermissions(fixture.dataDir.resolve("admin.token")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(fixture.dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(fixture.dataDir.resolve("checkpoint")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(fixture.keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void everything_committed_is_there_after_a_reopen() {
        StoreFixture fixture = fixture();
        Snapshot snapshot;
        VaultView before;
        try (FileVaultStore store = fixture.create()) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            SnapshotService snapshots = new SnapshotService(store.repository(), CLOCK, IdGenerator.secure());
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("db.password").withValue(SENTINEL));
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("ratio").withValue("1.5").withValueType("float")
                    .withScopes(Map.of("id", "acme-ext", "resourceType", "EXTENSION")));
            snapshot = snapshots.register(Caller.owner(), ACME, content("db.password"), "note");
            store.repository().commit(Batch.builder().putAppliedResources(ACME, new AppliedResources(
                    Map.of(ResourceType.SOURCE, Map.of("helpcenter_Qm7xK2", content("x").allResources().get(0))))).build());
            before = store.repository().view();
        }
        try (FileVaultStore store = fixture.open()) {
            VaultView after = store.repository().view();
            assertThat(store.isSealed()).isFalse();
            assertThat(after.entries(ACME, 0, 100)).isEqualTo(before.entries(ACME, 0, 100)).hasSize(2);
            assertThat(after.snapshots(ACME)).isEqualTo(before.snapshots(ACME));
            assertThat(after.snapshotContent(ACME, snapshot.id())).contains(content("db.password"));
            assertThat(after.appliedResources(ACME)).isEqualTo(before.appliedResources(ACME));
            assertThat(after.tokens()).isEqualTo(before.tokens());
            assertThat(after.organizations()).containsExactly(ACME);
        }
    }

    @Test
    void the_sentinel_value_never_appears_in_plaintext_in_any_file() {
        StoreFixture fixture = fixture();
        try (FileVaultStore store = fixture.create()) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            SnapshotService snapshots = new SnapshotService(store.repository(), CLOCK, IdGenerator.secure());
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("k").withValue(SENTINEL));
            entries.replace(Caller.owner(), ACME, EntryKey.of("k"), EntryDraft.empty().withValue(SENTINEL + "-2"));
            snapshots.register(Caller.owner(), ACME, content(SENTINEL), "");
        }
        byte[] sentinel = SENTINEL.getBytes(StandardCharsets.UTF_8);
        fixture.allFiles().forEach((name, bytes) ->
                assertThat(indexOf(bytes, sentinel)).as("plaintext sentinel in %s", name).isEqualTo(-1));
        assertThat(fixture.storeFiles()).containsKeys("checkpoint", "journal.1");
    }

    @Test
    void deleted_snapshots_and_replaced_applied_resources_leave_no_blob_behind() throws IOException {
        StoreFixture fixture = fixture();
        try (FileVaultStore store = fixture.create()) {
            SnapshotService snapshots = new SnapshotService(store.repository(), CLOCK, IdGenerator.secure());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(snapshots.register(Caller.owner(), ACME, content("k" + i), "").id());
            }
            ids.forEach(id -> snapshots.delete(Caller.owner(), ACME, id));
            snapshots.register(Caller.owner(), ACME, content("kept"), "");
            // two more commits, so that checkpoint.prev no longer needs the deleted contents
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v"));
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, EntryDraft.empty().withKey("b").withValue("v"));
        }
        try (var blobs = Files.list(fixture.dataDir.resolve("blobs"))) {
            assertThat(blobs.toList()).hasSize(1);
        }
    }

    @Test
    void concurrent_commits_all_land_and_survive_a_reopen() throws Exception {
        StoreFixture fixture = fixture();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FileVaultStore store = fixture.create()) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("t" + thread + "-" + i).withValue("v"));
                    }
                }));
            }
            for (Future<?> future : futures) {
                Await.result("a thread's 25 commits", Await.PATIENCE, future);
            }
        } finally {
            pool.shutdownNow();
        }
        try (FileVaultStore store = fixture.open()) {
            assertThat(new VaultEntryService(store.repository()).list(Caller.owner(), ACME, PageRequest.first()).totalEntries())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_second_open_of_the_same_data_dir_in_this_process_is_locked_and_names_the_pid() {
        StoreFixture fixture = fixture();
        try (FileVaultStore store = fixture.create()) {
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(fixture::open)
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORE_LOCKED);
                        assertThat(e.getMessage()).contains(String.valueOf(ProcessHandle.current().pid()));
                    });
            assertThat(store.isSealed()).isFalse();
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, EntryDraft.empty().withKey("still").withValue("works"));
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
        }
    }

    @Test
    void creating_over_an_existing_valid_key_file_reuses_it() throws IOException {
        StoreFixture fixture = fixture();
        fixture.create().close();
        byte[] key = Files.readAllBytes(fixture.keyFile);
        StoreFixture other = new StoreFixture(root.resolve("second"));
        StoreLocation sharingTheKey = StoreLocation.of(other.dataDir, fixture.keyFile);

        FileVaultStore.Opening opening = FileVaultStore.openOrCreate(sharingTheKey, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK));
        opening.store().close();

        assertThat(opening.created()).get().extracting(FileVaultStore.CreatedVault::keyFileCreated).isEqualTo(false);
        assertThat(Files.readAllBytes(fixture.keyFile)).isEqualTo(key);
    }

    @Test
    void a_data_dir_holding_foreign_files_is_never_initialised() throws IOException {
        StoreFixture fixture = fixture();
        Files.createDirectories(fixture.dataDir);
        Files.writeString(fixture.dataDir.resolve("notes.txt"), "mine");

        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK)).store()) {
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason).isIn(ErrorCode.STORE_MISSING);
            assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.repository().view());
        }
        assertThat(Files.exists(fixture.dataDir.resolve("checkpoint"))).isFalse();
        assertThat(Files.readString(fixture.dataDir.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void a_lost_checkpoint_with_its_previous_one_present_is_missing_not_a_new_vault() throws IOException {
        StoreFixture fixture = fixture();
        try (FileVaultStore store = fixture.create()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, EntryDraft.empty().withKey("k").withValue("v"));
        }
        Files.delete(fixture.dataDir.resolve("checkpoint"));
        Map<String, byte[]> before = fixture.allFiles();

        try (FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK)).store()) {
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason).isEqualTo(ErrorCode.STORE_MISSING);
        }
        assertThat(fixture.allFiles()).containsOnlyKeys(before.keySet().toArray(String[]::new));
    }

    @Test
    void an_interrupted_creation_resumes_with_the_same_admin_token() throws IOException {
        StoreFixture fixture = fixture();
        Files.createDirectories(fixture.dataDir);
        SecretValue earlier = SecretValue.of("ovt_" + "E".repeat(43));
        Files.writeString(fixture.dataDir.resolve("creating"), "an offline-vault creation in progress\n");
        Files.writeString(fixture.dataDir.resolve("admin.token"), earlier.reveal() + "\n");
        Files.setPosixFilePermissions(fixture.dataDir.resolve("admin.token"), PosixFilePermissions.fromString("rw-------"));

        FileVaultStore.Opening opening = FileVaultStore.openOrCreate(fixture.location, () -> { throw new AssertionError("a new token was asked for"); },
                OpenOptions.of(CLOCK));
        try (FileVaultStore store = opening.store()) {
            assertThat(opening.created()).get().extracting(FileVaultStore.CreatedVault::adminToken).isEqualTo(earlier);
            assertThat(new TokenService(store.repository(), IdGenerator.secure(), CLOCK).authenticate(earlier.reveal()).name())
                    .isEqualTo("admin");
        }
    }

    @Test
    void another_key_file_seals_the_store_as_wrong_key_and_changes_no_file() throws IOException {
        StoreFixture fixture = fixture();
        fixture.create().close();
        Map<String, byte[]> before = fixture.storeFiles();
        Path otherKey = root.resolve("other-keys").resolve("vault.key");
        new StoreFixture(root.resolve("other")).create().close();
        Files.createDirectories(otherKey.getParent());
        Files.copy(root.resolve("other").resolve("keys").resolve("vault.key"), otherKey);

        try (FileVaultStore store = FileVaultStore.open(StoreLocation.of(fixture.dataDir, otherKey),
                OpenOptions.of(CLOCK))) {
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isEqualTo(ErrorCode.STORE_WRONG_KEY);
        }
        assertThat(fixture.storeFiles()).containsExactlyEntriesOf(before);
    }

    @Test
    void a_key_file_readable_by_others_seals_the_store_with_permissions() throws IOException {
        StoreFixture fixture = fixture();
        fixture.create().close();
        Files.setPosixFilePermissions(fixture.keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        try (FileVaultStore store = fixture.open()) {
            assertThat(store.sealedBecause()).get().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(ErrorCode.STORE_PERMISSIONS);
                assertThat(e.getMessage()).contains("chmod 600");
            });
        }
    }

    @Test
    void splicing_the_blobs_of_two_vaults_that_share_a_key_file_is_refused() throws IOException {
        // given two vaults with one key file, each with one snapshot
        StoreFixture first = fixture();
        StoreFixture second = new StoreFixture(root.resolve("second"));
        StoreLocation secondLocation = StoreLocation.of(second.dataDir, first.keyFile);
        try (FileVaultStore a = first.create();
             FileVaultStore b = FileVaultStore.openOrCreate(secondLocation, () -> ADMIN_TOKEN,
                     OpenOptions.of(CLOCK)).store()) {
            new SnapshotService(a.repository(), CLOCK, IdGenerator.secure()).register(Caller.owner(), ACME, content("a"), "");
            new SnapshotService(b.repository(), CLOCK, IdGenerator.secure()).register(Caller.owner(), ACME, content("b"), "");
        }
        // when the first vault's blob is replaced by the second's, under the first's name
        Path blobA;
        Path blobB;
        try (var a = Files.list(first.dataDir.resolve("blobs")); var b = Files.list(second.dataDir.resolve("blobs"))) {
            blobA = a.findFirst().orElseThrow();
            blobB = b.findFirst().orElseThrow();
        }
        Files.copy(blobB, blobA, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // then
        try (FileVaultStore store = first.open()) {
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isEqualTo(ErrorCode.STORE_TAMPERED);
        }
        // and a whole checkpoint of the other vault next to this vault's blobs is refused too
        Files.copy(second.dataDir.resolve("checkpoint"), first.dataDir.resolve("checkpoint"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (FileVaultStore store = first.open()) {
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isIn(ErrorCode.STORE_TAMPERED, ErrorCode.STORE_MISSING);
        }
    }

    @Test
    void a_sealed_store_says_why_on_every_use_and_names_no_secret() throws IOException {
        StoreFixture fixture = fixture();
        fixture.create().close();
        Files.write(fixture.dataDir.resolve("checkpoint"), new byte[0]);

        try (FileVaultStore store = fixture.open()) {
            StoreUnavailableException reason = store.sealedBecause().orElseThrow();
            assertThat(reason.reason()).isEqualTo(ErrorCode.STORE_CORRUPT);
            assertThat(reason.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(reason.getMessage()).contains("empty").doesNotContain(ADMIN_TOKEN.reveal());
            assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.repository().view());
            assertThatExceptionOfType(VaultException.class)
                    .isThrownBy(() -> store.repository().commit(Batch.builder().deleteToken("admin").build()));
        }
    }

    @Test
    void a_successful_open_removes_stale_temp_files_and_unreferenced_blobs_and_a_failed_one_removes_nothing()
            throws IOException {
        // given a vault with one snapshot, a stale temp checkpoint and a blob no checkpoint references
        StoreFixture fixture = fixture();
        try (FileVaultStore store = fixture.create()) {
            new SnapshotService(store.repository(), CLOCK, IdGenerator.secure()).register(Caller.owner(), ACME, content("k"), "");
        }
        Path staleTemp = fixture.dataDir.resolve("checkpoint.tmp-0123456789abcdef");
        Path orphan = fixture.dataDir.resolve("blobs").resolve("0123456789abcdef0123456789abcdef");
        Files.write(staleTemp, new byte[] {1, 2, 3});
        Files.write(orphan, new byte[] {4, 5, 6});
        byte[] checkpoint = Files.readAllBytes(fixture.dataDir.resolve("checkpoint"));
        // when the open fails, nothing is removed
        Files.write(fixture.dataDir.resolve("checkpoint"), new byte[] {0});
        fixture.open().close();
        assertThat(staleTemp).exists();
        assertThat(orphan).exists();
        // when it succeeds, both go and the referenced blob stays, logged under the store's one logger name
        Files.write(fixture.dataDir.resolve("checkpoint"), checkpoint);
        try (LogCapture log = LogCapture.start(); FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
            assertThat(store.repository().view().snapshots(ACME)).hasSize(1);
            assertThat(log.from(FileVaultStore.class)).contains("removed 1 stale temp files and 1 unreferenced blobs");
        }
        assertThat(staleTemp).doesNotExist();
        assertThat(orphan).doesNotExist();
        try (var blobs = Files.list(fixture.dataDir.resolve("blobs"))) {
            assertThat(blobs.toList()).hasSize(1);
        }
    }

    @Test
    void the_view_holds_blob_ids_and_reads_a_content_only_when_asked() throws IOException {
        // given a vault with a snapshot, reopened so that nothing is cached
        StoreFixture fixture = fixture();
        String id;
        try (FileVaultStore store = fixture.create()) {
            id = new SnapshotService(store.repository(), CLOCK, IdGenerator.secure())
                    .register(Caller.owner(), ACME, content("k"), "").id();
        }
        try (FileVaultStore store = fixture.open()) {
            Path blob;
            try (var blobs = Files.list(fixture.dataDir.resolve("blobs"))) {
                blob = blobs.findFirst().orElseThrow();
            }
            // when the blob is damaged after the open verified it
            byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length / 2] ^= 1;
            Files.write(blob, bytes);
            // then the snapshot's metadata still reads, and its content is a named error, never wrong data
            assertThat(store.repository().view().snapshot(ACME, id)).isPresent();
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> store.repository().view().snapshotContent(ACME, id))
                    .extracting(StoreException::code).isEqualTo(ErrorCode.STORE_CORRUPT);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void the_admin_token_file_is_never_overwritten() throws IOException {
        StoreFixture fixture = fixture();
        Path tokenFile = root.resolve("elsewhere.token");
        Files.writeString(tokenFile, "precious");
        StoreLocation location = new StoreLocation(fixture.dataDir, fixture.keyFile, tokenFile);

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> FileVaultStore.openOrCreate(location, () -> ADMIN_TOKEN, OpenOptions.of(CLOCK)))
                .extracting(VaultException::code).isEqualTo(ErrorCode.STORE_CONFLICT);
        assertThat(Files.readString(tokenFile)).isEqualTo("precious");
    }
}

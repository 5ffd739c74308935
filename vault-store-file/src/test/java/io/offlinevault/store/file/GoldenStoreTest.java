package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
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
import io.offlinevault.domain.testing.TestJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden stores, committed under {@code src/test/resources/golden/v<N>}: version 1 (a checkpoint and
 * blobs) and version 2 (the journal: the entries are records of {@code journal.1}, replayed at open). Every
 * later build must open each to exactly these entries. Never regenerate one for a released format; a new
 * format version gets a golden store of its own beside them. ({@link #main} wrote them.)
 */
class GoldenStoreTest {
    static final OrganizationId ORG = OrganizationId.of("goldenorg");
    private static final OrganizationId UPGRADED = OrganizationId.of("upgradedorg");
    static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_golden-v1-admin-token-0123456789abcdefghij");

    @TempDir
    Path root;

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {1, 2})
    void a_golden_store_opens_to_its_entries(int version) throws IOException {
        StoreLocation location = copyGoldenStore(version);

        try (FileVaultStore store = FileVaultStore.open(location, OpenOptions.of(StoreFixture.CLOCK))) {
            assertGoldenContent(store);
        }
    }

    @Test
    void the_first_commit_on_a_version_1_store_rewrites_its_checkpoint_as_version_2_then_journals() throws IOException {
        StoreLocation location = copyGoldenStore(1);

        try (FileVaultStore store = FileVaultStore.open(location, OpenOptions.of(StoreFixture.CLOCK))) {
            new VaultEntryService(store.repository()).create(Caller.owner(), UPGRADED,
                    EntryDraft.of(Map.of("key", "after.upgrade", "value", "v")));
        }

        byte[] checkpoint = Files.readAllBytes(location.dataDir().resolve(Checkpoint.FILE));
        assertThat(checkpoint[5]).as("the checkpoint's format version").isEqualTo((byte) 2);
        assertThat(location.dataDir().resolve("journal.1")).exists();
        try (FileVaultStore store = FileVaultStore.open(location, OpenOptions.of(StoreFixture.CLOCK))) {
            assertGoldenContent(store);
            assertThat(store.repository().view().entry(UPGRADED, EntryKey.of("after.upgrade"))).isPresent();
        }
    }

    private static void assertGoldenContent(FileVaultStore store) {
        assertThat(store.sealedBecause()).isEmpty();
        VaultView view = store.repository().view();
        assertThat(view.entries(ORG, 0, 10)).extracting(e -> e.key().value())
                .containsExactly("api.url", "db.password", "retries");
        VaultEntry password = view.entry(ORG, EntryKey.of("db.password")).orElseThrow();
        assertThat(password.value().reveal()).isEqualTo("golden-secret-1");
        assertThat(password.visibility()).isEqualTo(Visibility.STRICT);
        assertThat(password.attributeReferences()).hasSize(1);
        VaultEntry retries = view.entry(ORG, EntryKey.of("retries")).orElseThrow();
        assertThat(retries.valueType()).isEqualTo(ValueType.INTEGER);
        assertThat(retries.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(retries.scopes()).hasSize(1);
        assertThat(view.entry(ORG, EntryKey.of("api.url")).orElseThrow().isPublic()).isTrue();
        Snapshot snapshot = view.snapshots(ORG).get(0);
        assertThat(snapshot.developerNote()).isEqualTo("golden");
        assertThat(view.snapshotContent(ORG, snapshot.id())).contains(goldenContent());
        assertThat(view.appliedResources(ORG).find(ResourceType.SOURCE, "helpcenter_Qm7xK2")).isPresent();
        assertThat(new TokenService(store.repository(), IdGenerator.secure(), StoreFixture.CLOCK)
                .authenticate(ADMIN_TOKEN.reveal()).name()).isEqualTo("admin");
    }

    // Every file of the golden store of that version, copied under the temp dir, owner-only.
    private StoreLocation copyGoldenStore(int version) throws IOException {
        Path golden;
        try {
            golden = Path.of(GoldenStoreTest.class.getResource("/golden/v" + version).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path data = root.resolve("data");
        Files.createDirectories(data.resolve("blobs"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.walk(golden)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, root.resolve(golden.relativize(file).toString()));
            }
        }
        Files.setPosixFilePermissions(root.resolve("vault.key"), PosixFilePermissions.fromString("rw-------"));
        return StoreLocation.of(data, root.resolve("vault.key"));
    }

    static SnapshotContent goldenContent() {
        return SnapshotContentReader.read(TestJson.parse("""
                {"metadata": {"schemaVersion": "v1"}, "resources": {"SOURCE": [{"resourceName": "helpcenter_Qm7xK2",
                 "parents": {}, "model": {"configuration": {"parameters": {"ClientSecret": {"sensitive": true,
                 "value": "{{ VAULT.db.password }}"}}}, "ratio": 0.25, "count": 7}}], "FIELD": []}}"""), "golden.json");
    }

    /** Writes the golden store into {@code args[0]} (a new directory). Run once per format version, then commit it. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        StoreLocation location = StoreLocation.of(out.resolve("data"), out.resolve("vault.key"));
        try (FileVaultStore store = FileVaultStore.openOrCreate(location, () -> ADMIN_TOKEN,
                OpenOptions.of(StoreFixture.CLOCK)).store()) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            Caller owner = Caller.owner();
            entries.create(owner, ORG, EntryDraft.of(Map.of("key", "db.password", "value", "golden-secret-1",
                    "attributeReferences", List.of(Map.of("jsonPath", "configuration.parameters.ClientSecret.value",
                            "resourceName", "helpcenter_Qm7xK2", "resourceType", "SOURCE")))));
            entries.create(owner, ORG, EntryDraft.of(Map.of("key", "api.url", "value", "https://api.example.test",
                    "vaultVisibilityType", "PUBLIC")));
            entries.create(owner, ORG, EntryDraft.of(Map.of("key", "retries", "value", "3", "valueType", "INTEGER",
                    "vaultVisibilityType", "OBFUSCATED", "scopes", Map.of("id", "goldenorg-ext", "resourceType", "EXTENSION"))));
            new SnapshotService(store.repository(), StoreFixture.CLOCK, IdGenerator.secure())
                    .register(owner, ORG, goldenContent(), "golden");
            store.repository().commit(Batch.builder().putAppliedResources(ORG, new AppliedResources(Map.of(
                    ResourceType.SOURCE, Map.of("helpcenter_Qm7xK2", goldenContent().allResources().get(0))))).build());
        }
        Files.deleteIfExists(location.dataDir().resolve("vault.lock"));
        Files.deleteIfExists(location.dataDir().resolve("vault.pid"));
        Files.deleteIfExists(location.dataDir().resolve("admin.token"));
    }
}

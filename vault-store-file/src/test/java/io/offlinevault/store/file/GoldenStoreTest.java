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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden store of format version 1, committed under {@code src/test/resources/golden/v1}: every
 * later build must open it to exactly these entries. Never regenerate it for a released format; a new
 * format version gets a golden store of its own beside this one. ({@link #main} wrote it.)
 */
class GoldenStoreTest {
    static final OrganizationId ORG = OrganizationId.of("goldenorg");
    static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_golden-v1-admin-token-0123456789abcdefghij");
    private static final List<String> FILES = List.of("vault.key", "data/checkpoint", "data/checkpoint.prev");

    @TempDir
    Path root;

    @Test
    void the_version_1_golden_store_opens_to_its_entries() throws IOException {
        StoreLocation location = copyGoldenStore();

        try (FileVaultStore store = FileVaultStore.open(location, StoreFixture.CLOCK)) {
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
    }

    private StoreLocation copyGoldenStore() throws IOException {
        Path data = root.resolve("data");
        Files.createDirectories(data.resolve("blobs"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        for (String file : FILES) {
            copy(file, root.resolve(file));
        }
        for (String blob : new String(read("data/blobs/index.txt")).strip().split("\n")) {
            copy("data/blobs/" + blob, data.resolve("blobs").resolve(blob));
        }
        Files.setPosixFilePermissions(root.resolve("vault.key"), PosixFilePermissions.fromString("rw-------"));
        return StoreLocation.of(data, root.resolve("vault.key"));
    }

    private static void copy(String resource, Path target) throws IOException {
        Files.write(target, read(resource));
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = GoldenStoreTest.class.getResourceAsStream("/golden/v1/" + resource)) {
            assertThat(in).as("golden resource %s", resource).isNotNull();
            return in.readAllBytes();
        }
    }

    static SnapshotContent goldenContent() {
        return SnapshotContentReader.read(TestJson.parse("""
                {"metadata": {"schemaVersion": "v1"}, "resources": {"SOURCE": [{"resourceName": "helpcenter_Qm7xK2",
                 "parents": {}, "model": {"configuration": {"parameters": {"ClientSecret": {"sensitive": true,
                 "value": "{{ VAULT.db.password }}"}}}, "ratio": 0.25, "count": 7}}], "FIELD": []}}"""), "golden.json");
    }

    /** Writes the golden store into {@code args[0]} (a new directory). Run once per format version. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        StoreLocation location = StoreLocation.of(out.resolve("data"), out.resolve("vault.key"));
        try (FileVaultStore store = FileVaultStore.openOrCreate(location, () -> ADMIN_TOKEN, StoreFixture.CLOCK).store()) {
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
        try (var blobs = Files.list(location.dataDir().resolve("blobs"))) {
            Files.writeString(location.dataDir().resolve("blobs").resolve("index.txt"),
                    String.join("\n", blobs.map(p -> p.getFileName().toString()).sorted().toList()) + "\n");
        }
    }
}

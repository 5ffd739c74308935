package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store opened and closed without a commit writes no store file: reading a vault (listing entries,
 * verifying, backing up) never rewrites it, not even a version 1 store, whose first <em>commit</em> upgrades
 * its checkpoint.
 */
class CloseWithoutCommitTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {1, 2})
    void opening_and_closing_a_golden_store_changes_no_store_file(int version) throws IOException {
        // given
        StoreFixture fixture = copyOfGoldenStore(version);
        Map<String, String> before = digests(fixture.storeFiles());
        // when
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
        }
        // then
        assertThat(digests(fixture.storeFiles())).as("the store files after a close without a commit")
                .isEqualTo(before);
    }

    private static Map<String, String> digests(Map<String, byte[]> files) {
        Map<String, String> digests = new TreeMap<>();
        files.forEach((name, bytes) -> digests.put(name, sha256(bytes)));
        return digests;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // The golden store of that version, copied into a fixture's layout, owner-only.
    private StoreFixture copyOfGoldenStore(int version) throws IOException {
        Path golden;
        try {
            golden = Path.of(CloseWithoutCommitTest.class.getResource("/golden/v" + version).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        StoreFixture fixture = new StoreFixture(root);
        for (Path dir : new Path[] {fixture.dataDir.resolve(Blobs.DIRECTORY), fixture.keyFile.getParent()}) {
            Files.createDirectories(dir);
        }
        try (var files = Files.walk(golden)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = golden.relativize(file).toString();
                Files.copy(file, name.equals("vault.key") ? fixture.keyFile : root.resolve(name));
            }
        }
        for (Path dir : new Path[] {fixture.dataDir, fixture.keyFile.getParent()}) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Files.setPosixFilePermissions(fixture.keyFile, PosixFilePermissions.fromString("rw-------"));
        return fixture;
    }
}

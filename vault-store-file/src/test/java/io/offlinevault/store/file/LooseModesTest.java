package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir and an {@code admin.token} that other users may read (issue 20, item 7; before, accepted silently) are
 * narrowed to 0700 and 0600 when the vault opens, with one warning line that names no path.
 */
class LooseModesTest {
    @TempDir
    Path root;

    @Test
    void a_loose_data_dir_and_admin_token_are_narrowed_with_one_warning() throws IOException {
        // given
        StoreFixture fixture = new StoreFixture(root);
        fixture.create().close();
        Path token = fixture.dataDir.resolve("admin.token");
        Files.setPosixFilePermissions(fixture.dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        // when
        try (LogCapture log = LogCapture.start(); FileVaultStore store = fixture.open()) {
            // then
            assertThat(store.isSealed()).isFalse();
            assertThat(log.all()).filteredOn(line -> line.contains("other users")).singleElement()
                    .isEqualTo("other users could read the data dir (was rwxr-xr-x) and admin.token (was rw-r--r--):"
                            + " narrowed to owner-only (0700 for the data dir, 0600 for admin.token)");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    }

    @Test
    void owner_only_modes_give_no_warning() throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        fixture.create().close();

        try (LogCapture log = LogCapture.start(); FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
            assertThat(log.all()).noneMatch(line -> line.contains("other users"));
        }
    }

    @Test
    void an_existing_empty_data_dir_that_others_may_read_is_narrowed_when_a_vault_is_created_in_it()
            throws IOException {
        StoreFixture fixture = new StoreFixture(root);
        Files.createDirectories(fixture.dataDir);
        Files.setPosixFilePermissions(fixture.dataDir, PosixFilePermissions.fromString("rwxrwxr-x"));

        try (LogCapture log = LogCapture.start(); FileVaultStore store = fixture.create()) {
            assertThat(store.isSealed()).isFalse();
            assertThat(log.all()).filteredOn(line -> line.contains("other users")).singleElement().asString()
                    .startsWith("other users could read the data dir (was rwxrwxr-x): narrowed");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.dataDir))).isEqualTo("rwx------");
    }
}

package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.VerifyReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir on a read-only file system (issue 20, item 8): verify reads it without the lock file and writes nothing;
 * opening the vault says "read-only file system" plainly instead of advice about file locks (before, both failed
 * with the lock advice). Proven through the {@link FileIo} seam, and on a real tmpfs remounted read-only when the
 * test may mount one (as root; skipped with the reason otherwise).
 */
class ReadOnlyFileSystemTest {
    private static final VaultKeys KEY_FILE = VaultKeys.keyFileOnly();

    @TempDir
    Path root;

    /** Every step that would change the file system fails as on a read-only mount (EROFS). */
    private static final class ReadOnlyFileIo extends ForwardingFileIo {
        private static IOException readOnly(Path path) {
            return new FileSystemException(path.toString(), null, "Read-only file system");
        }

        @Override
        public FileChannel createNew(Path file) throws IOException {
            throw readOnly(file);
        }

        @Override
        public FileChannel openForAppending(Path file) throws IOException {
            throw readOnly(file);
        }

        @Override
        public FileChannel openLockFile(Path file) throws IOException {
            throw readOnly(file);
        }

        @Override
        public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
            throw new FileSystemException(null, null, "Read-only file system");
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            throw readOnly(target);
        }

        @Override
        public void createLink(Path link, Path existing) throws IOException {
            throw readOnly(link);
        }

        @Override
        public void createDirectory(Path dir) throws IOException {
            throw readOnly(dir);
        }

        @Override
        public boolean deleteIfExists(Path path) throws IOException {
            throw readOnly(path);
        }

        @Override
        public void ownerOnly(Path path) throws IOException {
            throw readOnly(path);
        }
    }

    @Test
    void through_the_seam_verify_reads_a_read_only_data_dir_and_open_says_read_only_file_system() {
        // given
        StoreFixture fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
        }
        Map<String, byte[]> before = fixture.allFiles();
        ReadOnlyFileIo io = new ReadOnlyFileIo();
        // when
        VerifyReport report = StoreVerifier.verify(io, fixture.location, KEY_FILE);
        // then
        assertThat(report.currentIntact()).as("%s", report.checks()).isTrue();
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> fixture.open(io))
                .withMessageContaining("is on a read-only file system")
                .withMessageContaining("offline-vault verify still checks it")
                .withMessageNotContaining("file locks");
        assertThat(fixture.allFiles().keySet()).isEqualTo(before.keySet());
        // and the data dir is free again in this JVM: a writable open works
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
        }
    }

    @Test
    void on_a_real_read_only_tmpfs_verify_passes_and_writes_nothing_and_open_says_read_only() throws Exception {
        Path mount = Files.createDirectory(root.resolve("tmpfs"));
        String said = run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mount.toString());
        Assumptions.assumeTrue(said == null, () -> "a tmpfs could not be mounted (root and CAP_SYS_ADMIN are"
                + " needed): " + said);
        try {
            // given: a vault on the tmpfs, then the tmpfs remounted read-only
            StoreFixture fixture = new StoreFixture(mount);
            try (FileVaultStore store = fixture.create()) {
                Commits.entry(store, "a");
            }
            Files.delete(fixture.dataDir.resolve(DataDirLock.LOCK_FILE));
            Files.delete(fixture.dataDir.resolve(DataDirLock.PID_FILE));
            String remounted = run("mount", "-o", "remount,ro", mount.toString());
            Assumptions.assumeTrue(remounted == null, () -> "the tmpfs could not be remounted read-only: " + remounted);
            List<String> files;
            try (var list = Files.list(fixture.dataDir)) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            // when
            VerifyReport report = StoreMaintenance.verify(fixture.location, KEY_FILE);
            // then
            assertThat(report.currentIntact()).as("%s", report.checks()).isTrue();
            try (var list = Files.list(fixture.dataDir)) {
                assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(files);
            }
            assertThatExceptionOfType(StoreException.class).isThrownBy(fixture::open)
                    .withMessageContaining("is on a read-only file system")
                    .withMessageNotContaining("file locks");
        } finally {
            run("umount", mount.toString());
        }
    }

    // Runs a command with a deadline; {@return null when it succeeded, else what it said}
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not end within 30 s";
        }
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return process.exitValue() == 0 ? null : said + " (exit " + process.exitValue() + ")";
    }
}

package io.offlinevault.store.file;

import static io.offlinevault.domain.error.ErrorCode.STORE_LOCKED;
import static io.offlinevault.domain.error.ErrorCode.STORE_MISSING;
import static io.offlinevault.domain.error.ErrorCode.STORE_WRITE_FAILED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final long OUR_PID = ProcessHandle.current().pid();

    @TempDir
    Path dataDir;

    @TempDir
    Path scratch;

    private final FileIo io = new RealFileIo();

    @Test
    void acquire_locks_and_records_our_pid_in_a_0600_pid_file() throws IOException {
        try (DataDirLock lock = DataDirLock.acquire(io, dataDir)) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(lock.dataDir()).isEqualTo(dataDir.toRealPath());
            assertThat(Files.readString(dataDir.resolve("vault.pid"))).startsWith("pid " + OUR_PID + "\nstarted ");
            if (POSIX) {
                for (String name : List.of("vault.lock", "vault.pid")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(name))))
                            .as(name).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void a_second_acquire_in_this_jvm_fails_naming_our_pid_without_touching_any_file() throws IOException {
        try (DataDirLock lock = DataDirLock.acquire(io, dataDir)) {
            // given
            Map<String, FileTime> before = modificationTimes();
            byte[] pidFile = Files.readAllBytes(dataDir.resolve("vault.pid"));
            FaultyFileIo recording = FaultyFileIo.recording();
            // when / then
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> DataDirLock.acquire(recording, dataDir.resolve(".")))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_LOCKED))
                    .withMessageContaining("already open in this process (pid " + OUR_PID + ")");
            assertThat(recording.steps()).isEmpty();
            assertThat(modificationTimes()).isEqualTo(before);
            assertThat(Files.readAllBytes(dataDir.resolve("vault.pid"))).isEqualTo(pidFile);
            assertThat(lock.isHeld()).isTrue();
        }
    }

    @Test
    void release_lets_this_jvm_acquire_again_and_is_idempotent() {
        DataDirLock first = DataDirLock.acquire(io, dataDir);
        first.release();
        first.release();

        assertThat(first.isHeld()).isFalse();
        try (DataDirLock second = DataDirLock.acquire(io, dataDir)) {
            assertThat(second.isHeld()).isTrue();
        }
    }

    @Test
    void a_missing_data_dir_is_reported_and_not_created() {
        Path missing = dataDir.resolve("absent");

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> DataDirLock.acquire(io, missing))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_MISSING))
                .withMessageContaining("The data dir " + missing + " does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void a_failed_pid_file_write_gives_the_lock_back() {
        FaultyFileIo faulty = FaultyFileIo.failingOn("force", new IOException("injected fsync failure"));

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> DataDirLock.acquire(faulty, dataDir))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRITE_FAILED));
        try (DataDirLock lock = DataDirLock.acquire(io, dataDir)) {
            assertThat(lock.isHeld()).isTrue();
        }
    }

    @Test
    void another_process_holding_the_lock_is_named_by_its_pid_until_it_is_killed() throws Exception {
        Process child = start(List.of(dataDir.toString()), false);
        try {
            // given
            assertThat(firstLine(child)).startsWith("locked ");
            // when / then
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> DataDirLock.acquire(io, dataDir))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_LOCKED))
                    .withMessageContaining("in use by another process (pid " + child.pid() + ", started ")
                    .withMessageContaining("stop that process");
            // when the holder dies without releasing, its lock dies with it
            Await.destroyed(child);
            try (DataDirLock lock = DataDirLock.acquire(io, dataDir)) {
                assertThat(lock.isHeld()).isTrue();
                assertThat(Files.readString(dataDir.resolve("vault.pid"))).startsWith("pid " + OUR_PID + "\n");
            }
        } finally {
            Await.destroyed(child);
        }
    }

    @Test
    void files_created_under_umask_000_are_still_0600_and_directories_0700() throws Exception {
        assumeTrue(POSIX && Files.isExecutable(Path.of("/bin/sh")));
        // given: a child process running under umask 000
        Path keyFile = dataDir.resolve("home/keys/vault.key");
        Path probe = dataDir.resolve("probe");
        Process child = start(List.of(dataDir.toString(), keyFile.toString(), probe.toString()), true);
        try {
            // when
            assertThat(firstLine(child)).startsWith("locked ");
            child.getOutputStream().close();
            assertThat(Await.exit("the lock holder, once its standard input closed", Await.PATIENCE, child)).isZero();
        } finally {
            Await.destroyed(child);
        }
        // then: the umask was in force for plain files, and ours ignore it
        assertThat(mode(probe)).isEqualTo("rw-rw-rw-");
        assertThat(mode(keyFile)).isEqualTo("rw-------");
        assertThat(mode(keyFile.getParent())).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("home"))).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("vault.lock"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("vault.pid"))).isEqualTo("rw-------");
    }

    private Process start(List<String> args, boolean umask000) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (umask000) {
            command.addAll(List.of("/bin/sh", "-c", "umask 000 && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectError(scratch.resolve("child.err").toFile())
                .start();
    }

    private String firstLine(Process child) throws Exception {
        String line = Await.line("the lock holder's first line", Await.PATIENCE,
                new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8)));
        Path err = scratch.resolve("child.err");
        assertThat(line).as("child stderr: %s", Files.exists(err) ? Files.readString(err) : "").isNotNull();
        return line;
    }

    private Map<String, FileTime> modificationTimes() throws IOException {
        return Map.of("vault.lock", Files.getLastModifiedTime(dataDir.resolve("vault.lock")),
                "vault.pid", Files.getLastModifiedTime(dataDir.resolve("vault.pid")),
                "dir", Files.getLastModifiedTime(dataDir));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

package io.offlinevault.store.file;

import static io.offlinevault.domain.error.ErrorCode.STORE_CONFLICT;
import static io.offlinevault.domain.error.ErrorCode.STORE_CORRUPT;
import static io.offlinevault.domain.error.ErrorCode.STORE_MISSING;
import static io.offlinevault.domain.error.ErrorCode.STORE_NO_SPACE;
import static io.offlinevault.domain.error.ErrorCode.STORE_PERMISSIONS;
import static io.offlinevault.domain.error.ErrorCode.STORE_WRITE_FAILED;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFileTest {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String VALID = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'Q');

    @TempDir
    Path dir;

    private final FileIo io = new RealFileIo();

    @Test
    void create_writes_one_base64_line_of_32_bytes_with_mode_0600() throws IOException {
        Path path = dir.resolve("vault.key");

        Kek kek = KeyFile.create(io, path);

        String content = Files.readString(path, US_ASCII);
        assertThat(content).matches("[A-Za-z0-9+/]{43}=\n");
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);
        assertThat(kek.id()).matches("[0-9a-f]{16}");
        if (POSIX) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        }
        assertThat(names(dir)).containsExactly("vault.key");
    }

    @Test
    void create_makes_missing_parent_directories_0700() throws IOException {
        assumeTrue(POSIX);
        Path path = dir.resolve("home/.offline-vault/keys/vault.key");

        KeyFile.create(io, path);

        for (Path level : List.of(dir.resolve("home"), dir.resolve("home/.offline-vault"), path.getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(level))).isEqualTo("rwx------");
        }
    }

    @Test
    void read_returns_the_key_that_create_made() {
        Path path = dir.resolve("vault.key");
        Kek created = KeyFile.create(io, path);

        Kek read = KeyFile.read(io, path);

        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.key().getEncoded()).isEqualTo(created.key().getEncoded());
    }

    @Test
    void two_created_keys_differ() {
        Kek first = KeyFile.create(io, dir.resolve("a.key"));
        Kek second = KeyFile.create(io, dir.resolve("b.key"));

        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void create_never_overwrites_an_existing_key_file() throws IOException {
        Path path = dir.resolve("vault.key");
        KeyFile.create(io, path);
        byte[] before = Files.readAllBytes(path);

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.create(io, path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CONFLICT))
                .withMessageContaining("The key file " + path.toAbsolutePath() + " already exists and is never overwritten");
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(names(dir)).containsExactly("vault.key");
    }

    @Test
    void create_never_overwrites_an_existing_empty_file_or_a_dangling_link() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.key"));
        Path link = Files.createSymbolicLink(dir.resolve("link.key"), dir.resolve("nowhere"));

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.create(io, empty));
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.create(io, link));
        assertThat(Files.size(empty)).isZero();
        assertThat(Files.exists(dir.resolve("nowhere"))).isFalse();
    }

    @Test
    void read_accepts_a_line_without_newline_or_with_crlf() throws IOException {
        for (String content : List.of(VALID, VALID + "\n", VALID + "\r\n")) {
            Path path = keyFile("rw-------", content);

            assertThat(KeyFile.read(io, path).id()).isEqualTo(Kek.of(Base64.getDecoder().decode(VALID)).id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw--w----", "rw----r--", "rw-----w-", "rw-rw-rw-"})
    void read_refuses_a_key_file_group_or_others_may_read_or_write(String mode) throws IOException {
        assumeTrue(POSIX);
        Path path = keyFile(mode, VALID + "\n");

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.read(io, path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_PERMISSIONS))
                .withMessageContaining("chmod 600 " + path)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VALID));
    }

    @Test
    void read_accepts_a_read_only_key_file() throws IOException {
        assumeTrue(POSIX);

        assertThat(KeyFile.read(io, keyFile("r--------", VALID)).id()).hasSize(16);
    }

    @Test
    void read_reports_a_missing_key_file() {
        Path path = dir.resolve("vault.key");

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.read(io, path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_MISSING))
                .withMessageContaining("The key file " + path + " does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "not base64 at all, not at all, not at all!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQR=",
            "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ", " QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ=",
            "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ=\n\n", "QQQQQQQQQQQQQQQQQQQQQQ\nQQQQQQQQQQQQQQQQQQQQQ=",
            "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ=\r"})
    void read_reports_a_malformed_key_file_without_echoing_it(String content) throws IOException {
        Path path = keyFile("rw-------", content);

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.read(io, path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageStartingWith("The key file").withMessageContaining(path.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(content.isBlank() ? "\u0000" : content.strip()));
    }

    @Test
    void read_refuses_a_large_file_before_reading_it() throws IOException {
        Path path = keyFile("rw-------", VALID + "\n" + "x".repeat(10_000));
        FaultyFileIo recording = FaultyFileIo.recording();

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.read(recording, path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT));
        assertThat(recording.steps()).noneMatch(step -> step.startsWith("read"));
    }

    @Test
    void a_failed_force_during_creation_leaves_no_key_file_and_no_temp_file() throws IOException {
        Path path = dir.resolve("vault.key");
        FaultyFileIo faulty = FaultyFileIo.failingOn("force", new IOException("injected fsync failure"));

        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> KeyFile.create(faulty, path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRITE_FAILED))
                .withMessageContaining("The key file (" + path + ") could not be written");
        assertThat(faulty.failed()).isTrue();
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void a_full_disk_during_creation_is_no_space_and_leaves_nothing() throws IOException {
        Path path = dir.resolve("vault.key");

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> KeyFile.create(FaultyFileIo.failingOn("write", FaultyFileIo.diskFull()), path))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_NO_SPACE));
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void creation_takes_its_steps_in_the_safe_order() {
        FaultyFileIo recording = FaultyFileIo.recording();

        KeyFile.create(recording, dir.resolve("keys/vault.key"));

        assertThat(recording.steps()).containsExactly(
                "exists keys", "exists " + dir.getFileName(), "createDirectory keys", "forceDirectory " + dir.getFileName(),
                "createNew vault.key.tmp-*", "write vault.key.tmp-*", "force vault.key.tmp-*", "createLink vault.key",
                "deleteIfExists vault.key.tmp-*", "forceDirectory keys");
    }

    @Test
    void a_fault_at_any_step_of_creation_leaves_no_key_file_or_a_valid_one() throws IOException {
        FaultyFileIo counting = FaultyFileIo.recording();
        KeyFile.create(counting, dir.resolve("count/keys/vault.key"));
        int steps = counting.steps().size();
        for (int step = 1; step <= steps; step++) {
            // given
            Path keys = dir.resolve("run-" + step + "/keys");
            Path path = keys.resolve("vault.key");
            FaultyFileIo faulty = FaultyFileIo.failingAtStep(step);
            // when
            assertThatExceptionOfType(StoreException.class).as("step %d", step)
                    .isThrownBy(() -> KeyFile.create(faulty, path))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRITE_FAILED));
            // then
            String failedStep = faulty.steps().get(step - 1);
            if (Files.exists(path)) {
                assertThat(KeyFile.read(io, path).id()).as("step %d", step).hasSize(16);
            }
            if (Files.isDirectory(keys) && !failedStep.startsWith("deleteIfExists")) {
                assertThat(names(keys)).as("step %d (%s)", step, failedStep).noneMatch(name -> name.contains(".tmp-"));
            }
        }
    }

    @Test
    void a_kek_never_prints_its_key() {
        byte[] bytes = Base64.getDecoder().decode(VALID);
        Kek kek = Kek.of(bytes);

        assertThat(kek.toString()).isEqualTo("Kek[id=" + kek.id() + ", key file]").doesNotContain(VALID);
    }

    private Path keyFile(String mode, String content) throws IOException {
        Path path = Files.createTempFile(dir, "key", ".key");
        Files.writeString(path, content, US_ASCII);
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
        return path;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}

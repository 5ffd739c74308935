package io.offlinevault.store.file;

import static io.offlinevault.domain.error.ErrorCode.STORE_CONFLICT;
import static io.offlinevault.domain.error.ErrorCode.STORE_CORRUPT;
import static io.offlinevault.domain.error.ErrorCode.STORE_MISSING;
import static io.offlinevault.domain.error.ErrorCode.STORE_NO_SPACE;
import static io.offlinevault.domain.error.ErrorCode.STORE_WRITE_FAILED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFilesTest {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @TempDir
    Path dir;

    private final FileIo io = new RealFileIo();

    @Test
    void create_new_makes_a_0600_file_and_refuses_an_existing_one() throws IOException {
        Path file = dir.resolve("blob");
        try (FileChannel channel = io.createNew(file)) {
            io.write(channel, ByteBuffer.wrap("abc".getBytes(UTF_8)));
            io.force(channel);
        }

        assertThat(Files.readString(file)).isEqualTo("abc");
        if (POSIX) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> io.createNew(file).close());
    }

    @Test
    void append_then_force_keeps_every_write_and_truncate_cuts_back() throws IOException {
        // given
        Path segment = dir.resolve("journal.1");
        try (FileChannel channel = io.createNew(segment)) {
            io.write(channel, ByteBuffer.wrap("header|".getBytes(UTF_8)));
            io.force(channel);
        }
        // when
        try (FileChannel channel = io.openForAppending(segment)) {
            io.write(channel, ByteBuffer.wrap("record-1|".getBytes(UTF_8)));
            io.force(channel);
            io.write(channel, ByteBuffer.wrap("torn".getBytes(UTF_8)));
            io.truncate(channel, io.size(channel) - 4);
            io.write(channel, ByteBuffer.wrap("record-2|".getBytes(UTF_8)));
            io.force(channel);
        }
        // then
        assertThat(Files.readString(segment)).isEqualTo("header|record-1|record-2|");
    }

    @Test
    void move_link_list_and_delete_work_on_the_real_file_system() throws IOException {
        Path temp = dir.resolve("checkpoint.tmp-01");
        Files.writeString(temp, "new");
        Files.writeString(dir.resolve("checkpoint"), "old");

        io.createLink(dir.resolve("checkpoint.prev"), dir.resolve("checkpoint"));
        io.moveAtomically(temp, dir.resolve("checkpoint"));
        io.forceDirectory(dir);

        assertThat(io.list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("checkpoint", "checkpoint.prev");
        assertThat(Files.readString(dir.resolve("checkpoint"))).isEqualTo("new");
        assertThat(Files.readString(dir.resolve("checkpoint.prev"))).isEqualTo("old");
        assertThat(io.deleteIfExists(dir.resolve("checkpoint.prev"))).isTrue();
        assertThat(io.deleteIfExists(dir.resolve("checkpoint.prev"))).isFalse();
    }

    @Test
    void read_limited_returns_the_whole_file() throws IOException {
        Files.writeString(dir.resolve("checkpoint"), "0123456789");

        assertThat(StoreFiles.readLimited(io, dir.resolve("checkpoint"), 10, "the checkpoint"))
                .isEqualTo("0123456789".getBytes(UTF_8));
    }

    @Test
    void read_limited_refuses_a_file_over_the_limit_before_reading_it() throws IOException {
        Files.writeString(dir.resolve("checkpoint"), "0123456789");
        FaultyFileIo recording = FaultyFileIo.recording();

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreFiles.readLimited(recording, dir.resolve("checkpoint"), 9, "the checkpoint"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CORRUPT))
                .withMessageContaining("The checkpoint").withMessageContaining("10 bytes, more than the 9");
        assertThat(recording.steps()).containsExactly("openForReading checkpoint", "size checkpoint");
    }

    @Test
    void read_limited_refuses_a_file_whose_size_changes_while_it_is_read() throws IOException {
        Files.writeString(dir.resolve("checkpoint"), "0123456789");

        for (long delta : new long[] {-1, 1}) {
            FaultyFileIo lying = FaultyFileIo.recording().reportingSizeOff(delta);
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> StoreFiles.readLimited(lying, dir.resolve("checkpoint"), 100, "the checkpoint"))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_CONFLICT))
                    .withMessageContaining("changed size while it was being read");
        }
    }

    @Test
    void read_limited_reports_a_missing_file() {
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreFiles.readLimited(io, dir.resolve("checkpoint"), 10, "the checkpoint"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_MISSING))
                .withMessageContaining("The checkpoint (" + dir.resolve("checkpoint") + ") does not exist");
    }

    @Test
    void write_atomically_replaces_the_file_with_mode_0600_and_leaves_no_temp_file() throws IOException {
        Path target = dir.resolve("blob-1");
        Files.writeString(target, "old");

        StoreFiles.writeAtomically(io, target, "new".getBytes(UTF_8), "the blob");

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(names()).containsExactly("blob-1");
        if (POSIX) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        }
    }

    @Test
    void write_atomically_takes_its_steps_in_the_safe_order() {
        FaultyFileIo recording = FaultyFileIo.recording();

        StoreFiles.writeAtomically(recording, dir.resolve("blob-1"), "new".getBytes(UTF_8), "the blob");

        assertThat(recording.steps()).containsExactly("createNew blob-1.tmp-*", "write blob-1.tmp-*", "force blob-1.tmp-*",
                "moveAtomically blob-1", "forceDirectory " + dir.getFileName());
    }

    @Test
    void a_fault_at_any_step_of_an_atomic_write_leaves_the_old_or_the_new_file_and_no_temp_file() throws IOException {
        int steps = 5;
        for (int step = 1; step <= steps; step++) {
            // given
            Path target = dir.resolve("blob-" + step);
            Files.writeString(target, "old");
            FaultyFileIo faulty = FaultyFileIo.failingAtStep(step);
            // when
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> StoreFiles.writeAtomically(faulty, target, "new".getBytes(UTF_8), "the blob"))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_WRITE_FAILED))
                    .withMessageContaining("The blob could not be written (IOException)")
                    .withMessageNotContaining(target.toString());
            // then
            assertThat(faulty.failed()).isTrue();
            assertThat(Files.readString(target)).as("step %d", step).isIn("old", "new");
            assertThat(names()).as("step %d", step).noneMatch(name -> name.contains(".tmp-"));
        }
    }

    @Test
    void a_full_disk_is_reported_as_no_space_and_leaves_no_temp_file() throws IOException {
        Path target = dir.resolve("blob-1");
        Files.writeString(target, "old");
        FaultyFileIo full = FaultyFileIo.failingOn("write", FaultyFileIo.diskFull());

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreFiles.writeAtomically(full, target, "new".getBytes(UTF_8), "the blob"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(STORE_NO_SPACE))
                .withMessageContaining("the disk is full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(names()).containsExactly("blob-1");
    }

    @Test
    void create_directories_makes_each_missing_level_0700() throws IOException {
        assumeTrue(POSIX);
        Path nested = dir.resolve("a/b/c");

        StoreFiles.createDirectories(io, nested, "the data dir");

        for (Path level : List.of(dir.resolve("a"), dir.resolve("a/b"), nested)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(level))).isEqualTo("rwx------");
        }
    }

    @Test
    void temp_files_are_recognised_by_name() {
        assertThat(StoreFiles.isTemp(StoreFiles.tempFor(dir.resolve("checkpoint")))).isTrue();
        assertThat(StoreFiles.isTemp(dir.resolve("checkpoint"))).isFalse();
        assertThat(StoreFiles.tempFor(dir.resolve("x"))).isNotEqualTo(StoreFiles.tempFor(dir.resolve("x")));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}

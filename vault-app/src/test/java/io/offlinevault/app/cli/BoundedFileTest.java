package io.offlinevault.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class BoundedFileTest {
    @TempDir
    Path root;

    @Test
    void a_regular_file_at_the_limit_is_read_whole() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "0123456789abcdef", UTF_8);

        assertThat(new String(BoundedFile.read(file, "--x " + file, 16), UTF_8)).isEqualTo("0123456789abcdef");
    }

    @Test
    void a_regular_file_one_byte_over_the_limit_is_a_usage_error_naming_it_and_the_limit() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "0123456789abcdefX", UTF_8);

        assertThatThrownBy(() -> BoundedFile.read(file, "--x " + file, 16))
                .isInstanceOfSatisfying(CommandFailedException.class,
                        e -> assertThat(e.status()).isEqualTo(ExitStatus.USAGE))
                .hasMessageStartingWith("--x " + file + " is larger than 16 bytes")
                .hasMessageNotContaining("0123");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void an_endless_device_fails_as_a_file_that_is_too_large() {
        assertThatThrownBy(() -> BoundedFile.read(Path.of("/dev/zero"), "--x /dev/zero", 16))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("--x /dev/zero is larger than 16 bytes");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void an_endless_pipe_fails_as_a_file_that_is_too_large() throws Exception {
        try (Fifo fifo = Fifo.endless(root.resolve("pipe"))) {
            assertThatThrownBy(() -> BoundedFile.read(fifo.path(), "FILE pipe", 1024))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageStartingWith("FILE pipe is larger than 1024 bytes");
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void a_pipe_holding_a_small_content_is_read_whole() throws Exception {
        try (Fifo fifo = Fifo.holding(root.resolve("pipe"), "small".getBytes(UTF_8))) {
            assertThat(new String(BoundedFile.read(fifo.path(), "FILE pipe", 16), UTF_8)).isEqualTo("small");
        }
    }

    @Test
    void a_missing_file_and_a_bad_path_are_usage_errors() {
        assertThatThrownBy(() -> BoundedFile.read(root.resolve("none"), "--x none", 16))
                .isInstanceOf(CommandFailedException.class).hasMessage("--x none does not exist.");
        assertThatThrownBy(() -> BoundedFile.read("a\0b", "--x", 16))
                .isInstanceOf(CommandFailedException.class).hasMessage("--x is not a usable path.");
        assertThatThrownBy(() -> BoundedFile.read(root, "--x dir", 16))
                .isInstanceOf(CommandFailedException.class).hasMessageStartingWith("--x dir cannot be read (");
    }
}

package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataTrainingTest {
    @TempDir
    Path dir;

    @Test
    void training_runs_every_step_prints_nothing_and_deletes_its_vault() throws Exception {
        // given
        StringWriter err = new StringWriter();

        // when
        int exitCode = ClassDataTraining.run(dir, new PrintWriter(err, true));

        // then
        assertThat(err.toString()).isEmpty();
        assertThat(exitCode).isZero();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void training_fails_with_a_reason_when_it_has_no_directory() {
        StringWriter err = new StringWriter();

        int exitCode = ClassDataTraining.run(dir.resolve("missing"), new PrintWriter(err, true));

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).startsWith("class-data training: no temporary directory (NoSuchFileException)");
    }
}

package io.offlinevault.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code serve --read-timeout DURATION} (issue 19): how long a client may take to send a request. The cut itself is
 * tested in the HTTP adapter ({@code SlowClientsTest}); the JDK server reads the value once per process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadTimeoutServeTest {
    @TempDir
    Path root;

    @Test
    void help_lists_the_read_timeout_with_its_default() {
        StringWriter out = new StringWriter();
        Surroundings surroundings = new Surroundings(Map.of(), root.resolve("home"), Terminal.none(), stop -> { });

        int exitCode = Main.execute(surroundings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "serve", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--read-timeout=DURATION", "Default: 10s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "500ms", "2h", "3601", "-1", "ten", "", "PT0.5S"})
    void a_read_timeout_outside_one_second_to_one_hour_exits_2_and_creates_nothing(String timeout) throws Exception {
        ServeRun serve = ServeRun.start(root, "--port", "0", "--read-timeout", timeout);

        assertThat(serve.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(serve.err()).contains("--read-timeout must be");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "30s", "2m", "PT90S", "1h"})
    void a_read_timeout_in_seconds_minutes_or_iso_8601_is_accepted(String timeout) throws Exception {
        Path home = Files.createDirectories(root.resolve("home"));
        try (ServeRun serve = ServeRun.start(home, false, Map.of(), "--ephemeral", "--port", "0", "--read-timeout",
                timeout)) {
            assertThat(serve.isServing()).as("serving; stderr: %s", serve.err()).isTrue();
            assertThat(serve.stop()).isZero();
        }
    }
}

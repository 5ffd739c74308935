package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void help_exits_0_and_lists_every_exit_code() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: offline-vault", "--version", "--help", "Exit codes:")
                .contains(Arrays.stream(ExitStatus.values()).map(ExitStatus::meaning).toList());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void version_exits_0_and_names_the_build_version() {
        int exitCode = run("--version");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).containsPattern("^offline-vault \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void no_subcommand_prints_the_help_and_exits_2() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing a command (offline-vault help lists them).", "Usage: offline-vault");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknown_option_is_a_usage_error() {
        int exitCode = run("--no-such-option");

        assertThat(exitCode).isEqualTo(ExitStatus.USAGE.code());
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void exit_codes_are_0_to_5_in_order() {
        assertThat(ExitStatus.values()).extracting(ExitStatus::code).containsExactly(0, 1, 2, 3, 4, 5);
    }
}

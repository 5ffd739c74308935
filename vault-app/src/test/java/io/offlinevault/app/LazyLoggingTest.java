package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process's logging starts when something first logs (Logging.configure names its set-up to JUL, and the
 * store looks its loggers up when it writes a line), so a command that logs nothing never loads JUL; one that
 * logs still writes the one-line format. Each case runs Main in a JVM of its own: JUL starts once per JVM.
 */
class LazyLoggingTest {
    @TempDir
    Path dir;

    @Test
    void a_command_that_logs_nothing_never_starts_java_util_logging() throws Exception {
        createVault();

        String output = runMain("-Xlog:class+load=info", "entry", "list", "--org", "acme");

        // Java 21+ looks a System.Logger up in Runtime.exit (JDK-8301627), which starts JUL as the JVM exits, after
        // the command: what the command itself loads is everything before its output line.
        int answered = output.indexOf("no entries in acme");
        assertThat(answered).as("the position of the command's output line").isPositive();
        assertThat(output.substring(0, answered)).contains("io.offlinevault.store.file.FileVaultStore ")
                .doesNotContain("java.util.logging.LogManager ").doesNotContain("java.lang.System$LoggerFinder ");
    }

    @Test
    void a_command_that_logs_writes_its_lines_in_the_one_line_format() throws Exception {
        createVault();
        Files.write(dir.resolve("data").resolve("checkpoint"), new byte[] {'x'});

        String output = runMain("-Xlog:disable", "entry", "list", "--org", "acme");

        assertThat(output).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ERROR FileVaultStore"
                + " the vault in .* did not open: STORE_");
    }

    private void createVault() {
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "init",
                "--data-dir", dir.resolve("data").toString(), "--key-file", dir.resolve("vault.key").toString());
        assertThat(exit).as(err.toString()).isZero();
    }

    // Runs Main as the launcher does (Main.main, which configures the logging), for at most a minute; {@return what
    // it wrote on standard output and error}
    private String runMain(String jvmOption, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOption, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dir.resolve("data").toString(), "--key-file",
                dir.resolve("vault.key").toString()));
        Path output = dir.resolve("output");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("Main ended within 60 s").isTrue();
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }
}

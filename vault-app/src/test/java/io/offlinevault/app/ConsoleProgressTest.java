package io.offlinevault.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.offlinevault.app.cli.OfflineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, on a real terminal: {@code script} gives the command a pseudo-terminal, so {@code System.console()} is
 * there; progress shows when standard error is that terminal, and not when it goes to a file ({@code 2> FILE}),
 * which the console alone cannot tell.
 */
@EnabledOnOs(OS.LINUX)
class ConsoleProgressTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path root;

    @Test
    void progress_goes_to_a_terminal_and_never_to_a_file_that_standard_error_is_redirected_to() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script gives a command a terminal");
        // given
        OfflineRun vault = new OfflineRun(root, false);
        vault.createVault();
        Path snapshot = Files.writeString(root.resolve("snapshot.json"), "{\"resources\": {\"SOURCE\": [{"
                + "\"resourceName\": \"web\", \"model\": {\"secret\": \"{{ VAULT.web-secret }}\"}}]}}");
        String check = String.join(" ", quoted(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp", quoted(System.getProperty("java.class.path")), Main.class.getName(), "snapshot", "check", "-f",
                quoted(snapshot.toString()), "--org", "acme", "--data-dir", quoted(vault.dataDir().toString()),
                "--key-file", quoted(vault.keyFile().toString()));
        Path err = root.resolve("err.txt");

        // when
        String onTerminal = onTerminal(check);
        String redirected = onTerminal(check + " 2> " + quoted(err.toString()));

        // then
        assertThat(onTerminal).contains("reading " + snapshot, "checking 1 referenced key (1 reference) in acme",
                "MISSING");
        assertThat(redirected).contains("MISSING").doesNotContain("reading ", "checking ");
        assertThat(Files.readString(err, UTF_8)).doesNotContain("reading ", "checking ");
    }

    // What the command printed on a pseudo-terminal (script's own standard output); it exits 3: a key is missing.
    private String onTerminal(String command) throws Exception {
        Path typescript = root.resolve("typescript");
        Process process = new ProcessBuilder(List.of(SCRIPT.toString(), "-qec", command, "/dev/null"))
                .redirectErrorStream(true).redirectOutput(typescript.toFile()).start();
        process.getOutputStream().close();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String printed = Files.readString(typescript, UTF_8).replace("\r", "");
        assertThat(process.exitValue()).as(printed).isEqualTo(3);
        return printed;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

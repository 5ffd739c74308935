package io.offlinevault.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.OfflineRun.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** File arguments that are an endless device or pipe end as a file that is too large: exit 2, no stack trace. */
@Timeout(30)
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeviceAndPipeArgumentsTest {
    private static final Path ZERO = Path.of("/dev/zero");

    @TempDir
    Path root;

    private OfflineRun vault;

    @BeforeEach
    void createVault() {
        vault = new OfflineRun(root, false);
        vault.createVault();
    }

    @Test
    void value_file() throws Exception {
        assertRefusedFromDeviceAndPipe("--value-file", file -> vault.vault("entry", "create", "--org", "acme", "--key",
                "k", "--value-file", file.toString()));
    }

    @Test
    void json_file() throws Exception {
        assertRefusedFromDeviceAndPipe("-f", file -> vault.vault("entry", "create", "--org", "acme", "-f",
                file.toString()));
    }

    @Test
    void entry_import_file() throws Exception {
        assertRefusedFromDeviceAndPipe("-f", file -> vault.vault("entry", "import", "-f", file.toString(), "--org",
                "acme"));
    }

    @Test
    void snapshot_check_file() throws Exception {
        assertRefusedFromDeviceAndPipe("The snapshot file", file -> vault.vault("snapshot", "check", "-f", file.toString(),
                "--org", "acme"));
    }

    @Test
    void passphrase_file() throws Exception {
        assertRefusedFromDeviceAndPipe(Passphrases.FILE_FLAG, file -> vault.run("init", "--data-dir",
                root.resolve("other").toString(), "--no-key-file", Passphrases.FILE_FLAG, file.toString()));
    }

    @Test
    void serve_seed_and_admin_token_from() throws Exception {
        for (String option : List.of("--seed", "--admin-token-from")) {
            assertRefusedFromDeviceAndPipe(option, file -> serve(option, file));
        }
    }

    @Test
    void a_key_file_or_admin_token_file_that_is_a_device_or_a_pipe_is_refused_without_opening_it() throws Exception {
        // given: a pipe without a writer, which would block whoever opens it for reading
        Path pipe = root.resolve("no-writer");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        for (Path file : List.of(ZERO, pipe)) {
            // when
            Run keyFile = vault.run("entry", "list", "--org", "acme", "--data-dir", vault.dataDir().toString(),
                    "--key-file", file.toString());
            Run adminTokenFile = vault.run("init", "--data-dir", root.resolve("new-" + file.getFileName()).toString(),
                    "--key-file", root.resolve("new-keys/vault.key").toString(), "--admin-token-file", file.toString());
            // then
            assertThat(keyFile.exitCode()).as(keyFile.err()).isEqualTo(ExitStatus.STORE_SEALED.code());
            assertThat(keyFile.err()).contains("The key file " + file + " is not a key file")
                    .doesNotContain("Exception", "\tat ");
            assertThat(adminTokenFile.exitCode()).as(adminTokenFile.err()).isNotZero();
            assertThat(adminTokenFile.err()).contains("The admin token file is not a regular file")
                    .doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void a_pipe_holding_a_small_value_still_gives_the_value() throws Exception {
        try (Fifo fifo = Fifo.holding(root.resolve("value-pipe"), "from-a-pipe\n".getBytes(UTF_8))) {
            Run created = vault.vault("entry", "create", "--org", "acme", "--key", "piped", "--visibility", "PUBLIC", "--value-file",
                    fifo.path().toString());
            assertThat(created.exitCode()).as(created.err()).isZero();
        }
        Run shown = vault.vault("entry", "get", "--org", "acme", "--key", "piped");
        assertThat(shown.out()).as(shown.err()).contains("from-a-pipe");
    }

    private Run serve(String option, Path file) {
        try (ServeRun serve = ServeRun.start(root.resolve("serve-" + option.replace("-", "")), "--port", "0", option,
                file.toString())) {
            return new Run(serve.exitCode(), serve.out(), serve.err());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertRefusedFromDeviceAndPipe(String option, Function<Path, Run> command) throws Exception {
        List<Run> runs = new ArrayList<>();
        runs.add(command.apply(ZERO));
        try (Fifo fifo = Fifo.endless(root.resolve("pipe-" + option.replaceAll("[^a-z]", "")))) {
            runs.add(command.apply(fifo.path()));
        }
        for (Run run : runs) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitStatus.USAGE.code()).isEqualTo(2);
            assertThat(run.err()).contains(option).contains("is larger than").contains("bytes")
                    .doesNotContain("Exception", "Error", "\tat ", "at java.");
        }
    }
}

package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.Http;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.testing.Await;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data dir served by one {@code serve} is refused to any other, in this JVM or another process: exit 4. */
class ServeLockTest {
    @TempDir
    Path root;

    @Test
    void a_second_serve_in_this_jvm_exits_4_naming_our_pid() throws Exception {
        // given
        try (ServeRun first = ServeRun.start(root, "--port", "0")) {
            int port = first.port();
            // when
            ServeRun second = ServeRun.start(root, "--port", "0");
            // then
            assertThat(second.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code()).isEqualTo(4);
            assertThat(second.err()).contains("pid " + ProcessHandle.current().pid());
            assertThat(second.out()).doesNotContain("listening on");
            assertThat(new Http(port).get("/health", null).statusCode()).as("the first one serves on").isEqualTo(200);
            assertThat(first.stop()).isZero();
        }
    }

    @Test
    void a_serve_in_another_process_is_named_by_its_pid_and_sigterm_stops_it_with_0_and_releases_the_lock()
            throws Exception {
        Path dataDir = root.resolve("data");
        Path keyFile = root.resolve("keys/vault.key");
        Process child = startChild(dataDir, keyFile);
        try {
            // given: the child serves the data dir
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
            List<String> lines = new ArrayList<>();
            long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
            String line;
            while ((line = Await.line("the child's listening line, after " + lines,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), childOut)) != null
                    && !line.startsWith("listening on ")) {
                lines.add(line);
            }
            assertThat(line).as("child stdout %s, stderr: %s", lines, childErr()).matches(
                    "listening on http://127\\.0\\.0\\.1:\\d+");
            // when
            ServeRun here = ServeRun.start(root, "--port", "0");
            // then
            assertThat(here.exitCode()).isEqualTo(ExitStatus.STORE_LOCKED.code());
            assertThat(here.err()).contains("pid " + child.pid());
            // when: SIGTERM, as a service manager stops it (Process.destroy() would also close our end of its stdout)
            assertThat(child.toHandle().destroy()).isTrue();
            // then
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended; stderr: %s", childErr()).isTrue();
            assertThat(child.exitValue()).as("stderr: %s", childErr()).isZero();
            assertThat(Await.line("the child's last line", Await.PATIENCE, childOut)).isEqualTo("stopped");
            try (FileVaultStore store = FileVaultStore.open(StoreLocation.of(dataDir, keyFile),
                    OpenOptions.of(Clock.system()))) {
                assertThat(store.sealedBecause()).isEmpty();
            }
        } finally {
            Await.destroyed(child);
        }
    }

    private Process startChild(Path dataDir, Path keyFile) throws Exception {
        Path home = Files.createDirectories(root.resolve("child-home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Duser.home=" + home,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data-dir", dataDir.toString(), "--key-file", keyFile.toString(), "--port", "0")
                .redirectError(root.resolve("child.err").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("OFFLINE_VAULT_"));
        environment.put("HOME", home.toString());
        return builder.start();
    }

    private String childErr() throws Exception {
        Path err = root.resolve("child.err");
        return Files.exists(err) ? Files.readString(err, UTF_8) : "";
    }
}

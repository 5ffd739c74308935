package io.offlinevault.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.domain.testing.Await;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real {@code offline-vault serve --port 0} in a child JVM: the jar's main class and dependencies from this
 * test's class path (the jar itself is built after the tests), on {@code data/} and {@code keys/vault.key} under
 * a root, with a port file, its output appended to {@code server.log} there. A known admin token goes in through
 * the environment, never an argument. {@link #kill()} is kill -9; {@link #close()} kills a child that still runs.
 */
public final class ServerProcess implements AutoCloseable {
    /** The log of every child started under a root, one after the other. */
    public static final String LOG = "server.log";
    // A safety net against a hung child, not a timing assertion.
    private static final long PATIENCE_SECONDS = 60;
    private static final int SIGKILL_EXIT = 128 + 9;
    // A short-lived server: the quick compiler and the serial collector start it sooner; the code is the jar's.
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData");

    private final Process process;
    private final Path portFile;
    private final Path log;
    private final long logStart;

    private ServerProcess(Process process, Path portFile, Path log, long logStart) {
        this.process = process;
        this.portFile = portFile;
        this.log = log;
        this.logStart = logStart;
    }

    /** {@return a child serving the vault under {@code root}, created with {@code knownAdminToken} if given} */
    public static ServerProcess start(Path root, Optional<String> knownAdminToken) throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Path portFile = Files.createDirectories(root.resolve("run")).resolve("vault.port");
        Files.deleteIfExists(portFile);
        Path log = root.resolve(LOG);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-Duser.home=" + home, "-cp", serverClassPath(), Main.class.getName(), "serve",
                "--port", "0", "--port-file", portFile.toString(), "--data-dir", root.resolve("data").toString(),
                "--key-file", root.resolve("keys/vault.key").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("OFFLINE_VAULT_"));
        environment.put("HOME", home.toString());
        knownAdminToken.ifPresent(token -> environment.put("OFFLINE_VAULT_ADMIN_TOKEN", token));
        Process process = builder.start();
        process.getOutputStream().close();
        return new ServerProcess(process, portFile, log, logStart);
    }

    // This test's class path without test classes: the jar's classes and its dependencies (and test libraries,
    // which the server never loads).
    private static String serverClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@return the port, once the port file says the server answers} Fails if the child ends first. */
    public int awaitPort() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!Files.exists(portFile)) {
            assertThat(process.isAlive()).as("the server (pid %d) ended before it wrote its port file; its log:%n%s",
                    process.pid(), logOfThisStart()).isTrue();
            assertThat(System.nanoTime() - deadline).as("no port file after %d s; the server's log:%n%s",
                    PATIENCE_SECONDS, logOfThisStart()).isNegative();
            Thread.sleep(5);
        }
        return Integer.parseInt(Files.readString(portFile, UTF_8).strip());
    }

    /** kill -9, then waits for the child's end. Fails if it had ended before. */
    public void kill() throws Exception {
        assertThat(process.isAlive()).as("the server (pid %d) still ran at the kill; its log:%n%s", process.pid(),
                logOfThisStart()).isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the killed server ended").isTrue();
        assertThat(process.exitValue()).as("the exit of a SIGKILL").isEqualTo(SIGKILL_EXIT);
    }

    /** SIGTERM, as a service manager stops the server; {@return its exit code} */
    public int stop() throws Exception {
        process.destroy();
        assertThat(process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("the server stopped on SIGTERM; its log:%n%s", logOfThisStart()).isTrue();
        return process.exitValue();
    }

    /** {@return what this child has logged so far} The app never logs a secret, so a failure may show it. */
    public String logOfThisStart() throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(logStart);
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                Await.destroyed(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

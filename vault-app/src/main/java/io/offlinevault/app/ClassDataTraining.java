package io.offlinevault.app;

import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.StopSignals;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The run that the launcher archives the classes of (class-data sharing), once per jar and Java version: the
 * commands people run most, in a new vault in a temporary directory that it deletes, so that the archive serves
 * every command and not only the first one someone happened to run ({@code --version} alone would archive a sixth
 * of what {@code serve} loads). Not thread-safe; runs alone in its JVM.
 */
final class ClassDataTraining {
    /** The system property that makes {@link Main#main} run this instead of a command. */
    static final String PROPERTY = "offline-vault.class-data-training";

    private static final long DEADLINE_MILLIS = 30_000;

    private ClassDataTraining() {
    }

    /**
     * {@return 0 when every step ran as expected, else 1} Prints nothing but, on a failure, which step failed (its
     * arguments and exit code: the vault is a throwaway one, its values are not secrets).
     */
    static int run(PrintWriter err) {
        return run(Path.of(System.getProperty("java.io.tmpdir")), err);
    }

    /** {@return as {@link #run(PrintWriter)}, with the throwaway vault in a new directory in {@code parent}} */
    static int run(Path parent, PrintWriter err) {
        Path dir;
        try {
            dir = Files.createTempDirectory(parent, "offline-vault-training");
        } catch (IOException e) {
            err.println("class-data training: no temporary directory (" + e.getClass().getSimpleName() + ")");
            return ExitStatus.FAILURE.code();
        }
        try {
            return train(dir, err) ? ExitStatus.OK.code() : ExitStatus.FAILURE.code();
        } finally {
            delete(dir);
        }
    }

    private static boolean train(Path dir, PrintWriter err) {
        AtomicReference<Runnable> stop = new AtomicReference<>();
        StopSignals signals = stop::set;
        Surroundings surroundings = new Surroundings(Map.of(), dir.resolve("home"), Terminal.none(), signals,
                InputStream::nullInputStream);
        String data = dir.resolve("data").toString();
        String key = dir.resolve("vault.key").toString();
        Path value = dir.resolve("value");
        Path portFile = dir.resolve("port");
        List<String> store = List.of("--data-dir", data, "--key-file", key);
        try {
            Files.writeString(value, "training", StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("class-data training: cannot write " + value + " (" + e.getClass().getSimpleName() + ")");
            return false;
        }
        boolean ran = runs(surroundings, err, List.of("--version"))
                && runs(surroundings, err, List.of("--help"))
                && runs(surroundings, err, with(List.of("init"), store))
                && runs(surroundings, err, with(List.of("entry", "create", "--org", "acme", "--key", "training",
                        "--value-file", value.toString()), store))
                && runs(surroundings, err, with(List.of("entry", "list", "--org", "acme", "--page-size", "100"), store))
                && runs(surroundings, err, with(List.of("entry", "list", "--org", "acme", "-o", "json"), store));
        if (!ran) {
            return false;
        }
        // serve, and the command line through it (the data dir names the server that holds it)
        CompletableFuture<Boolean> serving = CompletableFuture.supplyAsync(() -> runs(surroundings, err,
                with(List.of("serve", "--port", "0", "--port-file", portFile.toString()), store)));
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
            while (!Files.isRegularFile(portFile) || stop.get() == null) {
                if (serving.isDone() || System.nanoTime() > deadline) {
                    err.println("class-data training: serve did not start within " + DEADLINE_MILLIS + " ms");
                    return false;
                }
                Thread.sleep(10);
            }
            return runs(surroundings, err, with(List.of("entry", "list", "--org", "acme"), store))
                    && runs(surroundings, err, with(List.of("entry", "get", "--org", "acme", "--key", "training"), store));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            Runnable stopServe = stop.get();
            if (stopServe != null) {
                stopServe.run();
            }
            try {
                serving.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                err.println("class-data training: serve did not stop (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private static boolean runs(Surroundings surroundings, PrintWriter err, List<String> args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        int code = Main.execute(surroundings, nowhere, nowhere, args.toArray(String[]::new));
        if (code != ExitStatus.OK.code()) {
            err.println("class-data training: " + String.join(" ", args) + " exited " + code);
            err.flush();
            return false;
        }
        return true;
    }

    private static List<String> with(List<String> command, List<String> options) {
        List<String> args = new ArrayList<>(command);
        args.addAll(options);
        return args;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary directory holds a throwaway vault; nothing else depends on its removal.
        }
    }
}

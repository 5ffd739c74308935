package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-process {@code offline-vault serve} on its own thread, with captured output, a console that a
 * test may give it, and the stop that SIGINT or SIGTERM would trigger, which {@link #stop()} calls.
 */
public final class ServeRun implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://(\\S+):(\\d+)\\R");
    // A safety net against a hung test, not a timing assertion.
    private static final long PATIENCE_SECONDS = 60;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final StringWriter console = new StringWriter();
    private final CompletableFuture<Runnable> stop = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ServeRun() {
    }

    /** {@return a serve started with {@code args} (after "serve"), running or already ended} Nothing from the real environment. */
    public static ServeRun start(Path home, boolean withConsole, Map<String, String> environment, String... args)
            throws Exception {
        ServeRun run = new ServeRun();
        Terminal terminal = withConsole ? () -> Optional.of(new PrintWriter(run.console, true)) : Terminal.none();
        Surroundings surroundings = new Surroundings(environment, home, terminal, run.stop::complete);
        String[] command = new String[args.length + 1];
        command[0] = "serve";
        System.arraycopy(args, 0, command, 1, args.length);
        Thread thread = new Thread(() -> {
            try {
                run.exit.complete(Main.execute(surroundings, new PrintWriter(run.out, true),
                        new PrintWriter(run.err, true), command));
            } catch (Throwable e) {
                run.exit.completeExceptionally(e);
            }
        }, "serve-under-test");
        thread.start();
        CompletableFuture.anyOf(run.stop, run.exit).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        // the stop is handled just before the listening line is printed: wait for the line too
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!run.exit.isDone() && !LISTENING.matcher(run.out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return run;
    }

    /** {@return a serve with a data dir and key file under {@code root}, no console, no environment} */
    public static ServeRun start(Path root, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        all[0] = "--data-dir";
        all[1] = root.resolve("data").toString();
        all[2] = "--key-file";
        all[3] = root.resolve("keys/vault.key").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return start(root.resolve("home"), false, Map.of(), all);
    }

    /** {@return whether the server is up, waiting for a stop} */
    public boolean isServing() {
        return stop.isDone() && !exit.isDone();
    }

    /** {@return the port of the listening line} */
    public int port() {
        assertThat(isServing()).as("serving; exit %s, stderr: %s", exit, err).isTrue();
        Matcher matcher = LISTENING.matcher(out.toString());
        assertThat(matcher.find()).as("a listening line in: %s", out).isTrue();
        return Integer.parseInt(matcher.group(2));
    }

    /** Runs the stop that a signal runs, then {@return the exit code} */
    public int stop() throws Exception {
        stop.getNow(() -> { }).run();
        return exitCode();
    }

    /** {@return the exit code, once serve has ended} */
    public int exitCode() throws Exception {
        return exit.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    public String console() {
        return console.toString();
    }

    @Override
    public void close() {
        if (stop.isDone() && !exit.isDone()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping serve", e);
            } catch (Exception e) {
                throw new IllegalStateException("serve did not stop", e);
            }
        }
    }
}

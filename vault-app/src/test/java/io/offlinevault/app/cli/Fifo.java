package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe made with {@code mkfifo}, written by a thread with a deadline: either a fixed content or zeros without
 * end. {@link #close()} unblocks and ends the writer whatever the reader did. Not thread-safe.
 */
public final class Fifo implements AutoCloseable {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Path path;
    private final Thread writer;
    private volatile boolean stopped;

    private Fifo(Path path, byte[] content, boolean endless) throws IOException, InterruptedException {
        this.path = requireNonNull(path, "path");
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo failed for " + path);
        }
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        writer = new Thread(() -> {
            // Opening blocks until a reader opens the pipe; close() opens one when the command never did.
            try (OutputStream out = Files.newOutputStream(path)) {
                if (!endless) {
                    out.write(content);
                    return;
                }
                byte[] zeros = new byte[64 * 1024];
                while (!stopped && System.nanoTime() < deadline) {
                    out.write(zeros);
                }
            } catch (IOException e) {
                // the reader closed the pipe: the expected end of an endless write
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** {@return a pipe at {@code path} that holds {@code content}, then ends} */
    public static Fifo holding(Path path, byte[] content) throws IOException, InterruptedException {
        return new Fifo(path, content.clone(), false);
    }

    /** {@return a pipe at {@code path} that gives zeros until its reader stops or the deadline passes} */
    public static Fifo endless(Path path) throws IOException, InterruptedException {
        return new Fifo(path, new byte[0], true);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        stopped = true;
        if (writer.isAlive()) {
            // A writer still blocked in open() needs a reader; this one drains and ends with the writer.
            Thread drain = new Thread(() -> {
                try (InputStream in = Files.newInputStream(path)) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // nothing to drain
                }
            }, "fifo-drain");
            drain.setDaemon(true);
            drain.start();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

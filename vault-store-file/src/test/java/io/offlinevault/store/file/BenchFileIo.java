package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@link FileIo} for {@link StoreBenchmark}: counts the forces of files and times each thread's, and in its
 * {@linkplain #unforced() unforced} form skips every force, so that a benchmark can fill a store fast or
 * measure what a commit costs besides the disk. An unforced store is not durable. Thread-safe.
 */
final class BenchFileIo extends ForwardingFileIo {
    private final boolean forces;
    private final AtomicLong forced = new AtomicLong();
    // each thread's own: a committer's forces, not the checkpointer's running beside it
    private final ThreadLocal<long[]> forceNanos = ThreadLocal.withInitial(() -> new long[1]);

    private BenchFileIo(boolean forces) {
        this.forces = forces;
    }

    /** {@return the real file system, forces counted} */
    static BenchFileIo durable() {
        return new BenchFileIo(true);
    }

    /** {@return the real file system without any force (files or directories)} */
    static BenchFileIo unforced() {
        return new BenchFileIo(false);
    }

    /** {@return how many files were forced (or would have been) so far} */
    long forcedFiles() {
        return forced.get();
    }

    /** {@return the nanoseconds the calling thread has spent forcing files so far} */
    long forceNanosOfThisThread() {
        return forceNanos.get()[0];
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        forced.incrementAndGet();
        if (forces) {
            long started = System.nanoTime();
            real.force(channel);
            forceNanos.get()[0] += System.nanoTime() - started;
        }
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        if (forces) {
            real.forceDirectory(dir);
        }
    }
}

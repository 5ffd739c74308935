package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@link FileIo} for {@link StoreBenchmark}: counts the forces of files, and in its
 * {@linkplain #unforced() unforced} form skips every force, so that a benchmark can fill a store fast or
 * measure what a commit costs besides the disk. An unforced store is not durable. Thread-safe.
 */
final class BenchFileIo extends ForwardingFileIo {
    private final boolean forces;
    private final AtomicLong forced = new AtomicLong();

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

    @Override
    public void force(FileChannel channel) throws IOException {
        forced.incrementAndGet();
        if (forces) {
            real.force(channel);
        }
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        if (forces) {
            real.forceDirectory(dir);
        }
    }
}

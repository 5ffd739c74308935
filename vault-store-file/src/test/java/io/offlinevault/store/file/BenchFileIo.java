package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@link FileIo} for {@link StoreBenchmark}: counts the forces of files, and in its
 * {@linkplain #unforced() unforced} form skips every force, so that a benchmark can fill a store fast or
 * measure what a commit costs besides the disk. An unforced store is not durable. Thread-safe.
 */
final class BenchFileIo implements FileIo {
    private final FileIo delegate = new RealFileIo();
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
            delegate.force(channel);
        }
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        if (forces) {
            delegate.forceDirectory(dir);
        }
    }

    @Override
    public FileChannel openForReading(Path file) throws IOException {
        return delegate.openForReading(file);
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        return delegate.createNew(file);
    }

    @Override
    public FileChannel openForAppending(Path file) throws IOException {
        return delegate.openForAppending(file);
    }

    @Override
    public FileChannel openLockFile(Path file) throws IOException {
        return delegate.openLockFile(file);
    }

    @Override
    public Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        return delegate.tryLock(channel);
    }

    @Override
    public long size(FileChannel channel) throws IOException {
        return delegate.size(channel);
    }

    @Override
    public int read(FileChannel channel, ByteBuffer into) throws IOException {
        return delegate.read(channel, into);
    }

    @Override
    public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        delegate.write(channel, bytes);
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        delegate.truncate(channel, size);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        delegate.moveAtomically(source, target);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        delegate.createLink(link, existing);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
        delegate.createDirectory(dir);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return delegate.deleteIfExists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return delegate.exists(path);
    }

    @Override
    public Optional<Set<PosixFilePermission>> permissions(Path path) throws IOException {
        return delegate.permissions(path);
    }

    @Override
    public Optional<FileStamp> stamp(Path file) throws IOException {
        return delegate.stamp(file);
    }
}

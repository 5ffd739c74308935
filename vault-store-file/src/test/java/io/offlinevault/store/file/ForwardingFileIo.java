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

/** The real file system, every operation forwarded: test doubles override only what they change. */
abstract class ForwardingFileIo implements FileIo {
    protected final FileIo real = new RealFileIo();

    @Override
    public FileChannel openForReading(Path file) throws IOException {
        return real.openForReading(file);
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        return real.createNew(file);
    }

    @Override
    public FileChannel openForAppending(Path file) throws IOException {
        return real.openForAppending(file);
    }

    @Override
    public FileChannel openLockFile(Path file) throws IOException {
        return real.openLockFile(file);
    }

    @Override
    public Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        return real.tryLock(channel);
    }

    @Override
    public long size(FileChannel channel) throws IOException {
        return real.size(channel);
    }

    @Override
    public int read(FileChannel channel, ByteBuffer into) throws IOException {
        return real.read(channel, into);
    }

    @Override
    public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        real.write(channel, bytes);
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        real.force(channel);
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        real.truncate(channel, size);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        real.moveAtomically(source, target);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        real.createLink(link, existing);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
        real.createDirectory(dir);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        real.forceDirectory(dir);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return real.deleteIfExists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return real.exists(path);
    }

    @Override
    public boolean isSpecial(Path path) {
        return real.isSpecial(path);
    }

    @Override
    public Optional<FileStamp> stamp(Path file) throws IOException {
        return real.stamp(file);
    }

    @Override
    public Optional<Set<PosixFilePermission>> permissions(Path path) throws IOException {
        return real.permissions(path);
    }

    @Override
    public void ownerOnly(Path path) throws IOException {
        real.ownerOnly(path);
    }
}

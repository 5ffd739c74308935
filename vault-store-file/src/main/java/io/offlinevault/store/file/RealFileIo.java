package io.offlinevault.store.file;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The production {@link FileIo}: plain {@code java.nio} calls on the default file system. Thread-safe. */
final class RealFileIo implements FileIo {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    // Windows cannot open a directory as a channel; it is documented as running without directory fsync.
    private static final boolean DIRECTORY_FORCE = File.separatorChar == '/';
    private static final FileAttribute<?>[] FILE_MODE = mode("rw-------");
    private static final FileAttribute<?>[] DIRECTORY_MODE = mode("rwx------");

    @Override
    public FileChannel openForReading(Path file) throws IOException {
        return FileChannel.open(file, READ);
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(CREATE_NEW, WRITE, LinkOption.NOFOLLOW_LINKS), FILE_MODE);
    }

    @Override
    public FileChannel openForAppending(Path file) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(WRITE, APPEND, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public FileChannel openLockFile(Path file) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(CREATE, WRITE, LinkOption.NOFOLLOW_LINKS), FILE_MODE);
    }

    @Override
    public Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        return Optional.ofNullable(channel.tryLock());
    }

    @Override
    public long size(FileChannel channel) throws IOException {
        return channel.size();
    }

    @Override
    public int read(FileChannel channel, ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        channel.force(true);
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        channel.truncate(size);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        Files.createLink(link, existing);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
        Files.createDirectory(dir, DIRECTORY_MODE);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        if (!DIRECTORY_FORCE) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, READ)) {
            channel.force(true);
        }
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return Files.deleteIfExists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted(Comparator.comparing(Path::toString)).collect(Collectors.toUnmodifiableList());
        }
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isSpecial(Path path) {
        return Files.exists(path) && !Files.isRegularFile(path);
    }

    @Override
    public Optional<FileStamp> stamp(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileStamp(attributes.fileKey(), attributes.size(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Set<PosixFilePermission>> permissions(Path path) throws IOException {
        if (!POSIX) {
            return Optional.empty();
        }
        return Optional.of(Files.getPosixFilePermissions(path));
    }

    @Override
    public void ownerOnly(Path path) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path,
                    LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------"));
        }
    }

    // The mode is given explicitly at creation so that it never depends on the process umask.
    private static FileAttribute<?>[] mode(String permissions) {
        if (!POSIX) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}

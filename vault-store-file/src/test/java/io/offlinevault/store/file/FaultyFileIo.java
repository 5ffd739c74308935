package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link FileIo} over the real one that records every step and throws at a chosen one: the N-th step
 * overall, or the first step of a named operation. Not thread-safe; one per test.
 */
final class FaultyFileIo implements FileIo {
    private final FileIo delegate = new RealFileIo();
    private final List<String> steps = new ArrayList<>();
    private final int failAtStep;
    private final String failOnOperation;
    private final IOException failure;
    private long sizeDelta;
    private boolean failed;
    private Predicate<String> failEvery = step -> false;
    private Predicate<String> failFirst = step -> false;
    private final Map<FileChannel, String> channelNames = Collections.synchronizedMap(new IdentityHashMap<>());
    private Runnable beforeForce = () -> { };
    private Runnable beforeWrite = () -> { };
    private IOException firstFailure;
    private boolean partialWrites;

    private FaultyFileIo(int failAtStep, String failOnOperation, IOException failure) {
        this.failAtStep = failAtStep;
        this.failOnOperation = failOnOperation;
        this.failure = failure;
    }

    /** {@return a seam that only records} */
    static FaultyFileIo recording() {
        return new FaultyFileIo(0, null, null);
    }

    /** {@return a seam that throws an I/O error at the {@code step}-th step (1-based)} */
    static FaultyFileIo failingAtStep(int step) {
        return new FaultyFileIo(step, null, new IOException("injected fault"));
    }

    /** {@return a seam that throws {@code failure} at the {@code step}-th step (1-based)} */
    static FaultyFileIo failingAtStep(int step, IOException failure) {
        return new FaultyFileIo(step, null, failure);
    }

    /** {@return a seam that throws {@code failure} at the first call of {@code operation} (a method name)} */
    static FaultyFileIo failingOn(String operation, IOException failure) {
        return new FaultyFileIo(0, operation, failure);
    }

    /** {@return the "No space left on device" error the JDK raises for ENOSPC} */
    static IOException diskFull() {
        return new FileSystemException("/injected", null, "No space left on device");
    }

    /** Makes every step named like {@code step} ("operation file", temp suffixes as ".tmp-*") fail, not just the first. */
    FaultyFileIo failingEvery(Predicate<String> step) {
        this.failEvery = step;
        return this;
    }

    /** Makes the first step named like {@code step} throw {@code failure}. */
    FaultyFileIo failingFirst(Predicate<String> step, IOException failure) {
        AtomicBoolean done = new AtomicBoolean();
        this.failFirst = name -> step.test(name) && !done.getAndSet(true);
        this.firstFailure = failure;
        return this;
    }

    /** Makes a failing write write half of its bytes first, as a disk that fills up mid-write does. */
    FaultyFileIo writingHalfBeforeFailing() {
        this.partialWrites = true;
        return this;
    }

    /** Runs {@code action} at the start of every {@link #force(FileChannel)}, in the forcing thread (to hold it). */
    FaultyFileIo beforeEveryForce(Runnable action) {
        this.beforeForce = action;
        return this;
    }

    /** Runs {@code action} at the start of every {@link #write(FileChannel, ByteBuffer)}, in the writing thread. */
    FaultyFileIo beforeEveryWrite(Runnable action) {
        this.beforeWrite = action;
        return this;
    }

    /** Makes {@link #size(FileChannel)} report {@code delta} bytes more than the truth (a file that changes). */
    FaultyFileIo reportingSizeOff(long delta) {
        this.sizeDelta = delta;
        return this;
    }

    /** {@return every step so far, as "operation name"} */
    List<String> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    /** {@return whether the fault was injected} */
    boolean failed() {
        return failed;
    }

    private void step(String operation, Object target) throws IOException {
        String step = operation + " " + name(target);
        int index;
        synchronized (steps) {
            steps.add(step);
            index = steps.size();
        }
        if (failFirst.test(step)) {
            throw firstFailure;
        }
        if (failEvery.test(step)) {
            throw failure != null ? failure : new IOException("injected fault");
        }
        boolean now = failOnOperation == null ? index == failAtStep : failOnOperation.equals(operation);
        if (now && !failed) {
            failed = true;
            throw failure;
        }
    }

    private String name(Object target) {
        if (target instanceof Path) {
            Path file = ((Path) target).getFileName();
            return file == null ? target.toString() : file.toString().replaceAll("\\.tmp-[0-9a-f]+$", ".tmp-*");
        }
        return channelNames.getOrDefault(target, "channel");
    }

    private FileChannel named(FileChannel channel, Path file) {
        channelNames.put(channel, name(file));
        return channel;
    }

    @Override
    public FileChannel openForReading(Path file) throws IOException {
        step("openForReading", file);
        return named(delegate.openForReading(file), file);
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        step("createNew", file);
        return named(delegate.createNew(file), file);
    }

    @Override
    public FileChannel openForAppending(Path file) throws IOException {
        step("openForAppending", file);
        return named(delegate.openForAppending(file), file);
    }

    @Override
    public FileChannel openLockFile(Path file) throws IOException {
        step("openLockFile", file);
        return named(delegate.openLockFile(file), file);
    }

    @Override
    public Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        step("tryLock", channel);
        return delegate.tryLock(channel);
    }

    @Override
    public long size(FileChannel channel) throws IOException {
        step("size", channel);
        return delegate.size(channel) + sizeDelta;
    }

    @Override
    public int read(FileChannel channel, ByteBuffer into) throws IOException {
        step("read", channel);
        return delegate.read(channel, into);
    }

    @Override
    public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        beforeWrite.run();
        try {
            step("write", channel);
        } catch (IOException e) {
            if (partialWrites) {
                ByteBuffer half = bytes.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                delegate.write(channel, half);
            }
            throw e;
        }
        delegate.write(channel, bytes);
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        beforeForce.run();
        step("force", channel);
        delegate.force(channel);
    }

    @Override
    public void truncate(FileChannel channel, long size) throws IOException {
        step("truncate", channel);
        delegate.truncate(channel, size);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        step("moveAtomically", target);
        delegate.moveAtomically(source, target);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        step("createLink", link);
        delegate.createLink(link, existing);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
        step("createDirectory", dir);
        delegate.createDirectory(dir);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        step("forceDirectory", dir);
        delegate.forceDirectory(dir);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        step("deleteIfExists", path);
        return delegate.deleteIfExists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        step("list", dir);
        return delegate.list(dir);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        step("exists", path);
        return delegate.exists(path);
    }

    // A query that changes nothing and cannot fail: not a step, so that the steps' numbering stays as it was.
    @Override
    public boolean isSpecial(Path path) {
        return delegate.isSpecial(path);
    }

    @Override
    public Optional<FileStamp> stamp(Path file) throws IOException {
        step("stamp", file);
        return delegate.stamp(file);
    }

    @Override
    public Optional<Set<PosixFilePermission>> permissions(Path path) throws IOException {
        step("permissions", path);
        return delegate.permissions(path);
    }

    @Override
    public void ownerOnly(Path path) throws IOException {
        step("ownerOnly", path);
        delegate.ownerOnly(path);
    }
}

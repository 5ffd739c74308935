package io.offlinevault.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A {@link FileIo} over the real file system that records every step changing the disk under one root
 * directory (create, write, truncate, force, rename, link, delete, make directory, directory force) and
 * gives, for any step, what the disk holds after a crash there. Thread-safe: each step is done and recorded
 * under one lock, so the record is the order in which the steps happened.
 *
 * <p>The disk model has inodes, as POSIX file systems do. A file's content and a directory's entries are
 * separate things that become durable separately:
 * <ul>
 * <li><b>file content</b> (its bytes and its size, so writes and truncates alike) survives a power loss
 * exactly as of the last {@code force} of that file; a file never forced survives empty;</li>
 * <li><b>directory entries</b> (a file created, a directory made, a rename, a hard link, a deletion)
 * survive exactly as of the last {@code forceDirectory} of the directory holding them; a directory
 * never forced survives empty, and a rename between two directories counts in each as that one is
 * forced;</li>
 * <li>a file whose name never became durable is lost even if its content was forced; a durable name whose
 * file was never forced is an empty file.</li>
 * </ul>
 * This is the weakest behaviour POSIX allows, and what a drive cache that loses everything unsynced does;
 * real file systems often keep more (ext4 commits renames in order, for one), never less. A crash of the
 * process alone (kill -9) is the other extreme: every step done so far survives, as the page cache does;
 * {@link #afterProcessCrash} gives that disk. A disk whose {@code force} lies (acknowledges without
 * syncing) can be simulated with {@link #lyingOn}, to show that the model catches a missing force.
 * Paths outside the root are passed through unrecorded; the root must be empty when recording starts.
 */
final class PowerLossFileIo extends ForwardingFileIo {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final int ROOT = 0;

    private final Path root;
    private final Disk live = new Disk();
    private final List<Step> steps = new ArrayList<>();
    private final Map<FileChannel, Integer> inodes = new IdentityHashMap<>();
    private final Map<FileChannel, String> names = new IdentityHashMap<>();
    private Predicate<String> lying = step -> false;
    private int nextInode = ROOT + 1;

    private PowerLossFileIo(Path root) {
        this.root = root;
    }

    /** {@return a seam that records every change under {@code root}, an existing empty directory} */
    static PowerLossFileIo recording(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("the recorded root must start empty: " + root);
            }
            return new PowerLossFileIo(root.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the recorded root directory} */
    Path root() {
        return root;
    }

    /**
     * Makes every {@code force} or {@code forceDirectory} step named like {@code step} ("force journal.1",
     * "forceDirectory blobs"; temp suffixes as ".tmp-*") succeed without syncing anything: a lying disk.
     */
    PowerLossFileIo lyingOn(Predicate<String> step) {
        this.lying = step;
        return this;
    }

    /** {@return how many steps were recorded so far} A crash "at step k" comes after the first k steps. */
    synchronized int stepCount() {
        return steps.size();
    }

    /** {@return every step recorded so far, described as "operation name"} */
    synchronized List<String> steps() {
        return steps.stream().map(Step::describe).toList();
    }

    /** {@return what the root holds after a power loss after the first {@code k} steps} */
    Image afterPowerLoss(int k) {
        return replay(k).image(true);
    }

    /** {@return what the root holds when the process is killed after the first {@code k} steps} */
    Image afterProcessCrash(int k) {
        return replay(k).image(false);
    }

    private synchronized Disk replay(int k) {
        Disk disk = new Disk();
        steps.subList(0, k).forEach(disk::apply);
        return disk;
    }

    /**
     * The files and directories under the root after a crash, by path relative to it. Hard links are written
     * out as copies: the store never relies on two names sharing a file.
     */
    record Image(SortedSet<String> directories, SortedMap<String, byte[]> files) {
        /** {@return a key equal for two images exactly when they hold the same} */
        String fingerprint() {
            StringBuilder out = new StringBuilder(String.join("/\n", directories)).append('\n');
            files.forEach((path, content) -> out.append(path).append(' ').append(digest(content)).append('\n'));
            return out.toString();
        }

        /** Writes the image into {@code target}, an existing empty directory: files 0600, directories 0700. */
        void writeTo(Path target) {
            try {
                for (String directory : directories) {
                    Files.createDirectory(target.resolve(directory), PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                }
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Path path = target.resolve(file.getKey());
                    Files.write(path, file.getValue());
                    Files.setPosixFilePermissions(path, FILE_MODE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String digest(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public synchronized FileChannel createNew(Path file) throws IOException {
        FileChannel channel = real.createNew(file);
        Optional<Place> place = place(file);
        if (place.isPresent()) {
            int inode = nextInode++;
            record(new Step.CreateFile(place.get().directory(), place.get().name(), inode));
            inodes.put(channel, inode);
            names.put(channel, place.get().name());
        }
        return channel;
    }

    @Override
    public synchronized FileChannel openForAppending(Path file) throws IOException {
        FileChannel channel = real.openForAppending(file);
        Optional<Place> place = place(file);
        if (place.isPresent()) {
            inodes.put(channel, live.inodeAt(place.get()));
            names.put(channel, place.get().name());
        }
        return channel;
    }

    @Override
    public synchronized FileChannel openLockFile(Path file) throws IOException {
        Optional<Place> place = place(file);
        boolean existed = real.exists(file);
        FileChannel channel = real.openLockFile(file);
        if (place.isPresent()) {
            if (!existed) {
                record(new Step.CreateFile(place.get().directory(), place.get().name(), nextInode++));
            }
            inodes.put(channel, live.inodeAt(place.get()));
            names.put(channel, place.get().name());
        }
        return channel;
    }

    @Override
    public synchronized void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        Integer inode = inodes.get(channel);
        // a channel opened for appending reports the file's size as its position
        long position = channel.position();
        byte[] written = new byte[bytes.remaining()];
        bytes.duplicate().get(written);
        real.write(channel, bytes);
        if (inode != null) {
            record(new Step.Write(inode, names.get(channel), position, written));
            checkSize(channel, inode);
        }
    }

    @Override
    public synchronized void force(FileChannel channel) throws IOException {
        Integer inode = inodes.get(channel);
        if (inode != null && lying.test("force " + templess(names.get(channel)))) {
            return;
        }
        real.force(channel);
        if (inode != null) {
            record(new Step.Force(inode, names.get(channel)));
        }
    }

    @Override
    public synchronized void truncate(FileChannel channel, long size) throws IOException {
        real.truncate(channel, size);
        Integer inode = inodes.get(channel);
        if (inode != null) {
            record(new Step.Truncate(inode, names.get(channel), size));
            checkSize(channel, inode);
        }
    }

    @Override
    public synchronized void moveAtomically(Path source, Path target) throws IOException {
        real.moveAtomically(source, target);
        Optional<Place> from = place(source);
        Optional<Place> to = place(target);
        if (from.isPresent() != to.isPresent()) {
            throw new IllegalStateException("a rename across the recorded root: " + source + " -> " + target);
        }
        if (from.isPresent()) {
            record(new Step.Rename(from.get(), to.get()));
        }
    }

    @Override
    public synchronized void createLink(Path link, Path existing) throws IOException {
        real.createLink(link, existing);
        Optional<Place> place = place(link);
        if (place.isPresent()) {
            record(new Step.Link(place.get(), live.inodeAt(place(existing).orElseThrow())));
        }
    }

    @Override
    public synchronized void createDirectory(Path dir) throws IOException {
        real.createDirectory(dir);
        Optional<Place> place = place(dir);
        if (place.isPresent()) {
            record(new Step.CreateDirectory(place.get().directory(), place.get().name(), nextInode++));
        }
    }

    @Override
    public synchronized void forceDirectory(Path dir) throws IOException {
        Optional<Integer> inode = directory(dir);
        if (inode.isPresent() && lying.test("forceDirectory " + dir.getFileName())) {
            return;
        }
        real.forceDirectory(dir);
        if (inode.isPresent()) {
            record(new Step.ForceDirectory(inode.get(), String.valueOf(dir.getFileName())));
        }
    }

    @Override
    public synchronized boolean deleteIfExists(Path path) throws IOException {
        boolean existed = real.deleteIfExists(path);
        Optional<Place> place = place(path);
        if (existed && place.isPresent()) {
            record(new Step.Delete(place.get()));
        }
        return existed;
    }

    private void record(Step step) {
        live.apply(step);
        steps.add(step);
    }

    // The model and the real file must agree after every write and truncate, or the model is wrong.
    private void checkSize(FileChannel channel, int inode) throws IOException {
        long size = real.size(channel);
        if (size != live.node(inode).content.length) {
            throw new IllegalStateException("the model of " + names.get(channel) + " holds "
                    + live.node(inode).content.length + " bytes, the file " + size);
        }
    }

    // Where path's entry lives in the model: its directory's inode and its name; empty outside the root.
    private Optional<Place> place(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent().toRealPath();
        if (!parent.startsWith(root)) {
            return Optional.empty();
        }
        int directory = ROOT;
        for (Path part : root.relativize(parent)) {
            if (!part.toString().isEmpty()) {
                directory = live.inodeAt(new Place(directory, part.toString()));
            }
        }
        return Optional.of(new Place(directory, absolute.getFileName().toString()));
    }

    private Optional<Integer> directory(Path dir) throws IOException {
        if (dir.toAbsolutePath().normalize().toRealPath().equals(root)) {
            return Optional.of(ROOT);
        }
        Optional<Place> place = place(dir);
        return place.map(live::inodeAt);
    }

    private static String templess(String name) {
        return name.replaceAll("\\.tmp-[0-9a-f]+$", ".tmp-*");
    }

    /** A directory entry: the directory's inode and the entry's name. */
    private record Place(int directory, String name) {
    }

    /** One step that changes the disk, on inodes rather than paths. */
    private sealed interface Step {
        String describe();

        record CreateFile(int directory, String name, int inode) implements Step {
            @Override
            public String describe() {
                return "createNew " + templess(name);
            }
        }

        record CreateDirectory(int parent, String name, int inode) implements Step {
            @Override
            public String describe() {
                return "createDirectory " + name;
            }
        }

        record Write(int inode, String name, long position, byte[] bytes) implements Step {
            @Override
            public String describe() {
                return "write " + templess(name) + " (" + bytes.length + " bytes at " + position + ")";
            }
        }

        record Truncate(int inode, String name, long size) implements Step {
            @Override
            public String describe() {
                return "truncate " + templess(name) + " to " + size;
            }
        }

        record Force(int inode, String name) implements Step {
            @Override
            public String describe() {
                return "force " + templess(name);
            }
        }

        record Rename(Place from, Place to) implements Step {
            @Override
            public String describe() {
                return "moveAtomically " + templess(from.name()) + " -> " + to.name();
            }
        }

        record Link(Place place, int inode) implements Step {
            @Override
            public String describe() {
                return "createLink " + templess(place.name());
            }
        }

        record Delete(Place place) implements Step {
            @Override
            public String describe() {
                return "deleteIfExists " + templess(place.name());
            }
        }

        record ForceDirectory(int inode, String name) implements Step {
            @Override
            public String describe() {
                return "forceDirectory " + name;
            }
        }
    }

    /** A file or a directory: what the process sees now, and what survives a power loss. */
    private static final class Node {
        final boolean directory;
        byte[] content = new byte[0];
        byte[] durableContent = new byte[0];
        Map<String, Integer> entries = new TreeMap<>();
        Map<String, Integer> durableEntries = new TreeMap<>();

        Node(boolean directory) {
            this.directory = directory;
        }
    }

    /** The model of the disk: inodes, and the steps applied to them. */
    private static final class Disk {
        private final Map<Integer, Node> nodes = new HashMap<>(Map.of(ROOT, new Node(true)));

        Node node(int inode) {
            return nodes.get(inode);
        }

        int inodeAt(Place place) {
            Integer inode = nodes.get(place.directory()).entries.get(place.name());
            if (inode == null) {
                throw new IllegalStateException("the model has no " + place.name());
            }
            return inode;
        }

        void apply(Step step) {
            if (step instanceof Step.CreateFile create) {
                nodes.put(create.inode(), new Node(false));
                node(create.directory()).entries.put(create.name(), create.inode());
            } else if (step instanceof Step.CreateDirectory create) {
                nodes.put(create.inode(), new Node(true));
                node(create.parent()).entries.put(create.name(), create.inode());
            } else if (step instanceof Step.Write write) {
                Node file = node(write.inode());
                int end = Math.toIntExact(write.position() + write.bytes().length);
                if (end > file.content.length) {
                    file.content = Arrays.copyOf(file.content, end);
                }
                System.arraycopy(write.bytes(), 0, file.content, (int) write.position(), write.bytes().length);
            } else if (step instanceof Step.Truncate truncate) {
                Node file = node(truncate.inode());
                if (truncate.size() < file.content.length) {
                    file.content = Arrays.copyOf(file.content, (int) truncate.size());
                }
            } else if (step instanceof Step.Force force) {
                node(force.inode()).durableContent = node(force.inode()).content.clone();
            } else if (step instanceof Step.Rename rename) {
                Integer inode = node(rename.from().directory()).entries.remove(rename.from().name());
                node(rename.to().directory()).entries.put(rename.to().name(), inode);
            } else if (step instanceof Step.Link link) {
                node(link.place().directory()).entries.put(link.place().name(), link.inode());
            } else if (step instanceof Step.Delete delete) {
                node(delete.place().directory()).entries.remove(delete.place().name());
            } else if (step instanceof Step.ForceDirectory force) {
                node(force.inode()).durableEntries = new TreeMap<>(node(force.inode()).entries);
            } else {
                throw new IllegalArgumentException("unknown step " + step.describe());
            }
        }

        Image image(boolean powerLoss) {
            Image image = new Image(new TreeSet<>(), new TreeMap<>());
            collect(ROOT, "", powerLoss, image);
            return image;
        }

        private void collect(int directory, String prefix, boolean powerLoss, Image image) {
            Node dir = node(directory);
            for (Map.Entry<String, Integer> entry : (powerLoss ? dir.durableEntries : dir.entries).entrySet()) {
                String path = prefix + entry.getKey();
                Node node = node(entry.getValue());
                if (node.directory) {
                    image.directories().add(path);
                    collect(entry.getValue(), path + "/", powerLoss, image);
                } else {
                    image.files().put(path, powerLoss ? node.durableContent : node.content.clone());
                }
            }
        }
    }
}

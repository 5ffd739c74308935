package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.port.out.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A vault location under a test's temp dir, and ways to look at its files. */
final class StoreFixture {
    static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_" + "T".repeat(43));
    static final Clock CLOCK = () -> 1_767_261_600_000L;

    final Path dataDir;
    final Path keyFile;
    final StoreLocation location;

    StoreFixture(Path root) {
        this.dataDir = root.resolve("data");
        this.keyFile = root.resolve("keys").resolve("vault.key");
        this.location = StoreLocation.of(dataDir, keyFile);
    }

    /** {@return a new vault, created with {@link #ADMIN_TOKEN}} */
    FileVaultStore create() {
        return create(new RealFileIo());
    }

    FileVaultStore create(FileIo io) {
        return FileVaultStore.openOrCreate(location, () -> ADMIN_TOKEN, OpenOptions.of(CLOCK).withIo(io)).store();
    }

    FileVaultStore open() {
        return open(new RealFileIo());
    }

    FileVaultStore open(FileIo io) {
        return FileVaultStore.open(location, OpenOptions.of(CLOCK).withIo(io));
    }

    /** {@return a new vault that checkpoints as {@code policy} says} */
    FileVaultStore create(FileIo io, FileVaultRepository.Policy policy) {
        return FileVaultStore.openOrCreate(location, () -> ADMIN_TOKEN,
                OpenOptions.of(CLOCK).withIo(io).withPolicy(policy)).store();
    }

    FileVaultStore open(FileIo io, FileVaultRepository.Policy policy) {
        return FileVaultStore.open(location, OpenOptions.of(CLOCK).withIo(io).withPolicy(policy));
    }

    FileVaultStore open(FileIo io, VaultKeys keys) {
        return FileVaultStore.open(location, OpenOptions.of(CLOCK).withIo(io).withKeys(keys));
    }

    /** {@return the journal segment {@code number}} */
    Path segment(long number) {
        return JournalSegment.path(dataDir, number);
    }

    /** {@return the bytes of every store file (checkpoint, checkpoint.prev, journal segments, blobs), by path} */
    Map<String, byte[]> storeFiles() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = dataDir.relativize(file).toString();
                if (name.equals(Checkpoint.FILE) || name.equals(Checkpoint.PREVIOUS) || name.startsWith(Blobs.DIRECTORY)
                        || JournalSegment.number(file).isPresent()) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** {@return the bytes of every file under the data dir and the key file's directory} */
    Map<String, byte[]> allFiles() {
        Map<String, byte[]> files = new TreeMap<>();
        for (Path root : new Path[] {dataDir, keyFile.getParent()}) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(file.toString(), Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}

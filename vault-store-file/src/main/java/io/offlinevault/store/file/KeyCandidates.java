package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys that may open a vault, in the order they are tried: the key file, then what an interrupted key
 * change left beside it ({@code <key file>.new}, then the newest {@code <key file>.old-<date>}), then the
 * passphrase, asked for at most once. A key file that exists but cannot be read is an error; a leftover that
 * cannot be read is skipped.
 */
final class KeyCandidates implements Keyring.KeySource {
    static final String NEW_SUFFIX = ".new";
    static final String OLD_INFIX = ".old-";
    private static final System.Logger LOG = System.getLogger(KeyCandidates.class.getName());

    private final List<Map.Entry<String, Kek>> keyFiles;
    private final VaultKeys keys;
    private final AtomicReference<Optional<SecretValue>> passphrase = new AtomicReference<>();

    private KeyCandidates(List<Map.Entry<String, Kek>> keyFiles, VaultKeys keys) {
        this.keyFiles = List.copyOf(keyFiles);
        this.keys = keys;
    }

    /** {@return the candidates for the key file at {@code keyFile}, as {@code keys} allows} */
    static KeyCandidates of(FileIo io, Path keyFile, VaultKeys keys) throws IOException {
        List<Map.Entry<String, Kek>> found = new ArrayList<>();
        if (keys.useKeyFile()) {
            if (io.exists(keyFile)) {
                found.add(Map.entry("the key file " + keyFile, KeyFile.read(io, keyFile)));
            }
            Path fresh = keyFile.resolveSibling(keyFile.getFileName() + NEW_SUFFIX);
            leftover(io, fresh).ifPresent(found::add);
            newestOld(io, keyFile).flatMap(old -> leftover(io, old)).ifPresent(found::add);
        }
        return new KeyCandidates(found, keys);
    }

    /** {@return the newest {@code <key file>.old-<date>}, if any} */
    static Optional<Path> newestOld(FileIo io, Path keyFile) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        if (!io.exists(dir)) {
            return Optional.empty();
        }
        String prefix = keyFile.getFileName() + OLD_INFIX;
        return io.list(dir).stream().filter(p -> p.getFileName().toString().startsWith(prefix)
                && !StoreFiles.isTemp(p)).max(Comparator.comparing(p -> p.getFileName().toString()));
    }

    private static Optional<Map.Entry<String, Kek>> leftover(FileIo io, Path file) {
        try {
            if (!io.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(Map.entry("the key file " + file, KeyFile.read(io, file)));
        } catch (IOException | StoreException e) {
            LOG.log(Level.WARNING, "skipped the key file " + file + " (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** {@return whether no key file was found} */
    boolean noKeyFile() {
        return keyFiles.isEmpty();
    }

    /** {@return whether a passphrase was asked for and given} */
    boolean passphraseGiven() {
        Optional<SecretValue> known = passphrase.get();
        return known != null && known.isPresent();
    }

    @Override
    public List<Map.Entry<String, Kek>> keyFiles() {
        return keyFiles;
    }

    @Override
    public Optional<SecretValue> passphrase() {
        return passphrase.updateAndGet(known -> known != null ? known : keys.passphrase().get());
    }
}

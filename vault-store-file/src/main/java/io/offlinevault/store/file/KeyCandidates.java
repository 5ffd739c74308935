package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The keys that may open a vault, in the order they are tried: the key file, then what an interrupted key
 * change left beside it ({@code <key file>.new}, then the newest {@code <key file>.old-<date>}), then the
 * passphrase, asked for at most once. A key file that exists but cannot be read is an error; a leftover that
 * cannot be read is skipped. An open store keeps them to read its backups back and to verify itself; they are
 * never printed (no {@code toString} names a key). Thread-safe.
 */
final class KeyCandidates implements Keyring.KeySource {
    static final String NEW_SUFFIX = ".new";
    static final String OLD_INFIX = ".old-";
    private static final StoreLog LOG = new StoreLog(KeyCandidates.class);

    private final List<Keyring.Candidate> keyFiles;
    private final Supplier<Optional<SecretValue>> ask;
    private final AtomicReference<Optional<SecretValue>> passphrase = new AtomicReference<>();

    private KeyCandidates(List<Keyring.Candidate> keyFiles, Supplier<Optional<SecretValue>> ask) {
        this.keyFiles = List.copyOf(keyFiles);
        this.ask = ask;
    }

    /** {@return the candidates for the key file at {@code keyFile}, as {@code keys} allows} */
    static KeyCandidates of(FileIo io, Path keyFile, VaultKeys keys) throws IOException {
        List<Keyring.Candidate> found = new ArrayList<>();
        if (keys.useKeyFile()) {
            if (io.exists(keyFile)) {
                found.add(new Keyring.Candidate(OpenedWith.keyFile(keyFile), KeyFile.read(io, keyFile)));
            }
            Path fresh = keyFile.resolveSibling(keyFile.getFileName() + NEW_SUFFIX);
            leftover(io, fresh).ifPresent(found::add);
            newestOld(io, keyFile).flatMap(old -> leftover(io, old)).ifPresent(found::add);
        }
        return new KeyCandidates(found, keys.passphrase());
    }

    /** {@return the keys a vault was just created with: {@code keyFiles}, then {@code passphrase} (never asked)} */
    static KeyCandidates known(List<Keyring.Candidate> keyFiles, Optional<SecretValue> passphrase) {
        return new KeyCandidates(keyFiles, () -> passphrase);
    }

    /** {@return these key files, then {@code passphrase} instead of this one: the vault's passphrase changed} */
    KeyCandidates withPassphrase(Optional<SecretValue> passphrase) {
        return known(keyFiles, passphrase);
    }

    /** {@return {@code first} (a new key file), then these keys: the vault's key file changed} */
    KeyCandidates withKeyFile(Keyring.Candidate first) {
        List<Keyring.Candidate> all = new ArrayList<>(List.of(first));
        all.addAll(keyFiles);
        return new KeyCandidates(all, this::passphrase);
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

    private static Optional<Keyring.Candidate> leftover(FileIo io, Path file) {
        try {
            if (!io.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(new Keyring.Candidate(OpenedWith.leftoverKeyFile(file), KeyFile.read(io, file)));
        } catch (IOException | StoreException e) {
            LOG.log(Level.WARNING, "skipped the key file " + file + " (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** {@return whether nothing was tried: no key file found, no passphrase given} */
    boolean nothingTried() {
        Optional<SecretValue> asked = passphrase.get();
        return keyFiles.isEmpty() && (asked == null || asked.isEmpty());
    }

    @Override
    public List<Keyring.Candidate> keyFiles() {
        return keyFiles;
    }

    @Override
    public Optional<SecretValue> passphrase() {
        return passphrase.updateAndGet(known -> known != null ? known : ask.get());
    }
}

package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which key opened a vault: its key file, a key file that an interrupted key change left beside it
 * ({@code <key file>.new} or the newest {@code <key file>.old-<date>}), or its passphrase. Immutable.
 *
 * @param source  what kind of key it was
 * @param keyFile the key file's path; present exactly when {@code source} is not {@link Source#PASSPHRASE}
 */
public record OpenedWith(Source source, Optional<Path> keyFile) {
    /** The kinds of key that open a vault. */
    public enum Source {
        /** The key file at the path the store was given. */
        KEY_FILE,
        /** A key file an interrupted key change left beside the key file: running rekey again finishes it. */
        LEFTOVER_KEY_FILE,
        /** The vault's passphrase. */
        PASSPHRASE
    }

    public OpenedWith {
        requireNonNull(source, "source");
        requireNonNull(keyFile, "keyFile");
        if (keyFile.isPresent() == (source == Source.PASSPHRASE)) {
            throw new IllegalArgumentException("a key file path goes with a key file, and only with one");
        }
    }

    /** {@return the key file at {@code path}, the one the store was given} */
    public static OpenedWith keyFile(Path path) {
        return new OpenedWith(Source.KEY_FILE, Optional.of(path));
    }

    /** {@return the key file at {@code path}, left by an interrupted key change} */
    public static OpenedWith leftoverKeyFile(Path path) {
        return new OpenedWith(Source.LEFTOVER_KEY_FILE, Optional.of(path));
    }

    /** {@return the passphrase} */
    public static OpenedWith passphrase() {
        return new OpenedWith(Source.PASSPHRASE, Optional.empty());
    }

    /** {@return whether a key file left by an interrupted key change opened the vault} */
    public boolean isLeftover() {
        return source == Source.LEFTOVER_KEY_FILE;
    }

    /** {@return how a sentence names it: "the key file /k/vault.key" or "the passphrase"} */
    public String describe() {
        return keyFile.map(path -> "the key file " + path).orElse("the passphrase");
    }
}

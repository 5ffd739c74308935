package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.SecretValue;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What unlocks a vault and what protects a new one: the location's key file ({@code useKeyFile}) and/or a
 * passphrase. The passphrase is asked for only when needed: for a new vault (then it adds a passphrase slot,
 * with {@code newSlotParams}), or when no key file opens the vault. A vault may have a key file, a
 * passphrase, or both.
 */
public record VaultKeys(boolean useKeyFile, Supplier<Optional<SecretValue>> passphrase, KdfParams newSlotParams) {
    public VaultKeys {
        requireNonNull(passphrase, "passphrase");
        requireNonNull(newSlotParams, "newSlotParams");
    }

    /** {@return the key file alone: no passphrase is ever asked for} */
    public static VaultKeys keyFileOnly() {
        return new VaultKeys(true, Optional::empty, KdfParams.defaults());
    }
}

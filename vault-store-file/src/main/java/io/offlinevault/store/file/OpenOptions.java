package io.offlinevault.store.file;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.port.out.Clock;

/**
 * How {@link FileVaultStore} opens or creates a vault: with which keys and which clock. By default the key
 * file alone unlocks (and protects a new vault); tests also choose the file-system seam and when the store
 * checkpoints. Immutable: each {@code with} returns a copy.
 */
public final class OpenOptions {
    private final Clock clock;
    private final VaultKeys keys;
    private final FileIo io;
    private final FileVaultRepository.Policy policy;

    private OpenOptions(Clock clock, VaultKeys keys, FileIo io, FileVaultRepository.Policy policy) {
        this.clock = requireNonNull(clock, "clock");
        this.keys = requireNonNull(keys, "keys");
        this.io = requireNonNull(io, "io");
        this.policy = requireNonNull(policy, "policy");
    }

    /** {@return the defaults with {@code clock}: the key file alone, the real file system, the default policy} */
    public static OpenOptions of(Clock clock) {
        return new OpenOptions(clock, VaultKeys.keyFileOnly(), new RealFileIo(), FileVaultRepository.Policy.DEFAULT);
    }

    /** {@return these options, unlocking (and protecting a new vault) with {@code keys}} */
    public OpenOptions withKeys(VaultKeys keys) {
        return new OpenOptions(clock, keys, io, policy);
    }

    /** {@return these options, through the file-system seam {@code io}} */
    OpenOptions withIo(FileIo io) {
        return new OpenOptions(clock, keys, io, policy);
    }

    /** {@return these options, checkpointing and rotating as {@code policy} says} */
    OpenOptions withPolicy(FileVaultRepository.Policy policy) {
        return new OpenOptions(clock, keys, io, policy);
    }

    Clock clock() {
        return clock;
    }

    VaultKeys keys() {
        return keys;
    }

    FileIo io() {
        return io;
    }

    FileVaultRepository.Policy policy() {
        return policy;
    }
}

package io.offlinevault.store.file;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Argon2id parameters of a passphrase slot, with its 16-byte salt. The policy bounds are checked before
 * the KDF ever runs: a header asking for less than m=19 MiB or t=2 would make a passphrase cheap to guess, and
 * one asking for more than m=1 GiB, t=16 or p=8 would make opening the vault a denial of service.
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism, byte[] salt) {
    /** The default for new passphrase slots: m=64 MiB, t=3, p=1. */
    public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
    public static final int DEFAULT_ITERATIONS = 3;
    public static final int DEFAULT_PARALLELISM = 1;
    /** The policy bounds: a slot outside them is refused before the KDF runs. */
    public static final int MIN_MEMORY_KIB = 19 * 1024;
    public static final int MAX_MEMORY_KIB = 1024 * 1024;
    public static final int MIN_ITERATIONS = 2;
    public static final int MAX_ITERATIONS = 16;
    static final int MAX_PARALLELISM = 8;
    static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public KdfParams {
        salt = salt.clone();
    }

    /** {@return the defaults with a fresh salt} */
    public static KdfParams defaults() {
        return fresh(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /** {@return these costs with a fresh random salt}; bounds are checked when the KDF runs */
    public static KdfParams fresh(int memoryKiB, int iterations, int parallelism) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new KdfParams(memoryKiB, iterations, parallelism, salt);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** {@return these parameters with a fresh salt: a new slot never reuses a salt} */
    KdfParams withFreshSalt() {
        return fresh(memoryKiB, iterations, parallelism);
    }

    /** Throws STORE_CORRUPT naming the bound when a parameter is outside the policy. Runs before any KDF. */
    void check(String what) {
        String problem = null;
        if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > MAX_MEMORY_KIB) {
            problem = "memory " + memoryKiB + " KiB (allowed: " + MIN_MEMORY_KIB + " to " + MAX_MEMORY_KIB + ")";
        } else if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            problem = "iterations " + iterations + " (allowed: " + MIN_ITERATIONS + " to " + MAX_ITERATIONS + ")";
        } else if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            problem = "parallelism " + parallelism + " (allowed: 1 to " + MAX_PARALLELISM + ")";
        } else if (salt.length != SALT_BYTES) {
            problem = "a " + salt.length + "-byte salt (allowed: " + SALT_BYTES + ")";
        }
        if (problem != null) {
            throw StoreErrors.kdfOutOfBounds(what, problem);
        }
    }

    Map<String, Object> toHeader() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("algorithm", "argon2id");
        fields.put("memoryKiB", memoryKiB);
        fields.put("iterations", iterations);
        fields.put("parallelism", parallelism);
        fields.put("salt", Base64.getEncoder().encodeToString(salt));
        return fields;
    }

    /** {@return the parameters of a header's kdf object}; a malformed one is STORE_CORRUPT naming {@code what} */
    static KdfParams fromHeader(Object raw, String what) {
        if (!(raw instanceof Map<?, ?> fields) || !"argon2id".equals(fields.get("algorithm"))
                || !(fields.get("memoryKiB") instanceof Integer memory) || !(fields.get("iterations") instanceof Integer t)
                || !(fields.get("parallelism") instanceof Integer p) || !(fields.get("salt") instanceof String salt)) {
            throw StoreErrors.corrupt(what + " has a malformed passphrase slot");
        }
        try {
            return new KdfParams(memory, t, p, Base64.getDecoder().decode(salt));
        } catch (IllegalArgumentException e) {
            throw StoreErrors.corrupt(what + " has a malformed passphrase slot");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KdfParams that && memoryKiB == that.memoryKiB && iterations == that.iterations
                && parallelism == that.parallelism && java.util.Arrays.equals(salt, that.salt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(memoryKiB, iterations, parallelism, java.util.Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
        return "KdfParams[argon2id, m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism + "]";
    }
}

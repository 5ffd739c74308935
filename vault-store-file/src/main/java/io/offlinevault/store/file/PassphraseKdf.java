package io.offlinevault.store.file;

import io.offlinevault.domain.entry.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Turns a passphrase into a key-encryption key with Argon2id (Bouncy Castle's {@link Argon2BytesGenerator},
 * used directly, never registered as a JCA provider). The parameters are checked against the policy
 * ({@link KdfParams#check}) before the primitive runs. The passphrase is its exact UTF-8 bytes.
 */
final class PassphraseKdf {
    /** The Argon2id primitive, without any policy: what the known-answer test calls. */
    interface Primitive {
        byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKiB,
                      int iterations, int parallelism, int length);
    }

    static final Primitive ARGON2ID = (password, salt, secret, associatedData, memoryKiB, iterations, parallelism,
                                       length) -> {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism);
        if (secret.length > 0) {
            builder.withSecret(secret);
        }
        if (associatedData.length > 0) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    };

    private final Primitive primitive;

    PassphraseKdf(Primitive primitive) {
        this.primitive = primitive;
    }

    /** {@return the KEK of {@code passphrase} under {@code params}} {@code what} names the slot in errors. */
    Kek derive(SecretValue passphrase, KdfParams params, String what) {
        params.check(what);
        byte[] password = passphrase.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] key = null;
        try {
            key = primitive.derive(password, params.salt(), new byte[0], new byte[0], params.memoryKiB(),
                    params.iterations(), params.parallelism(), Aead.KEY_BYTES);
            return Kek.of(key, params);
        } finally {
            Arrays.fill(password, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}

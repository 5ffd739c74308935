package io.offlinevault.domain.testing;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.port.out.IdGenerator;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link IdGenerator} that hands out a predictable sequence: ids {@code aaaaaaaaaaaaaaaaaaaaaaaaab},
 * {@code ...aac}, ... and tokens {@code ovt_} + 43 base64url characters encoding a counter. Two
 * generators give the same sequence. Thread-safe.
 */
public final class FixedIdGenerator implements IdGenerator {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    @Override
    public String newId() {
        long n = ids.incrementAndGet();
        char[] id = new char[26];
        for (int i = id.length - 1; i >= 0; i--) {
            id[i] = BASE32[(int) (n & 31)];
            n >>>= 5;
        }
        return new String(id);
    }

    @Override
    public SecretValue newToken() {
        ByteBuffer bytes = ByteBuffer.allocate(32);
        bytes.putLong(0, 0x6f66666c696e6521L);
        bytes.putLong(24, tokens.incrementAndGet());
        return SecretValue.of("ovt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()));
    }

    /** {@return the id that the {@code n}-th call of {@link #newId()} returns, counting from 1} */
    public static String nthId(long n) {
        FixedIdGenerator generator = new FixedIdGenerator();
        generator.ids.set(n - 1);
        return generator.newId();
    }
}

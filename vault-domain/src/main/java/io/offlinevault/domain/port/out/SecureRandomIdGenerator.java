package io.offlinevault.domain.port.out;

import io.offlinevault.domain.entry.SecretValue;
import java.security.SecureRandom;
import java.util.Base64;

/** The production {@link IdGenerator}: every id and token from one {@link SecureRandom}. */
final class SecureRandomIdGenerator implements IdGenerator {
    static final SecureRandomIdGenerator INSTANCE = new SecureRandomIdGenerator();

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final SecureRandom random = new SecureRandom();

    private SecureRandomIdGenerator() {
    }

    @Override
    public String newId() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(32)];
        }
        return new String(id);
    }

    @Override
    public SecretValue newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SecretValue.of("ovt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}

package io.offlinevault.store.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Edits container bytes the way an attacker without the key could: change parts, recompute the checksum. */
final class ContainerSurgery {
    static final int PREFIX = 10;
    static final int SHA = 32;

    private ContainerSurgery() {
    }

    static int headerLength(byte[] container) {
        return ByteBuffer.wrap(container).getInt(6);
    }

    static String headerText(byte[] container) {
        return new String(container, PREFIX, headerLength(container), StandardCharsets.UTF_8);
    }

    /** {@return the offset of the nonce, where the sealed payload starts} */
    static int payloadOffset(byte[] container) {
        return PREFIX + headerLength(container);
    }

    static byte[] withHeader(byte[] container, String header) {
        return withHeader(container, header.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return {@code container} with {@code header} in place of its header, length and checksum updated} */
    static byte[] withHeader(byte[] container, byte[] header) {
        int oldEnd = payloadOffset(container);
        byte[] payload = Arrays.copyOfRange(container, oldEnd, container.length - SHA);
        byte[] out = new byte[PREFIX + header.length + payload.length + SHA];
        ByteBuffer.wrap(out).put(container, 0, 6).putInt(header.length).put(header).put(payload);
        return withChecksum(out);
    }

    static byte[] withVersion(byte[] container, int version) {
        byte[] out = container.clone();
        ByteBuffer.wrap(out).putShort(4, (short) version);
        return withChecksum(out);
    }

    /** {@return a copy of {@code container} whose final 32 bytes are the SHA-256 of the rest} */
    static byte[] withChecksum(byte[] container) {
        byte[] out = container.clone();
        int checked = out.length - SHA;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(out, 0, checked);
            System.arraycopy(digest.digest(), 0, out, checked, SHA);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}

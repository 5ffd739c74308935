package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;
import javax.crypto.SecretKey;

/**
 * The frame of one journal record, big-endian:
 * {@code length(4) | seq(8) | crc32c(length, seq)(4) | sealed payload (length bytes: nonce, ciphertext, tag)
 * | crc32c(payload)(4)}. The CRCs find torn and damaged records without a key; the AEAD tag, whose AAD binds
 * the vault id, the segment, the sequence number and the key term, finds records that were changed or moved
 * from another place. One record holds one batch ({@link JournalEntry}).
 */
final class JournalRecord {
    /** The largest payload of one record, before sealing: one batch over it is refused whole. */
    static final int MAX_PLAINTEXT = 64 * 1024 * 1024;

    private static final int HEADER_BYTES = Integer.BYTES + Long.BYTES + Integer.BYTES;
    private static final int TRAILER_BYTES = Integer.BYTES;
    private static final int MIN_SEALED = Aead.sealedLength(0);
    private static final int MAX_SEALED = Aead.sealedLength(MAX_PLAINTEXT);
    private static final byte[] AAD_LABEL = "offline-vault journal record v2".getBytes(StandardCharsets.US_ASCII);

    private JournalRecord() {
    }

    /** Where records are: a segment of a vault, sealed under one key term. */
    record Place(String vaultId, long segment, int term) {
        byte[] aad(long seq) {
            byte[] vault = vaultId.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(AAD_LABEL.length + Integer.BYTES + vault.length + 2 * Long.BYTES + Integer.BYTES)
                    .put(AAD_LABEL).putInt(vault.length).put(vault).putLong(segment).putLong(seq).putInt(term).array();
        }
    }

    /** A frame whose length fits and whose two CRCs pass, found at {@code offset}; its payload is still sealed. */
    record Frame(int offset, long seq, int payloadLength) {
        /** {@return the offset just past this frame} */
        int end() {
            return offset + HEADER_BYTES + payloadLength + TRAILER_BYTES;
        }
    }

    /**
     * {@return the length of the frame of a record of {@code plaintextLength} bytes}
     *
     * @throws StoreException STORE_WRITE_FAILED when the payload is over {@link #MAX_PLAINTEXT}
     */
    static int frameLength(int plaintextLength) {
        if (plaintextLength > MAX_PLAINTEXT) {
            throw StoreErrors.changeTooLarge(plaintextLength, MAX_PLAINTEXT);
        }
        return HEADER_BYTES + Aead.sealedLength(plaintextLength) + TRAILER_BYTES;
    }

    /**
     * Writes the framed record {@code seq} holding the first {@code length} bytes of {@code plaintext}, sealed under
     * {@code key} for {@code place}, into {@code out} at {@code offset}, which has room for {@link #frameLength}
     * bytes; {@return the frame's length}
     *
     * @throws StoreException STORE_WRITE_FAILED when the payload is over {@link #MAX_PLAINTEXT}
     */
    static int sealInto(Place place, long seq, byte[] plaintext, int length, SecretKey key, byte[] out, int offset) {
        int frameLength = frameLength(length);
        int sealedLength = Aead.sealedLength(length);
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.putInt(offset, sealedLength).putLong(offset + Integer.BYTES, seq)
                .putInt(offset + Integer.BYTES + Long.BYTES, crc(out, offset, Integer.BYTES + Long.BYTES));
        Aead.sealInto(key, plaintext, length, place.aad(seq), out, offset + HEADER_BYTES);
        buffer.putInt(offset + HEADER_BYTES + sealedLength, crc(out, offset + HEADER_BYTES, sealedLength));
        return frameLength;
    }

    /** {@return the frame at {@code offset} of {@code bytes}, or empty when no whole frame with good CRCs is there} */
    static Optional<Frame> at(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < HEADER_BYTES + MIN_SEALED + TRAILER_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = buffer.getInt(offset);
        if (length < MIN_SEALED || length > MAX_SEALED
                || buffer.getInt(offset + Integer.BYTES + Long.BYTES) != crc(bytes, offset, Integer.BYTES + Long.BYTES)
                || (long) bytes.length - offset - HEADER_BYTES - TRAILER_BYTES < length) {
            return Optional.empty();
        }
        int payload = offset + HEADER_BYTES;
        if (buffer.getInt(payload + length) != crc(bytes, payload, length)) {
            return Optional.empty();
        }
        return Optional.of(new Frame(offset, buffer.getLong(offset + Integer.BYTES), length));
    }

    /** {@return whether a whole frame with good CRCs starts anywhere after {@code offset}} */
    static boolean anyAfter(byte[] bytes, int offset) {
        for (int candidate = offset + 1; candidate < bytes.length; candidate++) {
            if (at(bytes, candidate).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the payload of {@code frame}, opened under {@code key} for {@code place}}
     *
     * @throws AuthenticationFailedException when the tag does not verify: the CRCs passed, so the record was
     *         changed on purpose or comes from another place
     */
    static byte[] open(byte[] bytes, Frame frame, Place place, SecretKey key) throws AuthenticationFailedException {
        int payload = frame.offset() + HEADER_BYTES;
        byte[] nonce = new byte[Aead.NONCE_BYTES];
        System.arraycopy(bytes, payload, nonce, 0, Aead.NONCE_BYTES);
        return Aead.open(key, nonce, bytes, payload + Aead.NONCE_BYTES, frame.payloadLength() - Aead.NONCE_BYTES,
                place.aad(frame.seq()));
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}

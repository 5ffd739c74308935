package io.offlinevault.store.file;

import static io.offlinevault.store.file.StoreErrors.damaged;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;

/**
 * The binary container shared by the checkpoint, blobs and journal segment headers:
 * {@code magic "OVLT" | version (2 bytes) | header length (4 bytes) | header JSON | nonce | ciphertext+tag |
 * SHA-256 of everything before it}, big-endian. The AAD is everything before the nonce, so the version and
 * every header field (vault id, generation, term, blob id...) are authenticated. The unkeyed SHA-256 tells
 * a damaged file (STORE_CORRUPT) from a deliberately changed one (STORE_TAMPERED).
 */
final class Container {
    /** The version this build writes: 2 since the journal (a version 1 store has a checkpoint and blobs only). */
    static final int VERSION = 2;
    /** The oldest version this build reads. */
    static final int OLDEST_READABLE = 1;
    static final String ALGORITHM_FIELD = "algorithm";
    static final String NONCE_LENGTH_FIELD = "nonceLength";
    static final String TAG_LENGTH_FIELD = "tagLength";

    private static final byte[] MAGIC = {'O', 'V', 'L', 'T'};
    private static final int PREFIX_BYTES = MAGIC.length + Short.BYTES + Integer.BYTES;
    private static final int SHA_BYTES = 32;
    private static final Set<String> RESERVED = Set.of(ALGORITHM_FIELD, NONCE_LENGTH_FIELD, TAG_LENGTH_FIELD);

    private Container() {
    }

    /**
     * {@return a container of {@code plaintext} sealed under {@code key}, with {@code headerFields} plus the
     * algorithm fields as its header} Header values are JSON-like Java values and never secrets. The {@link Sealing}
     * of {@link #sealing} fed one array, with the container itself as its buffer, so nothing is copied, and this
     * thread's own cipher, as nothing else runs on the thread until the container is sealed.
     */
    static byte[] seal(Map<String, Object> headerFields, byte[] plaintext, SecretKey key) {
        byte[] header = header(headerFields);
        long total = (long) PREFIX_BYTES + header.length + Aead.sealedLength(0) + plaintext.length + SHA_BYTES;
        if (total > StoreFiles.MAX_ARRAY) {
            throw new IllegalArgumentException("a container is at most " + StoreFiles.MAX_ARRAY + " bytes");
        }
        byte[] container = new byte[(int) total];
        try {
            Sealing sealing = new Sealing(container, (out, from, to) -> to, Aead::threadEncryptor, header, key,
                    plaintext.length, bytes -> new IllegalStateException("more plaintext than the array holds"));
            sealing.write(plaintext, 0, plaintext.length);
            if (sealing.finish() != total) {
                throw new IllegalStateException("AES-GCM sealed " + plaintext.length + " bytes to an odd length");
            }
        } catch (IOException e) {
            throw new IllegalStateException("sealing into an array does no I/O", e);
        }
        return container;
    }

    // The header JSON of headerFields plus the algorithm fields.
    private static byte[] header(Map<String, Object> headerFields) {
        Map<String, Object> fields = new TreeMap<>(headerFields);
        if (!Collections.disjoint(fields.keySet(), RESERVED)) {
            throw new IllegalArgumentException("the container sets " + RESERVED + " itself");
        }
        fields.put(ALGORITHM_FIELD, Aead.ALGORITHM);
        fields.put(NONCE_LENGTH_FIELD, Aead.NONCE_BYTES);
        fields.put(TAG_LENGTH_FIELD, Aead.TAG_BYTES);
        byte[] header = HeaderJson.write(fields);
        if (header.length > HeaderJson.MAX_BYTES) {
            throw new IllegalArgumentException("a container header is at most " + HeaderJson.MAX_BYTES + " bytes");
        }
        return header;
    }

    /**
     * {@return a stream that writes to {@code channel} the container of what is written to it, as {@link #seal}
     * would seal it whole} The plaintext goes through the cipher and the checksum in slices of a fixed buffer,
     * so a payload of many megabytes is never held in memory (each whole copy of a large checkpoint was a
     * humongous allocation for G1, issue 21). Over {@code maxPlaintext} bytes of plaintext, a write throws
     * {@code tooLarge} with the count so far. {@link Sealing#finish()} writes the tag and the checksum. Not
     * thread-safe.
     */
    static Sealing sealing(FileIo io, FileChannel channel, Map<String, Object> headerFields, SecretKey key,
                           long maxPlaintext, LongFunction<RuntimeException> tooLarge) throws IOException {
        byte[] header = header(headerFields);
        byte[] window = new byte[Math.max(Sealing.SLICE, PREFIX_BYTES + header.length + Aead.NONCE_BYTES)
                + 2 * Aead.TAG_BYTES];
        Sink toChannel = (out, from, to) -> {
            io.write(channel, ByteBuffer.wrap(out, from, to - from));
            return 0;
        };
        return new Sealing(window, toChannel, Aead::encryptor, header, key, maxPlaintext, tooLarge);
    }

    // Where a Sealing hands the bytes its buffer holds once they are in the checksum.
    @FunctionalInterface
    private interface Sink {
        // Takes out[from, to); returns where the buffer's next bytes go: 0 to fill a window again, to to fill on.
        int take(byte[] out, int from, int to) throws IOException;
    }

    // Aead::encryptor (a new cipher: the payload's writer may seal or open on the thread between two writes), or
    // Aead::threadEncryptor when nothing else runs on the thread until the container is sealed.
    @FunctionalInterface
    private interface Encryptor {
        Cipher start(SecretKey key, byte[] nonce, byte[] aad);
    }

    /**
     * A container being sealed: the prefix, header and nonce, then the plaintext through the cipher in slices of at
     * most {@value #SLICE} bytes, then the tag and the checksum, all into a buffer whose bytes go into the checksum
     * and on to a sink whenever it is full. See {@link #sealing}; {@link #seal} is the same with the whole
     * container as the buffer.
     */
    static final class Sealing extends OutputStream {
        // the slice of plaintext sealed at a time; a window has room for a slice, a block more and the tag
        private static final int SLICE = 64 * 1024;

        private final byte[] out;
        private final Sink sink;
        private final Cipher cipher;
        private final MessageDigest checksum = sha256();
        private final long maxPlaintext;
        private final LongFunction<RuntimeException> tooLarge;
        // out[from, to) is sealed but neither in the checksum nor handed to the sink yet
        private int from;
        private int to;
        private long plaintext;
        private long written;
        private boolean finished;

        private Sealing(byte[] out, Sink sink, Encryptor encryptor, byte[] header, SecretKey key, long maxPlaintext,
                        LongFunction<RuntimeException> tooLarge) throws IOException {
            this.out = out;
            this.sink = sink;
            this.maxPlaintext = maxPlaintext;
            this.tooLarge = tooLarge;
            int aadLength = PREFIX_BYTES + header.length;
            ByteBuffer.wrap(out).put(MAGIC).putShort((short) VERSION).putInt(header.length).put(header);
            byte[] nonce = Aead.freshNonce();
            this.cipher = encryptor.start(key, nonce, Arrays.copyOf(out, aadLength));
            System.arraycopy(nonce, 0, out, aadLength, Aead.NONCE_BYTES);
            to = aadLength + Aead.NONCE_BYTES;
            drain();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (finished) {
                throw new IllegalStateException("the container is finished");
            }
            plaintext += length;
            if (plaintext > maxPlaintext) {
                throw tooLarge.apply(plaintext);
            }
            int done = 0;
            while (done < length) {
                int slice = Math.min(SLICE, length - done);
                if (out.length - to < slice + Aead.TAG_BYTES) {
                    drain();
                }
                try {
                    to += cipher.update(bytes, offset + done, slice, out, to);
                } catch (ShortBufferException e) {
                    throw new IllegalStateException("the buffer has room for a slice", e);
                }
                done += slice;
            }
        }

        /** Seals the end of the plaintext, writes the tag and the checksum; {@return the container's size in bytes} */
        long finish() throws IOException {
            if (finished) {
                throw new IllegalStateException("the container is finished");
            }
            finished = true;
            drain();
            try {
                to += cipher.doFinal(out, to);
                checksum.update(out, from, to - from);
                to += checksum.digest(out, to, SHA_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
            handOn();
            return written;
        }

        // What the buffer holds since the last drain goes into the checksum and on to the sink.
        private void drain() throws IOException {
            checksum.update(out, from, to - from);
            handOn();
        }

        // The same without the checksum: for the checksum itself, which finish() writes last.
        private void handOn() throws IOException {
            written += to - from;
            from = sink.take(out, from, to);
            to = from;
        }
    }

    /** {@return the largest container file that holds at most {@code maxPlaintext} bytes} Read no more. */
    static long maxFileSize(long maxPlaintext) {
        return (long) PREFIX_BYTES + HeaderJson.MAX_BYTES + Aead.sealedLength(0) + maxPlaintext + SHA_BYTES;
    }

    /**
     * {@return {@code bytes} checked and split, ready to {@link Parsed#open open}} Checks, in order: magic,
     * version (else STORE_UNSUPPORTED_VERSION), lengths and limits, the SHA-256, the header JSON and its
     * algorithm fields; any failure but the version is STORE_CORRUPT. {@code what} names the file in
     * messages ("the checkpoint /data/checkpoint"). The array is not copied: do not change it afterwards.
     */
    static Parsed parse(byte[] bytes, String what, long maxPlaintext) {
        Objects.requireNonNull(what, "what");
        if (bytes.length == 0) {
            throw damaged(what, "is an empty file (0 bytes)");
        }
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw damaged(what, "is not an Offline Vault file (its first bytes are not \"OVLT\")");
        }
        if (bytes.length < PREFIX_BYTES) {
            throw damaged(what, "is truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int version = Short.toUnsignedInt(buffer.getShort(MAGIC.length));
        if (version < OLDEST_READABLE || version > VERSION) {
            throw StoreErrors.unsupportedVersion(what, version, OLDEST_READABLE, VERSION);
        }
        long headerLength = Integer.toUnsignedLong(buffer.getInt(MAGIC.length + Short.BYTES));
        if (headerLength > HeaderJson.MAX_BYTES) {
            throw damaged(what, "declares a " + headerLength + "-byte header, over the " + HeaderJson.MAX_BYTES
                    + "-byte limit");
        }
        int aadLength = PREFIX_BYTES + (int) headerLength;
        long ciphertextLength = (long) bytes.length - aadLength - Aead.NONCE_BYTES - SHA_BYTES;
        if (ciphertextLength < Aead.TAG_BYTES) {
            throw damaged(what, "is truncated (" + bytes.length + " bytes)");
        }
        long plaintextLength = ciphertextLength - Aead.TAG_BYTES;
        if (plaintextLength > maxPlaintext) {
            throw damaged(what, "holds " + plaintextLength + " bytes of data, more than the " + maxPlaintext
                    + " this store ever writes");
        }
        int checked = bytes.length - SHA_BYTES;
        if (!MessageDigest.isEqual(sha256(bytes, checked), Arrays.copyOfRange(bytes, checked, bytes.length))) {
            throw damaged(what, "is damaged (its SHA-256 checksum does not match)");
        }
        Map<String, Object> header = HeaderJson.read(Arrays.copyOfRange(bytes, PREFIX_BYTES, aadLength))
                .orElseThrow(() -> damaged(what, "has a header that is not one valid JSON object"));
        if (!Aead.ALGORITHM.equals(header.get(ALGORITHM_FIELD))
                || !Integer.valueOf(Aead.NONCE_BYTES).equals(header.get(NONCE_LENGTH_FIELD))
                || !Integer.valueOf(Aead.TAG_BYTES).equals(header.get(TAG_LENGTH_FIELD))) {
            throw damaged(what, "names a cipher other than " + Aead.ALGORITHM + " with " + Aead.NONCE_BYTES
                    + "-byte nonces and " + Aead.TAG_BYTES + "-byte tags, the only one this store accepts");
        }
        return new Parsed(what, bytes, version, header, aadLength, (int) ciphertextLength);
    }

    /**
     * {@return the length of the container of an empty payload that starts {@code bytes}} (a journal
     * segment's header, which records follow), read from its prefix without checking anything else; 0 when
     * {@code bytes} are too short to say. {@link #parse} the prefix of that length to check it.
     */
    static int lengthOfEmpty(byte[] bytes) {
        if (bytes.length < PREFIX_BYTES) {
            return 0;
        }
        long headerLength = Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt(MAGIC.length + Short.BYTES));
        long length = PREFIX_BYTES + Math.min(headerLength, HeaderJson.MAX_BYTES + 1L) + Aead.sealedLength(0) + SHA_BYTES;
        return length > bytes.length ? 0 : (int) length;
    }

    /** A container whose structure and checksum are verified and whose payload is still sealed. */
    static final class Parsed {
        private final String what;
        private final byte[] bytes;
        private final int version;
        private final Map<String, Object> header;
        private final int aadLength;
        private final int ciphertextLength;

        private Parsed(String what, byte[] bytes, int version, Map<String, Object> header, int aadLength,
                       int ciphertextLength) {
            this.what = what;
            this.bytes = bytes;
            this.version = version;
            this.header = header;
            this.aadLength = aadLength;
            this.ciphertextLength = ciphertextLength;
        }

        /** {@return the format version the container was written with} */
        int version() {
            return version;
        }

        /** {@return the header fields, algorithm fields included} Authentic only once {@link #open} succeeded. */
        Map<String, Object> header() {
            return header;
        }

        /** {@return the size of the payload once opened} */
        int plaintextLength() {
            return ciphertextLength - Aead.TAG_BYTES;
        }

        /**
         * {@return the payload, decrypted under {@code key} with the magic, version and header as AAD}
         * A tag that does not verify is STORE_TAMPERED: the checksum was intact, so the bytes were changed
         * on purpose or come from another vault. (Telling a wrong key apart is the keyring's job.)
         */
        byte[] open(SecretKey key) {
            byte[] nonce = Arrays.copyOfRange(bytes, aadLength, aadLength + Aead.NONCE_BYTES);
            try {
                return Aead.open(key, nonce, bytes, aadLength + Aead.NONCE_BYTES, ciphertextLength,
                        Arrays.copyOf(bytes, aadLength));
            } catch (AuthenticationFailedException e) {
                throw StoreErrors.tampered(what + " failed authentication although its checksum is intact: it was"
                        + " changed on purpose or belongs to another vault", e);
            }
        }

        @Override
        public String toString() {
            return "Container.Parsed[" + what + ", " + plaintextLength() + " bytes sealed]";
        }
    }

    private static byte[] sha256(byte[] bytes, int length) {
        MessageDigest digest = sha256();
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

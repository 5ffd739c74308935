package io.offlinevault.store.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The checkpoint file: the whole state through journal segment {@code coversThrough} (the record of
 * sequence number {@code lastSeq} is the last it includes), sealed under the current data key, with the
 * keyring wrapped by the key-encryption key in its header. It is replaced by the commit protocol of
 * ARCHITECTURE.md (temp, force, link the current one to {@code checkpoint.prev}, atomic rename,
 * directory force), so there is never a moment without a complete {@code checkpoint}.
 */
final class Checkpoint {
    static final String FILE = "checkpoint";
    static final String PREVIOUS = "checkpoint.prev";

    private Checkpoint() {
    }

    /**
     * What the header of a checkpoint says, authenticated once the payload opened. A version 1 checkpoint
     * predates the journal: it covers through segment 0 and sequence number 0. {@code encryptions} counts the
     * messages sealed under the data key of {@code term}, this checkpoint included (0 when unknown).
     */
    record Header(String vaultId, long generation, int term, long writtenAt, long coversThrough, long lastSeq,
                  long encryptions) {
        /** {@return the header of a new vault's first checkpoint: generation 0, no journal yet, one message} */
        static Header first(String vaultId, int term, long writtenAt) {
            return of(vaultId).term(term).writtenAt(writtenAt).encryptions(1).build();
        }

        /** {@return a builder of a header of vault {@code vaultId}, every number named; those left unset are 0} */
        static Builder of(String vaultId) {
            return new Builder(vaultId);
        }

        /** Names each number of a header, so that no two can be swapped unseen. */
        static final class Builder {
            private final String vaultId;
            private long generation;
            private int term;
            private long writtenAt;
            private long coversThrough;
            private long lastSeq;
            private long encryptions;

            private Builder(String vaultId) {
                this.vaultId = vaultId;
            }

            Builder generation(long generation) {
                this.generation = generation;
                return this;
            }

            Builder term(int term) {
                this.term = term;
                return this;
            }

            Builder writtenAt(long millis) {
                this.writtenAt = millis;
                return this;
            }

            /** The journal through segment {@code segment} and record {@code lastSeq} is in the checkpoint. */
            Builder covers(long segment, long lastSeq) {
                this.coversThrough = segment;
                this.lastSeq = lastSeq;
                return this;
            }

            Builder encryptions(long count) {
                this.encryptions = count;
                return this;
            }

            Header build() {
                return new Header(vaultId, generation, term, writtenAt, coversThrough, lastSeq, encryptions);
            }
        }
    }

    /**
     * A checkpoint read and verified: the format version it was written with, its size in bytes, its header,
     * keyring and decrypted payload (JSON that {@link #decode} reads), and what names it in errors.
     */
    record Opened(int version, long size, Header header, Keyring.Unlocked unlocked, byte[] payload, String what) {
        Keyring keyring() {
            return unlocked.keyring();
        }

        /**
         * {@return the state and blobs of the payload} JSON this store does not write is STORE_CORRUPT.
         *
         * @throws RecordCodec.MalformedRecordException when the JSON is not of the shape a checkpoint has
         */
        StateCodec.Decoded decode() {
            return StateCodec.decode(payload, what);
        }
    }

    /** {@return the container bytes of a checkpoint of {@code payload}} */
    static byte[] seal(Header header, Keyring keyring, byte[] payload) {
        if (payload.length > StoreJson.MAX_CHECKPOINT) {
            throw StoreErrors.vaultTooLarge(payload.length, StoreJson.MAX_CHECKPOINT);
        }
        return Container.seal(headerFields(header, keyring), payload, keyring.key(header.term(), "the checkpoint"));
    }

    private static Map<String, Object> headerFields(Header header, Keyring keyring) {
        Map<String, Object> fields = new HashMap<>(keyring.header(header.vaultId()));
        fields.put("kind", "checkpoint");
        fields.put("vaultId", header.vaultId());
        fields.put("generation", header.generation());
        fields.put("term", header.term());
        fields.put("writtenAt", header.writtenAt());
        fields.put("coversThrough", header.coversThrough());
        fields.put("lastSeq", header.lastSeq());
        fields.put("encryptions", header.encryptions());
        return fields;
    }

    /** Writes a checkpoint's payload (JSON) to a stream. */
    @FunctionalInterface
    interface Payload {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A checkpoint written to its temp file and forced, not yet installed: the file and its size in bytes. */
    record Prepared(Path temp, long size) {
    }

    /**
     * {@return a temp file beside the checkpoint holding the checkpoint of {@code header} whose payload {@code payload}
     * writes, forced} The same bytes as {@link #prepare(FileIo, Path, byte[])} of {@link #seal}, but streamed: the
     * payload is sealed and checksummed through a fixed buffer on its way to the file, never held whole (issue 21).
     * STORE_WRITE_FAILED or STORE_NO_SPACE, or VAULT_TOO_LARGE over the payload limit; no temp file is left then.
     */
    static Prepared prepare(FileIo io, Path dataDir, Header header, Keyring keyring, Payload payload) {
        Path temp = StoreFiles.tempFor(dataDir.resolve(FILE));
        try {
            long size;
            try (FileChannel channel = io.createNew(temp)) {
                Container.Sealing out = Container.sealing(io, channel, headerFields(header, keyring),
                        keyring.key(header.term(), "the checkpoint"), StoreJson.MAX_CHECKPOINT,
                        bytes -> StoreErrors.vaultTooLarge(bytes, StoreJson.MAX_CHECKPOINT));
                payload.writeTo(out);
                size = out.finish();
                io.force(channel);
            }
            return new Prepared(temp, size);
        } catch (IOException e) {
            StoreFiles.deleteQuietly(io, temp, e);
            throw StoreErrors.writeFailed("the new checkpoint", e);
        } catch (RuntimeException e) {
            StoreFiles.deleteQuietly(io, temp, e);
            throw e;
        }
    }

    /**
     * {@return the checkpoint in {@code file}, verified and opened with the first key of {@code keys} that fits}
     * Corrupt, wrong key and tampered are three different store errors; {@code what} names the file in them.
     */
    static Opened read(FileIo io, Path file, Keyring.KeySource keys, PassphraseKdf kdf, String what) {
        byte[] bytes = StoreFiles.readLimited(io, file, Container.maxFileSize(StoreJson.MAX_CHECKPOINT), what);
        Container.Parsed parsed = Container.parse(bytes, what, StoreJson.MAX_CHECKPOINT);
        Header header = header(parsed, what + " (" + file + ")");
        Keyring.Unlocked unlocked = Keyring.unwrap(parsed.header(), header.vaultId(), keys, kdf);
        byte[] payload = parsed.open(unlocked.keyring().key(header.term(), what));
        return new Opened(parsed.version(), bytes.length, header, unlocked, payload, what);
    }

    /**
     * {@return the header of the checkpoint {@code sealed}, checksum-checked but neither authenticated nor
     * decrypted} For a copy that is read back, and so authenticated, afterwards.
     */
    static Header peek(byte[] sealed, String what) {
        return header(Container.parse(sealed, what, StoreJson.MAX_CHECKPOINT), what);
    }

    private static Header header(Container.Parsed parsed, String what) {
        Map<String, Object> fields = parsed.header();
        if (!"checkpoint".equals(fields.get("kind")) || !(fields.get("vaultId") instanceof String vaultId)
                || !(fields.get("generation") instanceof Number generation) || !(fields.get("term") instanceof Integer term)
                || !(fields.get("writtenAt") instanceof Number writtenAt)
                || !journalPosition(parsed.version(), fields.get("coversThrough"))
                || !journalPosition(parsed.version(), fields.get("lastSeq"))
                || !journalPosition(parsed.version(), fields.get("encryptions"))) {
            throw StoreErrors.corrupt(what + " does not have a checkpoint header");
        }
        return Header.of(vaultId).generation(generation.longValue()).term(term)
                .writtenAt(writtenAt.longValue()).covers(position(fields.get("coversThrough")),
                        position(fields.get("lastSeq"))).encryptions(position(fields.get("encryptions"))).build();
    }

    // A version 1 checkpoint has no journal position nor count; a later one has them, as numbers >= 0.
    private static boolean journalPosition(int version, Object raw) {
        if (raw == null) {
            return version == 1;
        }
        return (raw instanceof Integer || raw instanceof Long) && ((Number) raw).longValue() >= 0;
    }

    private static long position(Object raw) {
        return raw == null ? 0 : ((Number) raw).longValue();
    }

    /**
     * Makes {@code sealed} the checkpoint of {@code dataDir}: {@link #prepare}, {@link #install}, {@link #sync}.
     * A failure before the rename is STORE_WRITE_FAILED (or STORE_NO_SPACE) with nothing changed; a failed
     * directory force after it is COMMIT_OUTCOME_UNKNOWN: the new checkpoint may or may not survive a power loss.
     */
    static void replace(FileIo io, Path dataDir, byte[] sealed) {
        install(io, dataDir, prepare(io, dataDir, sealed));
        sync(io, dataDir);
    }

    /** {@return a temp file beside the checkpoint holding {@code sealed}, forced} STORE_WRITE_FAILED / STORE_NO_SPACE. */
    static Path prepare(FileIo io, Path dataDir, byte[] sealed) {
        return StoreFiles.writeTemp(io, dataDir.resolve(FILE), sealed, "the new checkpoint");
    }

    /**
     * Links the current checkpoint to {@code checkpoint.prev}, then renames {@code temp} over the checkpoint;
     * on failure the temp file is removed and nothing changed (STORE_WRITE_FAILED).
     */
    static void install(FileIo io, Path dataDir, Path temp) {
        Path current = dataDir.resolve(FILE);
        Path previousTemp = StoreFiles.tempFor(dataDir.resolve(PREVIOUS));
        try {
            if (io.exists(current)) {
                io.createLink(previousTemp, current);
                io.moveAtomically(previousTemp, dataDir.resolve(PREVIOUS));
            }
            io.moveAtomically(temp, current);
        } catch (IOException e) {
            StoreFiles.deleteQuietly(io, temp, e);
            StoreFiles.deleteQuietly(io, previousTemp, e);
            throw StoreErrors.writeFailed("the new checkpoint", e);
        }
    }

    /** Forces the data dir after {@link #install}: the commit point. A failure is COMMIT_OUTCOME_UNKNOWN. */
    static void sync(FileIo io, Path dataDir) {
        try {
            io.forceDirectory(dataDir);
        } catch (IOException e) {
            throw StoreErrors.outcomeUnknown("the data dir could not be synced after the checkpoint was replaced", e);
        }
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The newest journal segment, open for appending; owned by the committer of the moment (not thread-safe). A group of
 * records is one {@code write} plus one {@code force}: the commit point. Before the first append after open
 * the segment is truncated to its valid length (dropping a torn tail) and forced. A failed write is
 * truncated back to the last good length: nothing changed, and the store stays open. An append whose thread was
 * interrupted keeps its group staged for the next append, which reopens the segment and truncates it to the group's
 * start first.
 */
final class Journal implements AutoCloseable {
    private static final StoreLog LOG = new StoreLog(Journal.class);
    private static final int INITIAL_BYTES = 4 * 1024;
    private static final int KEPT_BYTES = 1024 * 1024;

    /** How a group ended when it did not end durably. */
    static final class AppendFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient StoreException error;
        private final boolean outcomeUnknown;

        AppendFailedException(StoreException error, boolean outcomeUnknown) {
            super(error.code().name(), null, false, false);
            this.error = error;
            this.outcomeUnknown = outcomeUnknown;
        }

        /** {@return the error for every batch of the group} */
        StoreException error() {
            return error;
        }

        /** {@return whether the group may or may not be on disk: the store must seal} */
        boolean outcomeUnknown() {
            return outcomeUnknown;
        }
    }

    /**
     * The appending thread was interrupted, which closed the segment's channel ({@code ClosedByInterruptException}):
     * whatever reached the file is not part of the journal, and the group stays staged for the next {@link #append}.
     */
    static final class InterruptedAppend extends Exception {
        private static final long serialVersionUID = 1L;

        InterruptedAppend() {
            super("the appending thread was interrupted", null, false, false);
        }
    }

    private final FileIo io;
    private final Path dataDir;
    private Keyring keyring;
    private JournalRecord.Place place;
    // the newest segment's path, resolved once per segment: it is stamped twice per group
    private Path segmentFile;
    private long validLength;
    private long lastSeq;
    // a checkpoint covers the newest segment: the next record must go to a segment above it, or no replay sees it
    private boolean covered;
    private FileChannel channel;
    private Optional<FileStamp> stamp;
    // The next group's records, sealed and framed back to back, and the buffer each record's JSON is written to:
    // reused from group to group, so that a create's record has no array of its own between its JSON and the write
    // (issue 21). A group larger than KEPT_BYTES (an import) does not keep its buffers.
    private final Plaintext json = new Plaintext();
    private byte[] staged = new byte[INITIAL_BYTES];
    private int stagedLength;
    private int stagedCount;

    /** {@code end}: where {@link JournalReplay} found the journal to end. */
    Journal(FileIo io, Path dataDir, Keyring keyring, String vaultId, long coversThrough, JournalReplay.End end) {
        this.io = io;
        this.dataDir = dataDir;
        this.keyring = keyring;
        this.place = end.newest().orElse(new JournalRecord.Place(vaultId, coversThrough, keyring.currentTerm()));
        this.segmentFile = JournalSegment.path(dataDir, place.segment());
        this.validLength = end.newest().isPresent() ? end.validLength() : -1;
        this.lastSeq = end.lastSeq();
        this.stamp = end.newest().isPresent() ? currentStamp() : Optional.empty();
    }

    /**
     * Checks that the newest segment is as this journal last left it (same file, size and modification time).
     *
     * @throws StoreException STORE_CONFLICT when another program replaced, wrote or touched it
     */
    void checkUnchanged() {
        // a covered segment is never appended to again, and a checkpoint may delete it: the next append rolls first
        if (validLength < 0 || covered) {
            return;
        }
        if (stamp == null) {
            restamp();
            return;
        }
        if (!currentStamp().equals(stamp)) {
            throw StoreErrors.changedByAnotherProgram("the journal segment " + place.segment(),
                    "replaced, written to or touched");
        }
    }

    /** Seals with {@code newer} from now on; a new key term takes a new segment ({@link #needsSegment}). */
    void useKeyring(Keyring newer) {
        this.keyring = newer;
    }

    /** {@return the number of the segment appended to (the checkpoint's when there is none yet)} */
    long segment() {
        return place.segment();
    }

    /** {@return the length of the newest segment's valid records, header included; 0 when there is none} */
    long size() {
        return Math.max(validLength, 0);
    }

    /** {@return the sequence number of the last durable record} */
    long lastSeq() {
        return lastSeq;
    }

    /**
     * {@return whether the next append must go to a new segment first: none yet, one of an older key term, or one
     * that a checkpoint covers}
     */
    boolean needsSegment() {
        return validLength < 0 || covered || place.term() != keyring.currentTerm();
    }

    /** Notes that a checkpoint now covers the newest segment: the next append goes to a new one. */
    void coveredByCheckpoint() {
        covered = true;
    }

    /**
     * Closes the newest segment and creates the next one, under the current key term; nothing changes when
     * that fails (STORE_WRITE_FAILED or STORE_NO_SPACE).
     */
    void roll() {
        JournalRecord.Place next = new JournalRecord.Place(place.vaultId(), place.segment() + 1, keyring.currentTerm());
        int headerLength;
        try {
            headerLength = JournalSegment.create(io, dataDir, next, keyring);
        } catch (StoreException e) {
            // it may exist if only the directory force failed: an empty newest segment would hide this one's tail
            StoreFiles.deleteQuietly(io, JournalSegment.path(dataDir, next.segment()), e);
            throw e;
        }
        closeChannel();
        place = next;
        segmentFile = JournalSegment.path(dataDir, next.segment());
        validLength = headerLength;
        covered = false;
        restamp();
    }

    /**
     * Seals the record of {@code entry} as the next of the group that {@link #append} writes; nothing is staged when
     * it fails (STORE_WRITE_FAILED for a record over {@link JournalRecord#MAX_PLAINTEXT}).
     */
    void stage(JournalEntry entry) {
        json.reset();
        entry.writeJson(json);
        int frame = JournalRecord.frameLength(json.size());
        if (staged.length - stagedLength < frame) {
            staged = Arrays.copyOf(staged, Math.max(stagedLength + frame, 2 * staged.length));
        }
        JournalRecord.sealInto(place, lastSeq + 1 + stagedCount, json.bytes(), json.size(),
                keyring.key(place.term(), "the journal"), staged, stagedLength);
        stagedLength += frame;
        stagedCount++;
    }

    /** Drops the records staged so far: the next group starts empty. */
    void discardStaged() {
        stagedLength = 0;
        stagedCount = 0;
        if (staged.length > KEPT_BYTES) {
            staged = new byte[INITIAL_BYTES];
        }
        json.shrink();
    }

    /**
     * Appends the records {@link #stage staged} since the last append in one write and forces them; they are
     * dropped unless the thread was interrupted.
     *
     * @throws AppendFailedException nothing changed (the store stays open) unless {@code outcomeUnknown()}
     * @throws InterruptedAppend the records stay staged; the next append writes them from where the group starts
     */
    void append() throws AppendFailedException, InterruptedAppend {
        int total = stagedLength;
        int count = stagedCount;
        // on an InterruptedAppend the group stays staged; on anything else it is done with
        try {
            write(ByteBuffer.wrap(staged, 0, total));
        } catch (AppendFailedException | RuntimeException e) {
            discardStaged();
            throw e;
        }
        discardStaged();
        validLength += total;
        lastSeq += count;
        restamp();
    }

    private void write(ByteBuffer buffer) throws AppendFailedException, InterruptedAppend {
        FileChannel out = channel();
        try {
            io.write(out, buffer);
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        } catch (IOException e) {
            try {
                io.truncate(out, validLength);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                throw new AppendFailedException(outcomeUnknown("could not be truncated after a failed write", e), true);
            }
            restamp();
            throw new AppendFailedException(StoreErrors.writeFailed("the journal segment " + place.segment(), e),
                    false);
        }
        try {
            io.force(out);
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        } catch (IOException e) {
            throw new AppendFailedException(outcomeUnknown("could not be synced", e), true);
        }
    }

    // The interrupt closed the channel; the file may hold part or all of the group beyond validLength, which the
    // next channel() truncates away (and forces) before the group is written again.
    private InterruptedAppend interrupted() {
        closeChannel();
        restamp();
        return new InterruptedAppend();
    }

    @Override
    public void close() {
        closeChannel();
    }

    private FileChannel channel() throws AppendFailedException, InterruptedAppend {
        if (channel != null) {
            return channel;
        }
        Path file = segmentFile;
        try {
            FileChannel opened = io.openForAppending(file);
            try {
                if (io.size(opened) != validLength) {
                    LOG.log(Level.INFO, "truncating the journal segment " + place.segment() + " to its "
                            + validLength + " valid bytes");
                    try {
                        io.truncate(opened, validLength);
                        io.force(opened);
                    } finally {
                        restamp(); // this store changed the file, whether or not the truncation went through
                    }
                }
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            channel = opened;
            return channel;
        } catch (ClosedByInterruptException e) {
            restamp();
            throw new InterruptedAppend();
        } catch (IOException e) {
            throw new AppendFailedException(StoreErrors.writeFailed("the journal segment " + place.segment(), e), false);
        }
    }

    // The stamp of the segment as we left it; null (check skipped once) when it cannot be read.
    private void restamp() {
        try {
            stamp = io.stamp(segmentFile);
        } catch (IOException e) {
            stamp = null;
        }
    }

    private Optional<FileStamp> currentStamp() {
        try {
            return io.stamp(segmentFile);
        } catch (IOException e) {
            throw StoreErrors.writeFailed("the journal segment " + place.segment(), e);
        }
    }

    private StoreException outcomeUnknown(String problem, IOException cause) {
        return StoreErrors.outcomeUnknown("the journal segment " + place.segment() + " " + problem, cause);
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close the journal segment " + place.segment() + ": "
                    + e.getClass().getSimpleName());
        }
        channel = null;
    }

    @Override
    public String toString() {
        return "Journal[segment " + place.segment() + ", " + size() + " bytes, last seq " + lastSeq + "]";
    }

    /** A record's JSON, written in place; its array is read without a copy. Not thread-safe. */
    private static final class Plaintext extends ByteArrayOutputStream {
        Plaintext() {
            super(512);
        }

        byte[] bytes() {
            return buf;
        }

        // A record of an import may have grown it to megabytes: not kept for the creates after it.
        void shrink() {
            if (buf.length > KEPT_BYTES) {
                buf = new byte[512];
                count = 0;
            }
        }
    }
}

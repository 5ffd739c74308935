package io.offlinevault.store.file;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays at open the journal segments numbered above the checkpoint's {@code coversThrough}, in order, and
 * never writes. The <em>torn-tail rule</em>, for the newest segment only: a final record that is short, runs
 * past the end, fails a CRC or is only zero bytes was never acknowledged (acknowledged records were forced),
 * so it is ignored with a warning naming its offset, and the first commit truncates it. A record whose CRCs
 * pass but whose tag fails is STORE_TAMPERED; a bad record followed by any valid record, a gap in the
 * sequence numbers, a missing segment or damage in an older segment is STORE_CORRUPT.
 */
final class JournalReplay {
    private static final StoreLog LOG = new StoreLog(JournalReplay.class);

    private JournalReplay() {
    }

    /**
     * Where the journal ends: the newest segment's place and the length of its valid records (empty when no
     * segment follows the checkpoint), and the last sequence number.
     */
    record End(Optional<JournalRecord.Place> newest, long validLength, long lastSeq) {
    }

    /** The view after replay, and where the journal ends. */
    record Result(FileView view, End end) {
    }

    /** {@return {@code start}, the checkpoint's view, after every record of the segments above {@code coversThrough}} */
    static Result replay(FileIo io, Path dataDir, String vaultId, Keyring keyring, FileView start, long coversThrough,
                         long lastSeq) {
        List<Long> numbers;
        try {
            numbers = JournalSegment.list(io, dataDir).stream().filter(n -> n > coversThrough).toList();
        } catch (IOException e) {
            throw StoreErrors.unreadable("the data dir " + dataDir, e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        long seq = lastSeq;
        End end = new End(Optional.empty(), 0, lastSeq);
        for (int i = 0; i < numbers.size(); i++) {
            long number = numbers.get(i);
            if (number != coversThrough + 1 + i) {
                throw StoreErrors.corrupt("The journal segment " + (coversThrough + 1 + i) + " is missing (the"
                        + " checkpoint covers through segment " + coversThrough + " and segment " + number
                        + " exists)");
            }
            boolean newest = i == numbers.size() - 1;
            Path file = JournalSegment.path(dataDir, number);
            byte[] bytes = StoreFiles.readLimited(io, file, StoreFiles.MAX_ARRAY, "the journal segment " + number);
            JournalSegment.Header header = JournalSegment.readHeader(bytes, number, vaultId, keyring);
            JournalRecord.Place place = header.place();
            int offset = header.length();
            while (offset < bytes.length) {
                Optional<JournalRecord.Frame> frame = JournalRecord.at(bytes, offset);
                if (frame.isEmpty()) {
                    if (!newest || JournalRecord.anyAfter(bytes, offset)) {
                        throw StoreErrors.corrupt("The journal segment " + number + " is damaged at offset " + offset
                                + (newest ? ", before records that are intact" : ", which is not the newest segment"));
                    }
                    LOG.log(Level.WARNING, "the journal segment " + number + " ends with an incomplete record at offset "
                            + offset + " (" + (bytes.length - offset) + " bytes): a commit interrupted before it was"
                            + " acknowledged; it is ignored, and the next commit truncates it");
                    break;
                }
                if (frame.get().seq() != seq + 1) {
                    throw StoreErrors.corrupt("The journal segment " + number + " holds the record " + frame.get().seq()
                            + " at offset " + offset + " where the record " + (seq + 1) + " belongs");
                }
                entries.add(entry(bytes, frame.get(), place, keyring));
                seq = frame.get().seq();
                offset = frame.get().end();
            }
            end = new End(Optional.of(place), offset, seq);
        }
        // one transition for the whole journal: the same state as one per record, without a copy per record
        return new Result(JournalEntry.concat(entries).applyTo(start), end);
    }

    /**
     * {@return the batch that {@code frame} of a segment of {@code place} holds} A failing tag is STORE_TAMPERED,
     * a payload of the wrong shape STORE_CORRUPT.
     */
    static JournalEntry entry(byte[] bytes, JournalRecord.Frame frame, JournalRecord.Place place, Keyring keyring) {
        String what = "the journal segment " + place.segment();
        byte[] payload;
        try {
            payload = JournalRecord.open(bytes, frame, place, keyring.key(place.term(), what));
        } catch (AuthenticationFailedException e) {
            throw StoreErrors.tampered("the record " + frame.seq() + " of " + what + " failed authentication although"
                    + " its checksums are intact: it was changed on purpose or belongs to another vault", e);
        }
        try {
            return JournalEntry.read(payload, what);
        } catch (RecordCodec.MalformedRecordException e) {
            throw StoreErrors.undecodable("the record " + frame.seq() + " of " + what, e);
        }
    }
}

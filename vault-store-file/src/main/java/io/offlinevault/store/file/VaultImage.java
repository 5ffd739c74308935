package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A vault read from a directory of store files as an open reads it (the checkpoint, the replay of the
 * segments above it, every blob the resulting state references verified) but without a lock and without
 * writing or deleting anything: what backup and restore read their source with, and check their result with.
 */
record VaultImage(Checkpoint.Opened checkpoint, Set<String> checkpointBlobs, Optional<Set<String>> previousBlobs,
                  JournalReplay.Result replayed, List<Long> segments, Set<String> liveBlobs) {
    VaultImage {
        checkpointBlobs = Set.copyOf(checkpointBlobs);
        segments = List.copyOf(segments);
        liveBlobs = Set.copyOf(liveBlobs);
    }

    /**
     * {@return the vault in {@code dir}, opened with the first of {@code keys} that fits} Any damage is the store
     * error an open would report (STORE_MISSING without a checkpoint, STORE_CORRUPT, STORE_TAMPERED,
     * STORE_WRONG_KEY...); nothing is written.
     */
    static VaultImage read(FileIo io, Path dir, Keyring.KeySource keys) {
        Checkpoint.Opened checkpoint = Checkpoint.read(io, dir.resolve(Checkpoint.FILE), keys,
                FileVaultStore.PASSPHRASES, "the checkpoint");
        Checkpoint.Header header = checkpoint.header();
        Blobs blobs = new Blobs(io, dir, header.vaultId());
        StateCodec.Decoded decoded;
        try {
            decoded = checkpoint.decode();
        } catch (RecordCodec.MalformedRecordException e) {
            throw StoreErrors.undecodable("the checkpoint in " + dir, e);
        }
        FileView start = new FileView(decoded.state(), decoded.blobs(), new BlobReader(blobs, checkpoint.keyring()));
        JournalReplay.Result replayed = JournalReplay.replay(io, dir, header.vaultId(), checkpoint.keyring(), start,
                header.coversThrough(), header.lastSeq());
        Set<String> live = replayed.view().blobs().ids();
        for (String id : live) {
            blobs.verify(id, checkpoint.keyring());
        }
        List<Long> segments;
        try {
            segments = JournalSegment.list(io, dir).stream().filter(n -> n > header.coversThrough()).toList();
        } catch (IOException e) {
            throw StoreErrors.unreadable("the directory " + dir, e);
        }
        return new VaultImage(checkpoint, decoded.blobs().ids(), decoded.previousBlobs(), replayed, segments, live);
    }

    /**
     * {@return the backup in {@code dir}, read as {@link #read} reads a vault} A backup is cut at its last valid
     * record, so an incomplete record at the end of its newest segment is damage (STORE_CORRUPT), not a torn
     * append.
     */
    static VaultImage readBackup(FileIo io, Path dir, Keyring.KeySource keys) {
        VaultImage image = read(io, dir, keys);
        JournalReplay.End end = image.replayed().end();
        if (end.newest().isPresent()) {
            long segment = end.newest().get().segment();
            long size;
            try {
                size = io.stamp(JournalSegment.path(dir, segment)).map(FileStamp::size).orElse(-1L);
            } catch (IOException e) {
                size = -1;
            }
            if (size != end.validLength()) {
                throw StoreErrors.damagedBackup("the journal segment " + segment + " of the backup in " + dir
                        + " is damaged at offset " + end.validLength() + ": a backup ends with a whole record, so its"
                        + " last commits are lost");
            }
        }
        return image;
    }

    /** {@return the checkpoint's header} */
    Checkpoint.Header header() {
        return checkpoint.header();
    }

    /** {@return the sequence number of the last record: the last commit this image holds} */
    long lastSeq() {
        return replayed.end().lastSeq();
    }

    /** {@return the number of the newest segment, or the checkpoint's {@code coversThrough} when none follows it} */
    long newestSegment() {
        return replayed.end().newest().map(JournalRecord.Place::segment).orElse(header().coversThrough());
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.VerifyReport.FileCheck;
import io.offlinevault.domain.operation.VerifyReport.Outcome;
import io.offlinevault.domain.operation.VerifyReport.Part;
import io.offlinevault.domain.operation.VerifyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every store file of a data dir, each on its own, and reports each one instead of stopping at the
 * first failure: the checkpoint and {@code checkpoint.prev} (opened with the keys given), every journal segment
 * (header, every record's CRCs and tag and payload, sequence numbers without gaps; a torn tail of the newest
 * segment is a warning, as at open), every blob (present, intact, of this vault), and the segments and blobs
 * each checkpoint needs. Without a key for a file (no checkpoint opens, or only {@code checkpoint.prev}, whose
 * keyring may lack a newer key term) its checksums are still checked. Reads only, offline under the data dir's
 * lock or, for an open store, while its writer and checkpointer wait; not thread-safe.
 */
final class StoreVerifier {
    private final FileIo io;
    private final Path dataDir;
    private final Keyring.KeySource keys;
    private final List<FileCheck> checks = new ArrayList<>();
    private Loaded current;
    private Loaded previous;
    private boolean previousPresent;

    private StoreVerifier(FileIo io, Path dataDir, Keyring.KeySource keys) {
        this.io = io;
        this.dataDir = dataDir;
        this.keys = keys;
    }

    /** A checkpoint that opened and decoded. */
    private record Loaded(Checkpoint.Opened opened, StateCodec.Decoded decoded) {
        Checkpoint.Header header() {
            return opened.header();
        }
    }

    /** How a segment's records ended: the next sequence number expected (-1: unknown), the view after them. */
    private record Walked(long nextSeq, FileView view) {
    }

    /**
     * {@return the report on the store files in {@code location}'s data dir, whose lock it holds meanwhile} On a
     * read-only file system it reads without the lock file (nobody can write there) and writes nothing.
     */
    static VerifyReport verify(FileIo io, StoreLocation location, VaultKeys vaultKeys) {
        try (DataDirLock lock = DataDirLock.acquireToRead(io, location.dataDir())) {
            return verifyHeld(io, lock.dataDir(), StoreMaintenance.candidates(io, location, vaultKeys));
        }
    }

    /**
     * {@return the report on the store files in {@code dataDir}, opened with {@code keys}} For a caller that holds
     * the data dir and keeps its files still meanwhile: the open store's writer, between two commits.
     */
    static VerifyReport verifyHeld(FileIo io, Path dataDir, Keyring.KeySource keys) {
        StoreVerifier verifier = new StoreVerifier(io, dataDir, keys);
        try {
            verifier.run();
        } catch (IOException e) {
            throw StoreErrors.directoryNotAccessible("the data dir " + dataDir, dataDir, e);
        }
        return new VerifyReport(verifier.checks);
    }

    private void run() throws IOException {
        current = checkpoint(Checkpoint.FILE, Part.CURRENT, "the checkpoint");
        previousPresent = io.exists(dataDir.resolve(Checkpoint.PREVIOUS));
        if (previousPresent) {
            previous = checkpoint(Checkpoint.PREVIOUS, Part.PREVIOUS, "the previous checkpoint");
        }
        Set<String> live = segments();
        blobs(live);
        manifest();
    }

    // A backup's backup.json: every file it lists present and unchanged, and no segment or blob it does not list.
    private void manifest() {
        Optional<BackupManifest> manifest;
        try {
            manifest = BackupManifest.read(io, dataDir);
        } catch (StoreException e) {
            error(BackupManifest.FILE, Part.CURRENT, e);
            return;
        }
        if (manifest.isEmpty()) {
            return;
        }
        List<BackupManifest.Problem> problems = manifest.get().check(io, dataDir);
        for (BackupManifest.Problem problem : problems) {
            error(problem.file(), Part.CURRENT,
                    StoreErrors.damagedBackup("the backup's " + problem.file() + " " + problem.problem()));
        }
        String listed = manifest.get().files().size() + " files through record " + manifest.get().lastRecord();
        if (problems.isEmpty()) {
            ok(BackupManifest.FILE, Part.CURRENT, "a backup of " + listed + ": every one present and unchanged");
        } else {
            error(BackupManifest.FILE, Part.CURRENT, StoreErrors.damagedBackup("this backup of " + listed + " does not"
                    + " match it: " + problems.size() + (problems.size() == 1 ? " file is" : " files are")
                    + " missing, changed or extra"));
        }
    }

    private Loaded checkpoint(String file, Part part, String what) {
        try {
            Checkpoint.Opened opened = Checkpoint.read(io, dataDir.resolve(file), keys, FileVaultStore.PASSPHRASES, what);
            StateCodec.Decoded decoded;
            try {
                decoded = opened.decode();
            } catch (RecordCodec.MalformedRecordException e) {
                throw StoreErrors.undecodable(what, e);
            }
            Checkpoint.Header header = opened.header();
            ok(file, part, "generation " + header.generation() + ", written " + Instant.ofEpochMilli(header.writtenAt()).truncatedTo(ChronoUnit.SECONDS)
                    + ", covers the journal through segment " + header.coversThrough() + " (record " + header.lastSeq()
                    + "), key term " + header.term() + ", opened with " + opened.unlocked().openedWith().describe());
            return new Loaded(opened, decoded);
        } catch (StoreException e) {
            error(file, part, e);
            return null;
        }
    }

    // Every segment present, in order, and the gaps in the ones a checkpoint needs; {@return the current state's
    // blobs after the replay, or null when the replay could not finish}
    private Set<String> segments() throws IOException {
        List<Long> numbers = JournalSegment.list(io, dataDir);
        long newest = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        if (current != null) {
            missing(numbers, current.header().coversThrough() + 1, newest, Part.CURRENT);
        }
        if (previous != null) {
            long through = current != null ? Math.min(current.header().coversThrough(), newest) : newest;
            missing(numbers, previous.header().coversThrough() + 1, through, Part.PREVIOUS);
        }
        FileView view = current == null ? null : new FileView(current.decoded().state(), current.decoded().blobs(),
                new BlobReader(new Blobs(io, dataDir, current.header().vaultId()), current.opened().keyring()));
        long nextInChain = current == null ? 0 : current.header().coversThrough() + 1;
        long nextSeq = -1;
        long before = Long.MIN_VALUE;
        for (long number : numbers) {
            if (number != before + 1) {
                nextSeq = -1;
            }
            if (current != null && number == current.header().coversThrough() + 1) {
                nextSeq = current.header().lastSeq() + 1;
            } else if (previous != null && number == previous.header().coversThrough() + 1) {
                nextSeq = previous.header().lastSeq() + 1;
            }
            boolean replayed = view != null && number == nextInChain;
            if (view != null && number >= nextInChain && !replayed) {
                view = null;
            }
            Walked walked = segment(number, number == newest, nextSeq, replayed ? view : null);
            nextSeq = walked.nextSeq();
            if (replayed) {
                view = walked.view();
                nextInChain++;
            }
            before = number;
        }
        return view == null ? null : view.blobs().ids();
    }

    private void missing(List<Long> numbers, long from, long through, Part part) {
        TreeSet<Long> present = new TreeSet<>(numbers);
        long start = from;
        while (start <= through) {
            Long next = present.ceiling(start);
            long gapEnd = next == null ? through : Math.min(next - 1, through);
            if (gapEnd >= start) {
                String which = gapEnd == start ? "The journal segment " + start + " is missing: "
                        : "The journal segments " + start + " to " + gapEnd + " are missing: ";
                String whose = part == Part.CURRENT ? "the checkpoint" : "the previous checkpoint";
                error(JournalSegment.path(dataDir, start).getFileName().toString(), part,
                        StoreErrors.corrupt(which + whose + " (which covers through segment " + (from - 1)
                                + ") needs every segment after it"));
            }
            if (next == null) {
                return;
            }
            start = next + 1;
        }
    }

    private Walked segment(long number, boolean newest, long nextSeq, FileView view) {
        Path path = JournalSegment.path(dataDir, number);
        String file = path.getFileName().toString();
        String what = "the journal segment " + number;
        Part part = segmentPart(number);
        try {
            byte[] bytes = StoreFiles.readLimited(io, path, StoreFiles.MAX_ARRAY, what);
            int length = Container.lengthOfEmpty(bytes);
            Container.Parsed parsed = Container.parse(length == 0 ? bytes : Arrays.copyOf(bytes, length), what, 0);
            if (!(parsed.header().get("term") instanceof Integer term)) {
                throw StoreErrors.corrupt(what + " has no segment header");
            }
            Optional<Keyring> keyring = keyringFor(term);
            JournalRecord.Place place = keyring.isEmpty() ? null
                    : JournalSegment.readHeader(bytes, number, vaultId(), keyring.get()).place();
            int offset = length;
            long first = -1;
            long count = 0;
            FileView after = view;
            String torn = "";
            while (offset < bytes.length) {
                Optional<JournalRecord.Frame> frame = JournalRecord.at(bytes, offset);
                if (frame.isEmpty()) {
                    if (!newest || JournalRecord.anyAfter(bytes, offset)) {
                        throw StoreErrors.corrupt(what + " is damaged at offset " + offset
                                + (newest ? ", before records that are intact" : ", which is not the newest segment"));
                    }
                    torn = "; it ends with an incomplete record at offset " + offset + " (" + (bytes.length - offset)
                            + " bytes): a commit interrupted before it was acknowledged, ignored at open and"
                            + " truncated by the next commit";
                    break;
                }
                long seq = frame.get().seq();
                if (nextSeq >= 0 && seq != nextSeq) {
                    throw StoreErrors.corrupt(what + " holds the record " + seq + " at offset " + offset
                            + " where the record " + nextSeq + " belongs");
                }
                if (place != null) {
                    JournalEntry entry = JournalReplay.entry(bytes, frame.get(), place, keyring.get());
                    after = after == null ? null : entry.applyTo(after);
                }
                first = count == 0 ? seq : first;
                count++;
                nextSeq = seq + 1;
                offset = frame.get().end();
            }
            String records = count == 0 ? "no records" : count + (count == 1 ? " record" : " records") + " ("
                    + (count == 1 ? "seq " + first : "seq " + first + " to " + (nextSeq - 1)) + ")";
            if (place == null) {
                warning(file, part, records + ", key term " + term + ": checksums intact but not authenticated, because"
                        + " no checkpoint that opens holds key term " + term + torn);
            } else if (!torn.isEmpty()) {
                warning(file, part, records + ", key term " + term + torn);
            } else {
                ok(file, part, records + ", key term " + term);
            }
            return new Walked(nextSeq, after);
        } catch (StoreException e) {
            error(file, part, e);
            return new Walked(-1, null);
        }
    }

    private void blobs(Set<String> live) {
        Set<String> present = new TreeSet<>();
        Optional<String> vaultId = Optional.ofNullable(vaultId());
        Blobs blobs = new Blobs(io, dataDir, vaultId.orElse(""));
        present.addAll(blobs.list());
        for (String id : present) {
            blob(blobs, id, vaultId.isPresent(), blobPart(id, live));
        }
        Set<String> reported = new HashSet<>();
        if (live != null) {
            for (String id : new TreeSet<>(live)) {
                if (!present.contains(id)) {
                    reported.add(id);
                    error(Blobs.DIRECTORY + "/" + id, Part.CURRENT, StoreErrors.lost("the blob " + id
                            + ", which the vault's current state references, is missing"));
                }
            }
        }
        if (previous != null) {
            for (String id : new TreeSet<>(previous.decoded().blobs().ids())) {
                if (!present.contains(id) && !reported.contains(id)) {
                    error(Blobs.DIRECTORY + "/" + id, Part.PREVIOUS, StoreErrors.lostFromPrevious("the blob " + id
                            + ", which the previous checkpoint references, is missing"));
                }
            }
        }
    }

    private void blob(Blobs blobs, String id, boolean ofKnownVault, Part part) {
        String file = Blobs.DIRECTORY + "/" + id;
        String what = "the blob " + id;
        try {
            byte[] bytes = StoreFiles.readLimited(io, dataDir.resolve(Blobs.DIRECTORY).resolve(id),
                    Container.maxFileSize(StoreJson.MAX_BLOB), what);
            Container.Parsed parsed = Container.parse(bytes, what, StoreJson.MAX_BLOB);
            // a term that is not a number is the blob's own damage: any keyring lets verify() name it
            Object term = parsed.header().get("term");
            Optional<Keyring> keyring = ofKnownVault
                    ? keyringFor(term instanceof Integer number ? number : Keyring.FIRST_TERM) : Optional.empty();
            if (keyring.isEmpty()) {
                warning(file, part, "checksum intact but not authenticated, because no checkpoint that opens holds"
                        + " its key term");
                return;
            }
            blobs.verify(id, keyring.get());
            ok(file, part, part == Part.UNNEEDED ? "intact; referenced by neither checkpoint: the next open removes it"
                    : "intact");
        } catch (StoreException e) {
            error(file, part, e);
        }
    }

    // The current checkpoint's keyring holds every key term; the previous one's may lack the newer ones.
    private Optional<Keyring> keyringFor(int term) {
        if (current != null) {
            return Optional.of(current.opened().keyring());
        }
        if (previous == null) {
            return Optional.empty();
        }
        Keyring keyring = previous.opened().keyring();
        try {
            keyring.key(term, "the previous checkpoint");
            return Optional.of(keyring);
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private String vaultId() {
        if (current != null) {
            return current.header().vaultId();
        }
        return previous == null ? null : previous.header().vaultId();
    }

    private Part segmentPart(long number) {
        if (current == null || number > current.header().coversThrough()) {
            return Part.CURRENT;
        }
        if (previousPresent && (previous == null || number > previous.header().coversThrough())) {
            return Part.PREVIOUS;
        }
        return Part.UNNEEDED;
    }

    private Part blobPart(String id, Set<String> live) {
        if (current == null || live == null || live.contains(id) || current.decoded().blobs().ids().contains(id)) {
            return Part.CURRENT;
        }
        if (previousPresent && (previous == null || previous.decoded().blobs().ids().contains(id))) {
            return Part.PREVIOUS;
        }
        return Part.UNNEEDED;
    }

    private void ok(String file, Part part, String message) {
        checks.add(new FileCheck(file, part, Outcome.OK, Optional.empty(), message));
    }

    private void warning(String file, Part part, String message) {
        checks.add(new FileCheck(file, part, Outcome.WARNING, Optional.empty(), message));
    }

    private void error(String file, Part part, StoreException e) {
        checks.add(new FileCheck(file, part, Outcome.ERROR, Optional.of(e.code()), e.getMessage()));
    }
}

package io.offlinevault.store.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Journal segments: {@code journal.<S>} in the data dir, S = 1, 2, ...; only the newest is appended to. A
 * segment starts with a header container (kind "segment", the vault id, S and the key term its records use;
 * an empty payload, so the header is authenticated under that term's key), written temp -> force -> rename
 * -> directory force before any record; {@link JournalRecord records} follow it.
 */
final class JournalSegment {
    private static final String PREFIX = "journal.";
    private static final Pattern NAME = Pattern.compile("journal\\.([1-9][0-9]{0,17})");

    private JournalSegment() {
    }

    /** A segment's verified header: where its records belong, and where the first one starts. */
    record Header(JournalRecord.Place place, int length) {
    }

    static Path path(Path dataDir, long number) {
        return dataDir.resolve(PREFIX + number);
    }

    /** {@return the numbers of the segments in {@code dataDir}, ascending} Temp files are not segments. */
    static List<Long> list(FileIo io, Path dataDir) throws IOException {
        List<Long> numbers = new ArrayList<>();
        for (Path file : io.list(dataDir)) {
            number(file).ifPresent(numbers::add);
        }
        numbers.sort(null);
        return numbers;
    }

    static OptionalLong number(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /**
     * Creates the segment of {@code place} with its header, durably; {@return the header's length}
     * STORE_WRITE_FAILED or STORE_NO_SPACE, with nothing left behind, when it cannot.
     */
    static int create(FileIo io, Path dataDir, JournalRecord.Place place, Keyring keyring) {
        byte[] header = Container.seal(Map.of("kind", "segment", "vaultId", place.vaultId(), "segment", place.segment(),
                "term", place.term()), new byte[0], keyring.key(place.term(), "the journal"));
        StoreFiles.writeAtomically(io, path(dataDir, place.segment()), header, "the journal segment " + place.segment());
        return header.length;
    }

    /**
     * {@return the verified header at the start of {@code bytes}, the content of segment {@code number}}
     * A header that does not parse is STORE_CORRUPT; one that fails authentication or names another vault or
     * segment is STORE_TAMPERED.
     */
    static Header readHeader(byte[] bytes, long number, String vaultId, Keyring keyring) {
        String what = "the journal segment " + number;
        int length = Container.lengthOfEmpty(bytes);
        Container.Parsed parsed = Container.parse(length == 0 ? bytes : Arrays.copyOf(bytes, length), what, 0);
        Map<String, Object> fields = parsed.header();
        if (!(fields.get("term") instanceof Integer term) || !(fields.get("segment") instanceof Number segment)) {
            throw StoreErrors.corrupt(what + " has no segment header");
        }
        parsed.open(keyring.key(term, what));
        if (!"segment".equals(fields.get("kind")) || !vaultId.equals(fields.get("vaultId"))
                || segment.longValue() != number) {
            throw StoreErrors.tampered(what + " belongs to another vault or was renamed");
        }
        return new Header(new JournalRecord.Place(vaultId, number, term), length);
    }
}

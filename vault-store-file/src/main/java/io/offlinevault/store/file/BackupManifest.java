package io.offlinevault.store.file;

import io.offlinevault.domain.error.StoreException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The list a backup writes beside its files, {@code backup.json}: the vault, the checkpoint's generation, the last
 * record, the journal segments, and the SHA-256 of every file copied (the checkpoint, the segments, the blobs).
 * Restore requires a backup's files to match it, so that a segment or blob removed from a copy is refused instead of
 * restoring an older state; verify names what is missing. Immutable.
 */
record BackupManifest(String vaultId, long generation, long lastRecord, List<Long> segments,
                      Map<String, String> files) {
    /** The manifest's name in a backup directory. */
    static final String FILE = "backup.json";

    private static final String FORMAT = "offline-vault backup";
    private static final int VERSION = 1;
    private static final long MAX_BYTES = 16L * 1024 * 1024;
    // the names a backup holds: the checkpoint, journal segments, blobs/<32 hex digits>
    private static final Pattern NAME = Pattern.compile("checkpoint|journal\\.[1-9][0-9]{0,18}|blobs/[0-9a-f]{32}");
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    BackupManifest {
        segments = List.copyOf(segments);
        files = Map.copyOf(new TreeMap<>(files));
    }

    /** What a backup's files do not match in its manifest: one file, and what is wrong with it. */
    record Problem(String file, String problem) {
    }

    /** {@return the hex SHA-256 of {@code bytes}} */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@return the manifest as the JSON of {@code backup.json}} */
    byte[] encode() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("version", VERSION);
        tree.put("vaultId", vaultId);
        tree.put("generation", generation);
        tree.put("lastRecord", lastRecord);
        tree.put("segments", segments);
        tree.put("files", new TreeMap<>(files));
        return StoreJson.write(tree);
    }

    /**
     * {@return the manifest of the backup in {@code dir}, or empty when it has none (a backup of an older release)}
     *
     * @throws StoreException STORE_CORRUPT when {@code backup.json} is not a manifest this build writes
     */
    static Optional<BackupManifest> read(FileIo io, Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!io.exists(file)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw StoreErrors.unreadable("the backup's " + FILE, e);
        }
        byte[] bytes;
        try {
            bytes = StoreFiles.readLimited(io, file, MAX_BYTES, "the backup's " + FILE);
        } catch (StoreException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(parse(StoreJson.read(bytes, "the backup's " + FILE)));
    }

    private static BackupManifest parse(Object tree) {
        if (!(tree instanceof Map<?, ?> fields) || !FORMAT.equals(fields.get("format"))
                || !Integer.valueOf(VERSION).equals(fields.get("version"))
                || !(fields.get("vaultId") instanceof String vaultId)
                || !(number(fields.get("generation")) instanceof Long generation)
                || !(number(fields.get("lastRecord")) instanceof Long lastRecord)
                || !(fields.get("segments") instanceof List<?> rawSegments)
                || !(fields.get("files") instanceof Map<?, ?> rawFiles)) {
            throw damaged("is not a backup manifest this release reads");
        }
        List<Long> segments = new ArrayList<>();
        for (Object segment : rawSegments) {
            if (!(number(segment) instanceof Long number) || number < 1) {
                throw damaged("lists a journal segment that is not a number");
            }
            segments.add(number);
        }
        Map<String, String> files = new TreeMap<>();
        for (Map.Entry<?, ?> entry : rawFiles.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !NAME.matcher(name).matches()
                    || !(entry.getValue() instanceof String sha) || !SHA_256.matcher(sha).matches()) {
                throw damaged("lists a file that no backup holds, or a checksum that is not a SHA-256");
            }
            files.put(name, sha);
        }
        if (!files.containsKey(Checkpoint.FILE)) {
            throw damaged("does not list the checkpoint");
        }
        return new BackupManifest(vaultId, generation, lastRecord, segments, files);
    }

    private static Object number(Object raw) {
        return raw instanceof Integer || raw instanceof Long ? ((Number) raw).longValue() : null;
    }

    private static StoreException damaged(String problem) {
        return StoreErrors.damagedBackup("the backup's " + FILE + " " + problem);
    }

    /**
     * {@return what of the backup in {@code dir} does not match this manifest, in file order} A listed file that is
     * missing or whose SHA-256 differs, and a journal segment or blob that is present but not listed (it would
     * change the state restored).
     */
    List<Problem> check(FileIo io, Path dir) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> listed : new TreeMap<>(files).entrySet()) {
            String name = listed.getKey();
            Path file = dir.resolve(name);
            try {
                if (!io.exists(file)) {
                    problems.add(new Problem(name, "is missing: " + FILE + " lists it"));
                    continue;
                }
                byte[] content = StoreFiles.readLimited(io, file, StoreFiles.MAX_ARRAY, name);
                if (!sha256(content).equals(listed.getValue())) {
                    problems.add(new Problem(name, "differs from the copy " + FILE + " lists (its SHA-256 does not"
                            + " match)"));
                }
            } catch (IOException | StoreException e) {
                problems.add(new Problem(name, "cannot be read"));
            }
        }
        List<String> present = new ArrayList<>();
        try {
            JournalSegment.list(io, dir).forEach(number -> present.add(JournalSegment.path(dir, number).getFileName()
                    .toString()));
        } catch (IOException e) {
            problems.add(new Problem(".", "cannot be listed"));
        }
        new Blobs(io, dir, "").list().forEach(id -> present.add(Blobs.DIRECTORY + "/" + id));
        for (String name : present) {
            if (!files.containsKey(name)) {
                problems.add(new Problem(name, "is not part of the backup: " + FILE + " does not list it"));
            }
        }
        return problems;
    }

    /**
     * Checks the backup in {@code dir} against this manifest.
     *
     * @throws StoreException STORE_CORRUPT naming every file that is missing, differs or does not belong
     */
    void verify(FileIo io, Path dir) {
        List<Problem> problems = check(io, dir);
        if (!problems.isEmpty()) {
            throw StoreErrors.damagedBackup("the backup does not match its " + FILE + ": " + String.join("; ",
                    problems.stream().map(p -> p.file() + " " + p.problem()).toList()));
        }
    }
}

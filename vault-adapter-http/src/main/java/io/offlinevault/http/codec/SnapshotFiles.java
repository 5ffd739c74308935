package io.offlinevault.http.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.snapshot.SnapshotResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Snapshot files as uploaded and exported (API.md 3): one JSON content document, or a ZIP whose
 * {@code .json} entries are content documents, read within fixed limits ({@value #MAX_UPLOAD} bytes
 * in, {@value #MAX_ENTRIES} entries, {@value #MAX_INFLATED} bytes inflated in total, counted as they
 * are inflated). Every failure is an {@link InvalidSnapshotException} naming the file or entry and the
 * problem, never a value of the content. Stateless and thread-safe.
 */
public final class SnapshotFiles {
    /** The largest snapshot file read, JSON or ZIP: 64 MiB. */
    public static final int MAX_UPLOAD = 64 * 1024 * 1024;
    /** The most entries a ZIP may hold, directories and ignored entries included. */
    public static final int MAX_ENTRIES = 1_000;
    /** The most bytes all entries of a ZIP may inflate to, together: 64 MiB. */
    public static final int MAX_INFLATED = 64 * 1024 * 1024;
    /** The name of the single document of a {@link ContentFormat#FLAT} export. */
    public static final String FLAT_ENTRY = "snapshot.json";

    // The DOS epoch: representable in every ZIP header without an extra field, and independent of the time zone.
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final String DOCUMENT = "the document";
    private static final int LONGEST_NAME_IN_MESSAGE = 120;
    private static final int BUFFER = 64 * 1024;
    private static final int END_RECORD = 22;
    private static final int LONGEST_ZIP_COMMENT = 0xFFFF;

    /** How the bytes of an upload are to be read ({@code snapshotFileType}). */
    public enum FileType {
        JSON, ZIP
    }

    /** How an export lays out its content ({@code contentFormat}). */
    public enum ContentFormat {
        /** One {@code snapshot.json} holding the whole document. */
        FLAT,
        /** One {@code <TYPE>.json} per resource type, each a full content document. */
        SPLIT_PER_TYPE
    }

    private SnapshotFiles() {
    }

    /**
     * {@return the content of the snapshot file {@code bytes}, read as {@code declared} or, when empty,
     * as the bytes show} {@code fileName} names the file in messages.
     *
     * @throws InvalidSnapshotException when the bytes contradict {@code declared}, are neither JSON nor
     *                                  ZIP, break a limit or a shape rule
     */
    public static SnapshotContent read(byte[] bytes, Optional<FileType> declared, String fileName) {
        requireNonNull(bytes, "bytes");
        requireNonNull(declared, "declared");
        requireNonNull(fileName, "fileName");
        if (bytes.length > MAX_UPLOAD) {
            throw invalid(fileName, "is larger than " + MAX_UPLOAD + " bytes (64 MiB), the limit for a snapshot file");
        }
        FileType actual = detect(bytes);
        if (declared.isPresent() && declared.get() != actual) {
            throw invalid(fileName, "was declared " + declared.get() + " (snapshotFileType) but its bytes are "
                    + (actual == FileType.ZIP ? "a ZIP archive" : "not a ZIP archive"));
        }
        return switch (actual) {
            case JSON -> readJson(bytes, fileName, declared.isEmpty());
            case ZIP -> readZip(bytes, fileName);
        };
    }

    /**
     * {@return {@code content} as a ZIP archive in {@code format}} The bytes depend only on the content:
     * fixed entry times, types sorted. A {@link ContentFormat#SPLIT_PER_TYPE} export of a content without
     * any type holds one {@value #FLAT_ENTRY}, so that it still reads back.
     */
    public static byte[] writeZip(SnapshotContent content, ContentFormat format) {
        requireNonNull(content, "content");
        requireNonNull(format, "format");
        Map<String, Object> documents = switch (format) {
            case FLAT -> Map.of(FLAT_ENTRY, content.toDocument());
            case SPLIT_PER_TYPE -> content.resources().isEmpty()
                    ? Map.of(FLAT_ENTRY, content.toDocument())
                    : perType(content);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Object> document : new TreeMap<>(documents).entrySet()) {
                ZipEntry entry = new ZipEntry(document.getKey());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(WireJson.write(document.getValue()));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * {@return the content of the ZIP archive read from {@code in}} Separate from {@link #read} so that
     * tests can watch how much of the input was consumed before a limit stopped the reading.
     */
    static SnapshotContent readZip(InputStream in, String fileName) {
        List<SnapshotContent> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long inflated = 0;
        int entries = 0;
        String current = null;
        byte[] buffer = new byte[BUFFER];
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = nextEntry(zip, fileName, entries); entry != null;
                    entry = nextEntry(zip, fileName, entries)) {
                entries++;
                current = entry.getName();
                if (entries > MAX_ENTRIES) {
                    throw invalid(fileName, "holds more than " + MAX_ENTRIES
                            + " entries, the limit for a snapshot ZIP");
                }
                checkPath(fileName, current);
                boolean document = isDocument(current);
                if (document && !seen.add(current)) {
                    throw invalid(fileName, "holds the entry " + quoted(current) + " twice");
                }
                ByteArrayOutputStream kept = document ? new ByteArrayOutputStream() : null;
                // Count what the inflater really produces: the sizes in the local header may lie.
                int read;
                while ((read = zip.read(buffer, 0, (int) Math.min(buffer.length, MAX_INFLATED - inflated + 1))) > 0) {
                    inflated += read;
                    if (inflated > MAX_INFLATED) {
                        throw invalid(fileName, "inflates to more than " + MAX_INFLATED + " bytes (64 MiB) in total, "
                                + "the limit for a snapshot ZIP (stopped in the entry " + quoted(current) + ")");
                    }
                    if (kept != null) {
                        kept.write(buffer, 0, read);
                    }
                }
                if (kept != null) {
                    parts.add(readDocument(kept.toByteArray(), shown(current)));
                    names.add(shown(current));
                }
            }
        } catch (IOException e) {
            // The library's text may quote the archive: say only where reading stopped.
            throw invalid(fileName, "is not a readable ZIP archive (damaged, truncated or of an unsupported kind)"
                    + (current == null ? "" : "; reading stopped in or after the entry " + quoted(current)));
        }
        if (parts.isEmpty()) {
            throw invalid(fileName, "is a ZIP archive without any .json entry; a snapshot ZIP holds one or more "
                    + "content documents named *.json");
        }
        return SnapshotContentReader.merge(parts, names);
    }

    private static SnapshotContent readZip(byte[] bytes, String fileName) {
        // A streaming read alone would accept an archive cut off between two entries.
        if (!hasEndRecord(bytes)) {
            throw invalid(fileName, "is not a complete ZIP archive: its end record is missing (truncated?)");
        }
        return readZip(new ByteArrayInputStream(bytes), fileName);
    }

    private static ZipEntry nextEntry(ZipInputStream zip, String fileName, int entries) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException | ZipException e) {
            // A name that is not valid UTF-8 is an IllegalArgumentException up to JDK 21 or so, a ZipException later.
            throw invalid(fileName, "has an unreadable local header at entry " + (entries + 1)
                    + " (damaged, or a name that is not valid UTF-8)");
        }
    }

    private static SnapshotContent readJson(byte[] bytes, String fileName, boolean detected) {
        try {
            return readDocument(bytes, shown(fileName));
        } catch (InvalidSnapshotException e) {
            if (detected && !looksLikeJson(bytes)) {
                throw invalid(fileName, "is neither a JSON document nor a ZIP archive");
            }
            throw e;
        }
    }

    // name is already fit for a message.
    // Streamed resource by resource: a 64 MiB document never exists as one tree of maps.
    private static SnapshotContent readDocument(byte[] bytes, String name) {
        try {
            return WireJson.stream(bytes, MAX_UPLOAD, DOCUMENT, parser -> {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    return SnapshotContentReader.read(parser.readValueAs(Object.class), name);
                }
                SnapshotContentReader.Builder builder = new SnapshotContentReader.Builder(name);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (!field.equals("resources")) {
                        builder.member(field, parser.readValueAs(Object.class));
                    } else if (value != JsonToken.START_OBJECT) {
                        throw builder.resourcesNotAnObject(parser.readValueAs(Object.class));
                    } else {
                        builder.resources();
                        readTypes(parser, builder);
                    }
                }
                if (parser.nextToken() != null) {
                    throw new JsonParseException(parser, "Trailing token");
                }
                return builder.build();
            });
        } catch (InvalidJsonException e) {
            throw new InvalidSnapshotException(name + ": " + decapitalize(e.getMessage()));
        }
    }

    private static void readTypes(JsonParser parser, SnapshotContentReader.Builder builder) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            builder.type(parser.currentName());
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw builder.notAnArray(parser.readValueAs(Object.class));
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                builder.resource(parser.readValueAs(Object.class));
            }
        }
    }

    private static FileType detect(byte[] bytes) {
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K'
                && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
        return zip ? FileType.ZIP : FileType.JSON;
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[';
            }
        }
        return true;
    }

    // The end-of-central-directory record: its signature within the last 22 + 65,535 bytes.
    private static boolean hasEndRecord(byte[] bytes) {
        int lowest = Math.max(0, bytes.length - END_RECORD - LONGEST_ZIP_COMMENT);
        for (int i = bytes.length - END_RECORD; i >= lowest; i--) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 5 && bytes[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    private static void checkPath(String fileName, String name) {
        boolean absolute = name.startsWith("/") || name.startsWith("\\")
                || (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0)));
        if (absolute) {
            throw invalid(fileName, "holds the entry " + quoted(name) + " with an absolute path");
        }
        for (String segment : segments(name)) {
            if (segment.equals("..")) {
                throw invalid(fileName, "holds the entry " + quoted(name) + " whose path contains '..'");
            }
        }
    }

    // A content document: a file (not a folder) named *.json, not hidden, not under __MACOSX.
    private static boolean isDocument(String name) {
        if (name.endsWith("/") || name.endsWith("\\") || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return false;
        }
        List<String> segments = segments(name);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            // "." alone is the current folder (./SOURCE.json), not a hidden one.
            boolean hidden = segment.startsWith(".") && !segment.equals(".");
            boolean macMetadata = i < segments.size() - 1 && segment.equals("__MACOSX");
            if (hidden || macMetadata) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String name) {
        return List.of(name.split("[/\\\\]", -1));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static Map<String, Object> perType(SnapshotContent content) {
        Map<String, Object> documents = new LinkedHashMap<>();
        for (Map.Entry<ResourceType, List<SnapshotResource>> type : content.resources().entrySet()) {
            Map<ResourceType, List<SnapshotResource>> only = Map.of(type.getKey(), type.getValue());
            SnapshotContent part = new SnapshotContent(content.metadata(), only, content.extra());
            documents.put(type.getKey().name() + ".json", part.toDocument());
        }
        return documents;
    }

    private static InvalidSnapshotException invalid(String fileName, String problem) {
        return new InvalidSnapshotException(shown(fileName) + " " + problem + ".");
    }

    private static String quoted(String name) {
        return "'" + shown(name) + "'";
    }

    // Names come from the upload: control characters escaped, long ones cut, so that a message stays one short line.
    private static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (int i = 0; i < name.length(); count++) {
            if (count == LONGEST_NAME_IN_MESSAGE) {
                return shown.append("...").toString();
            }
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                for (char unit : Character.toChars(c)) {
                    shown.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                shown.appendCodePoint(c);
            }
        }
        return shown.toString();
    }

    private static String decapitalize(String message) {
        return message.startsWith("The ") ? "t" + message.substring(1) : message;
    }
}

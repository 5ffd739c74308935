package io.offlinevault.http.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import io.offlinevault.domain.snapshot.SnapshotResource;
import io.offlinevault.domain.testing.TestJson;
import io.offlinevault.http.codec.SnapshotFiles.ContentFormat;
import io.offlinevault.http.codec.SnapshotFiles.FileType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotFilesTest {
    private static final String SENTINEL = "S3NT1NEL-content-value-never-in-a-message";
    private static final String EXAMPLE = "/examples/snapshot-content-with-vault-placeholders.json";
    private static final int MIB = 1024 * 1024;

    // --- fixtures ---

    private record Entry(String name, byte[] bytes, int method) {
        Entry(String name, byte[] bytes) {
            this(name, bytes, ZipEntry.DEFLATED);
        }
    }

    private static Entry entry(String name, String text) {
        return new Entry(name, text.getBytes(UTF_8));
    }

    private static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                zipEntry.setMethod(entry.method());
                if (entry.method() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.bytes());
                    zipEntry.setSize(entry.bytes().length);
                    zipEntry.setCompressedSize(entry.bytes().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(Entry... entries) {
        return zip(List.of(entries));
    }

    /** A content document of one type whose models hold the sentinel as a value. */
    private static String document(String type, String... names) {
        StringBuilder resources = new StringBuilder();
        for (String name : names) {
            resources.append(resources.length() == 0 ? "" : ",").append("{\"resourceName\":\"").append(name)
                    .append("\",\"parents\":{},\"model\":{\"secret\":\"").append(SENTINEL).append("\"}}");
        }
        return "{\"metadata\":{\"schemaVersion\":\"v1\"},\"resources\":{\"" + type + "\":[" + resources + "]}}";
    }

    private static byte[] example() {
        try (InputStream in = SnapshotFilesTest.class.getResourceAsStream(EXAMPLE)) {
            assertThat(in).as("test resource %s", EXAMPLE).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SnapshotContent exampleContent() {
        return SnapshotContentReader.read(TestJson.resource(EXAMPLE), "example.json");
    }

    private static byte[] documentOf(SnapshotContent content, ResourceType type) {
        return WireJson.write(new SnapshotContent(content.metadata(), Map.of(type, content.resources().get(type)),
                content.extra()).toDocument());
    }

    private static byte[] zeros(int size) {
        return new byte[size];
    }

    /**
     * Reads, expects INVALID_SNAPSHOT, and checks that no content value leaked into the message. The message
     * starts with the name of the file or, for a document inside a ZIP, of the entry.
     */
    private static String failure(byte[] bytes, Optional<FileType> declared, String fileName) {
        String message = anyFailure(bytes, declared, fileName);
        assertThat(message).startsWith(fileName);
        return message;
    }

    private static String anyFailure(byte[] bytes, Optional<FileType> declared, String fileName) {
        InvalidSnapshotException e = catchThrowableOfType(InvalidSnapshotException.class,
                () -> SnapshotFiles.read(bytes, declared, fileName));
        assertThat(e).as("an InvalidSnapshotException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SNAPSHOT);
        assertThat(e.getMessage()).doesNotContain(SENTINEL);
        return e.getMessage();
    }

    private static String zipFailure(byte[] bytes) {
        return anyFailure(bytes, Optional.of(FileType.ZIP), "upload.zip");
    }

    private static String zipFailure(Entry... entries) {
        return zipFailure(zip(entries));
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    // --- JSON ---

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reads_the_example_json_declared_or_detected(boolean declared) {
        SnapshotContent content = SnapshotFiles.read(example(), declared ? Optional.of(FileType.JSON) : Optional.empty(),
                "snapshot.json");

        assertThat(content).isEqualTo(exampleContent());
        assertThat(content.resources().keySet()).containsExactly(ResourceType.EXTENSION, ResourceType.FIELD,
                ResourceType.MAPPING, ResourceType.SOURCE);
    }

    @Test
    void a_json_that_is_not_a_snapshot_is_invalid() {
        assertThat(failure("{\"foo\": 1}".getBytes(UTF_8), Optional.empty(), "snapshot.json"))
                .contains("resources is required");
        assertThat(failure("[]".getBytes(UTF_8), Optional.of(FileType.JSON), "snapshot.json"))
                .contains("must be a JSON object");
        assertThat(failure(new byte[0], Optional.empty(), "snapshot.json")).contains("empty");
    }

    @Test
    void json_limits_apply_to_a_plain_snapshot_file_and_name_it() {
        String duplicate = "{\"resources\":{\"SOURCE\":[{\"resourceName\":\"s\",\"model\":{\"a\":\"" + SENTINEL
                + "\",\"a\":\"" + SENTINEL + "\"}}]}}";
        String trailing = document("SOURCE", "s") + " {\"x\":\"" + SENTINEL + "\"}";

        assertThat(failure(duplicate.getBytes(UTF_8), Optional.empty(), "mine.json"))
                .startsWith("mine.json: the document is not valid JSON (line 1, column")
                .contains("a key appears twice");
        assertThat(failure(trailing.getBytes(UTF_8), Optional.empty(), "mine.json")).contains("more after the JSON value");
        assertThat(failure(deep(65).getBytes(UTF_8), Optional.empty(), "mine.json")).contains("nesting deeper than 64");
    }

    @Test
    void bytes_that_are_neither_json_nor_zip_are_invalid() {
        // given
        byte[] pdf = ("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + SENTINEL)
                .getBytes(ISO_8859_1);
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);

        // then
        assertThat(failure(pdf, Optional.empty(), "upload")).isEqualTo("upload is neither a JSON document nor a ZIP archive.");
        assertThat(failure(random, Optional.empty(), "upload")).isEqualTo("upload is neither a JSON document nor a ZIP archive.");
        assertThat(failure(pdf, Optional.of(FileType.JSON), "upload")).isEqualTo("upload: the document is not valid UTF-8.");
        assertThat(failure(pdf, Optional.of(FileType.ZIP), "upload")).contains("declared ZIP");
    }

    @Test
    void a_declared_type_that_contradicts_the_bytes_is_invalid() {
        byte[] zip = zip(entry("SOURCE.json", document("SOURCE", "s")));

        assertThat(failure(zip, Optional.of(FileType.JSON), "snapshot.json"))
                .isEqualTo("snapshot.json was declared JSON (snapshotFileType) but its bytes are a ZIP archive.");
        assertThat(failure(document("SOURCE", "s").getBytes(UTF_8), Optional.of(FileType.ZIP), "snapshot.zip"))
                .isEqualTo("snapshot.zip was declared ZIP (snapshotFileType) but its bytes are not a ZIP archive.");
    }

    @Test
    void a_file_over_64_mib_is_invalid_before_it_is_read() {
        byte[] big = new byte[SnapshotFiles.MAX_UPLOAD + 1];
        big[0] = '{';

        assertThat(failure(big, Optional.empty(), "big.json")).contains("larger than 67108864 bytes");
    }

    // --- ZIP: what is read ---

    @Test
    void reads_a_zip_with_one_document_per_type_at_several_depths_to_the_same_content() {
        // given
        SnapshotContent expected = exampleContent();
        byte[] zip = zip(
                new Entry("EXTENSION.json", documentOf(expected, ResourceType.EXTENSION)),
                new Entry("export/", new byte[0]),
                new Entry("export/FIELD.JSON", documentOf(expected, ResourceType.FIELD)),
                new Entry("./export/deeper/MAPPING.json", documentOf(expected, ResourceType.MAPPING), ZipEntry.STORED),
                new Entry("win\\style\\SOURCE.Json", documentOf(expected, ResourceType.SOURCE)));

        // when
        SnapshotContent content = SnapshotFiles.read(zip, Optional.empty(), "upload.zip");

        // then
        assertThat(content).isEqualTo(expected);
        assertThat(SnapshotFiles.read(zip, Optional.of(FileType.ZIP), "upload.zip")).isEqualTo(expected);
    }

    @Test
    void ignores_macos_metadata_hidden_files_folders_and_other_files() {
        // given: the ignored entries would be invalid documents if they were read
        String garbage = "not json " + SENTINEL;
        byte[] zip = zip(
                entry("__MACOSX/", ""),
                entry("__MACOSX/._SOURCE.json", garbage),
                entry("export/__MACOSX/export/._SOURCE.json", garbage),
                entry(".hidden.json", garbage),
                entry("export/.git/config.json", garbage),
                entry("notes.txt", garbage),
                entry("export/SOURCE.json.bak", garbage),
                entry("export/SOURCE.json", document("SOURCE", "s1", "s2")));

        // when
        SnapshotContent content = SnapshotFiles.read(zip, Optional.of(FileType.ZIP), "upload.zip");

        // then
        assertThat(content.allResources()).extracting(SnapshotResource::resourceName).containsExactly("s1", "s2");
    }

    @ParameterizedTest
    @EnumSource(ContentFormat.class)
    void an_export_reads_back_to_an_equal_content(ContentFormat format) {
        // given
        SnapshotContent content = exampleContent();

        // when
        byte[] zip = SnapshotFiles.writeZip(content, format);

        // then
        assertThat(SnapshotFiles.read(zip, Optional.of(FileType.ZIP), "export.zip")).isEqualTo(content);
        assertThat(SnapshotFiles.read(zip, Optional.empty(), "export.zip")).isEqualTo(content);
        assertThat(SnapshotFiles.writeZip(content, format)).as("a second export, byte for byte").isEqualTo(zip);
    }

    @Test
    void exports_name_their_entries_as_the_api_says() {
        SnapshotContent content = exampleContent();

        assertThat(entryNames(SnapshotFiles.writeZip(content, ContentFormat.FLAT))).containsExactly("snapshot.json");
        assertThat(entryNames(SnapshotFiles.writeZip(content, ContentFormat.SPLIT_PER_TYPE)))
                .containsExactly("EXTENSION.json", "FIELD.json", "MAPPING.json", "SOURCE.json");
    }

    @Test
    void a_split_export_of_a_content_without_types_still_reads_back() {
        SnapshotContent empty = SnapshotFiles.read("{\"resources\":{}}".getBytes(UTF_8), Optional.empty(), "e.json");

        byte[] zip = SnapshotFiles.writeZip(empty, ContentFormat.SPLIT_PER_TYPE);

        assertThat(entryNames(zip)).containsExactly("snapshot.json");
        assertThat(SnapshotFiles.read(zip, Optional.empty(), "e.zip")).isEqualTo(empty);
    }

    @Test
    void a_split_export_keeps_empty_types() {
        SnapshotContent content = SnapshotFiles.read(("{\"resources\":{\"FIELD\":[],\"SOURCE\":[{\"resourceName\":"
                + "\"s\",\"model\":{}}]}}").getBytes(UTF_8), Optional.empty(), "c.json");

        SnapshotContent back = SnapshotFiles.read(SnapshotFiles.writeZip(content, ContentFormat.SPLIT_PER_TYPE),
                Optional.empty(), "c.zip");

        assertThat(back).isEqualTo(content);
        assertThat(back.resources()).containsKey(ResourceType.FIELD);
    }

    private static List<String> entryNames(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    // --- ZIP: what is refused ---

    @Test
    void a_resource_named_in_two_entries_is_refused_naming_both() {
        String message = zipFailure(
                entry("one/SOURCE.json", document("SOURCE", "a", "helpcenter")),
                entry("two/SOURCE.json", document("SOURCE", "helpcenter")));

        assertThat(message).startsWith("two/SOURCE.json: resources.SOURCE[0] names the resource SOURCE 'helpcenter' that "
                + "one/SOURCE.json already names (at resources.SOURCE[1])");
    }

    @Test
    void the_same_document_entry_twice_is_refused() {
        // given: ZipOutputStream refuses a name twice, so the second name is patched in afterwards
        byte[] zip = zip(entry("SOURCE.json", document("SOURCE", "a")), entry("SOURCE.jsoX", document("SOURCE", "b")));
        replaceAll(zip, "SOURCE.jsoX", "SOURCE.json");

        // then
        assertThat(zipFailure(zip)).isEqualTo("upload.zip holds the entry 'SOURCE.json' twice.");
    }

    private static void replaceAll(byte[] bytes, String from, String to) {
        byte[] target = from.getBytes(ISO_8859_1);
        byte[] replacement = to.getBytes(ISO_8859_1);
        int replaced = 0;
        for (int i = 0; i + target.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
                System.arraycopy(replacement, 0, bytes, i, replacement.length);
                replaced++;
            }
        }
        assertThat(replaced).as("local header and central directory").isEqualTo(2);
    }

    @Test
    void a_zip_without_json_entry_is_invalid() {
        assertThat(zipFailure(entry("notes.txt", "hello"), entry("dir/", ""), entry("__MACOSX/._a.json", "x")))
                .contains("without any .json entry");
        byte[] empty = zip(List.of());
        assertThat(empty).startsWith((byte) 'P', (byte) 'K', (byte) 5, (byte) 6);
        assertThat(failure(empty, Optional.empty(), "empty.zip")).contains("without any .json entry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.json", "/abs.json", "a/../../b.json", "C:\\x.json", "c:/x.json", "\\x.json",
            "a\\..\\b.json", "..", "docs/../notes.txt"})
    void entries_with_absolute_paths_or_dot_dot_are_refused(String name) {
        String message = zipFailure(entry("SOURCE.json", document("SOURCE", "s")), entry(name, document("FIELD", "f")));

        assertThat(message).contains("'" + name + "'").containsAnyOf("absolute path", "contains '..'");
    }

    @Test
    void a_thousand_entries_are_read_and_one_more_is_refused() {
        // given
        List<Entry> entries = new ArrayList<>();
        entries.add(entry("SOURCE.json", document("SOURCE", "s")));
        for (int i = 1; i < SnapshotFiles.MAX_ENTRIES; i++) {
            entries.add(entry("empty/" + i + ".txt", ""));
        }
        byte[] thousand = zip(entries);
        entries.add(entry("empty/one-more.txt", ""));
        byte[] thousandAndOne = zip(entries);

        // then
        assertThat(SnapshotFiles.read(thousand, Optional.empty(), "a.zip").allResources()).hasSize(1);
        assertThat(zipFailure(thousandAndOne)).contains("more than 1000 entries");
    }

    @Test
    void a_zip_bomb_is_refused_once_64_mib_are_inflated_without_reading_the_rest() {
        // given: 200 MiB of zeros deflate to about 200 KiB
        byte[] bomb = zip(new Entry("SOURCE.json", zeros(200 * MIB)));
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(bomb));

        // when
        InvalidSnapshotException e = catchThrowableOfType(InvalidSnapshotException.class,
                () -> SnapshotFiles.readZip(in, "bomb.zip"));

        // then: stopped at 64 of 200 MiB, so well before the middle of the archive
        assertThat(e.getMessage()).isEqualTo("bomb.zip inflates to more than 67108864 bytes (64 MiB) in total, "
                + "the limit for a snapshot ZIP (stopped in the entry 'SOURCE.json').");
        assertThat(in.count).isLessThan(bomb.length / 2);
        assertThat(zipFailure(bomb)).contains("inflates to more than");
    }

    @Test
    void the_inflated_limit_counts_ignored_entries_and_all_entries_together() {
        byte[] zip = zip(
                new Entry("a/padding.bin", zeros(40 * MIB)),
                new Entry("b/.padding.json", zeros(20 * MIB)),
                new Entry("SOURCE.json", (document("SOURCE", "s") + " ".repeat(5 * MIB)).getBytes(UTF_8)));

        assertThat(zipFailure(zip)).contains("inflates to more than", "'SOURCE.json'");
    }

    @Test
    void exactly_64_mib_inflated_in_total_is_accepted() {
        byte[] json = document("SOURCE", "s").getBytes(UTF_8);
        byte[] zip = zip(new Entry("padding.bin", zeros(SnapshotFiles.MAX_INFLATED - json.length)), new Entry("SOURCE.json", json));

        assertThat(SnapshotFiles.read(zip, Optional.empty(), "full.zip").allResources()).hasSize(1);
    }

    @Test
    void a_local_header_that_understates_the_size_does_not_lift_the_limit() {
        // given: a DEFLATED entry whose local header claims 100 bytes but that inflates to 70 MiB
        byte[] data = zeros(70 * MIB);
        byte[] zip = zipWithSizesInHeader("SOURCE.json", data);
        patchLocalHeaderSizes(zip, 100, 100);

        // then
        assertThat(zipFailure(zip)).contains("inflates to more than 67108864 bytes");
    }

    @Test
    void a_local_header_that_lies_about_a_small_entry_is_invalid() {
        // given: real sizes in the header, then one byte fewer or more
        byte[] json = document("SOURCE", "s").getBytes(UTF_8);
        byte[] deflated = zipWithSizesInHeader("SOURCE.json", json);
        byte[] stored = zip(new Entry("SOURCE.json", json, ZipEntry.STORED));
        assertThat(SnapshotFiles.read(deflated.clone(), Optional.empty(), "ok.zip").allResources()).hasSize(1);
        assertThat(SnapshotFiles.read(stored.clone(), Optional.empty(), "ok.zip").allResources()).hasSize(1);

        // when
        patchLocalHeaderSizes(deflated, localCompressedSize(deflated), json.length - 1);
        patchLocalHeaderSizes(stored, json.length + 1, json.length + 1);

        // then
        assertThat(zipFailure(deflated)).contains("not a readable ZIP archive", "'SOURCE.json'");
        assertThat(zipFailure(stored)).contains("not a readable ZIP archive", "'SOURCE.json'");
    }

    /** A DEFLATED entry written with its sizes and CRC in the local header (no data descriptor). */
    private static byte[] zipWithSizesInHeader(String name, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        long compressed = 0;
        while (!deflater.finished()) {
            compressed += deflater.deflate(buffer);
        }
        deflater.end();
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setSize(data.length);
        entry.setCompressedSize(compressed);
        entry.setCrc(crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(entry);
            zip.write(data);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zip = out.toByteArray();
        assertThat(ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getShort(6) & 8).as("no data descriptor").isZero();
        return zip;
    }

    private static int localCompressedSize(byte[] zip) {
        return ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(18);
    }

    // The first local file header: compressed size at offset 18, size at 22.
    private static void patchLocalHeaderSizes(byte[] zip, int compressedSize, int size) {
        ByteBuffer header = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0)).isEqualTo(0x04034b50);
        header.putInt(18, compressedSize);
        header.putInt(22, size);
    }

    @Test
    void a_truncated_zip_is_invalid() {
        // given
        byte[] zip = zip(entry("SOURCE.json", document("SOURCE", "s")), entry("FIELD.json", document("FIELD", "f")));
        int centralDirectory = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 22 + 16);

        // then: cut inside an entry, and cut cleanly after the last entry (no central directory)
        assertThat(zipFailure(Arrays.copyOf(zip, zip.length / 3))).contains("upload.zip is not");
        assertThat(zipFailure(Arrays.copyOf(zip, centralDirectory))).contains("end record is missing");
        assertThat(zipFailure(Arrays.copyOf(zip, 40))).contains("upload.zip is not");
    }

    @Test
    void a_damaged_zip_is_invalid() {
        // given: the deflated data of the only entry overwritten
        byte[] zip = zip(entry("SOURCE.json", document("SOURCE", "s") + " ".repeat(1000)));
        int nameLength = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getShort(26);
        Arrays.fill(zip, 30 + nameLength, 30 + nameLength + 20, (byte) 0xFF);

        // then
        assertThat(zipFailure(zip)).contains("not a readable ZIP archive", "'SOURCE.json'");
    }

    @Test
    void json_errors_inside_a_zip_name_the_entry() {
        // given
        String duplicate = "{\"resources\":{\"SOURCE\":[{\"resourceName\":\"s\",\"model\":{\"k\":\"" + SENTINEL
                + "\",\"k\":\"" + SENTINEL + "\"}}]}}";
        byte[] badUtf8 = ("{\"resources\":{\"SOURCE\":[{\"resourceName\":\"s\",\"model\":{\"k\":\"" + SENTINEL
                + "\u00ff\"}}]}}").getBytes(ISO_8859_1);
        Entry good = entry("FIELD.json", document("FIELD", "f"));

        // then
        assertThat(zipFailure(good, entry("in/SOURCE.json", duplicate)))
                .startsWith("in/SOURCE.json: the document is not valid JSON").contains("a key appears twice");
        assertThat(zipFailure(good, entry("in/SOURCE.json", deep(65))))
                .startsWith("in/SOURCE.json: the document breaks a JSON limit").contains("nesting deeper than 64");
        assertThat(zipFailure(good, new Entry("in/SOURCE.json", badUtf8)))
                .isEqualTo("in/SOURCE.json: the document is not valid UTF-8.");
        assertThat(zipFailure(good, entry("in/SOURCE.json", "{\"foo\": \"" + SENTINEL + "\"}")))
                .startsWith("in/SOURCE.json: resources is required");
        assertThat(zipFailure(good, entry("in/SOURCE.json", "[\"" + SENTINEL + "\"]")))
                .startsWith("in/SOURCE.json: the document must be a JSON object");
    }

    @Test
    void a_nesting_of_64_is_within_the_json_limit() {
        byte[] zip = zip(entry("SOURCE.json", deep(64)));

        assertThat(SnapshotFiles.read(zip, Optional.empty(), "deep.zip").allResources()).hasSize(1);
    }

    @Test
    void shape_errors_inside_a_zip_name_the_entry_and_the_place() {
        String noName = "{\"resources\":{\"SOURCE\":[{\"resourceName\":\"ok\",\"model\":{}},{\"model\":{\"secret\":\""
                + SENTINEL + "\"}}]}}";

        assertThat(zipFailure(entry("deep/er/SOURCE.json", noName)))
                .startsWith("deep/er/SOURCE.json: resources.SOURCE[1].resourceName must be a non-empty string");
    }

    @Test
    void an_entry_name_that_is_not_utf_8_is_invalid() {
        // given: the first byte of the name in the local header replaced by 0xFF
        byte[] zip = zip(entry("SOURCE.json", document("SOURCE", "s")));
        zip[30] = (byte) 0xFF;

        // then
        assertThat(zipFailure(zip)).isEqualTo("upload.zip has an unreadable local header at entry 1 "
                + "(damaged, or a name that is not valid UTF-8).");
    }

    @Test
    void odd_entry_names_are_escaped_in_messages() {
        assertThat(zipFailure(entry("../bell\u0007\n.json", "{}"))).contains("'../bell\\u0007\\u000a.json'");
    }

    /** {@code depth} nested arrays around a sentinel string, inside a snapshot model. */
    private static String deep(int depth) {
        // the document, resources, the SOURCE array, the resource and its model count too
        int arrays = depth - 5;
        return "{\"resources\":{\"SOURCE\":[{\"resourceName\":\"s\",\"model\":{\"k\":" + "[".repeat(arrays) + "\""
                + SENTINEL + "\"" + "]".repeat(arrays) + "}}]}}";
    }
}

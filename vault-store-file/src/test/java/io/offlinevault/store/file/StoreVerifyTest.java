package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.VerifyReport.FileCheck;
import io.offlinevault.domain.operation.VerifyReport.Outcome;
import io.offlinevault.domain.operation.VerifyReport.Part;
import io.offlinevault.domain.operation.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StoreMaintenance#verify}: every store file checked on its own and named with the store's error when
 * damaged (one flipped byte in each kind of file), a torn tail a warning, {@code checkpoint.prev} reported apart,
 * and nothing written.
 */
class StoreVerifyTest {
    @TempDir
    Path root;

    private StoreFixture fixture;
    private List<String> blobIds;

    // checkpoint (generation 1, covers journal.1), checkpoint.prev (generation 0), journal.1 (term 1: 2 entries,
    // a snapshot), journal.2 (term 2: 3 entries, a snapshot), two blobs
    @BeforeEach
    void vaultWithTwoSegmentsAndAPreviousCheckpoint() throws IOException {
        fixture = new StoreFixture(root);
        try (FileVaultStore store = fixture.create()) {
            Commits.entry(store, "a");
            Commits.entry(store, "b");
            Commits.snapshot(store, "a");
            store.rotate();
            Commits.entry(store, "c");
            Commits.entry(store, "d");
            Commits.snapshot(store, "c");
        }
        try (Stream<Path> blobs = Files.list(fixture.dataDir.resolve("blobs"))) {
            blobIds = blobs.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(blobIds).hasSize(2);
        assertThat(fixture.storeFiles()).containsOnlyKeys("checkpoint", "checkpoint.prev", "journal.1", "journal.2",
                "blobs/" + blobIds.get(0), "blobs/" + blobIds.get(1));
    }

    private VerifyReport verify() {
        return StoreMaintenance.verify(fixture.location, VaultKeys.keyFileOnly());
    }

    private static List<FileCheck> errors(VerifyReport report) {
        return report.checks().stream().filter(check -> check.outcome() == Outcome.ERROR).toList();
    }

    @Test
    void an_intact_vault_has_every_file_ok_each_in_its_part_and_verify_writes_nothing() {
        Map<String, byte[]> before = fixture.storeFiles();

        VerifyReport report = verify();

        assertThat(report.checks()).allSatisfy(check -> assertThat(check.outcome()).as(check.toString())
                .isEqualTo(Outcome.OK));
        assertThat(report.checks()).extracting(FileCheck::file, FileCheck::part).containsExactly(
                tuple("checkpoint", Part.CURRENT),
                tuple("checkpoint.prev", Part.PREVIOUS),
                tuple("journal.1", Part.PREVIOUS),
                tuple("journal.2", Part.CURRENT),
                tuple("blobs/" + blobIds.get(0), Part.CURRENT),
                tuple("blobs/" + blobIds.get(1), Part.CURRENT));
        assertThat(report.checks().get(0).message()).startsWith("generation 1, written 2026-01-01T10:00:00Z, covers"
                + " the journal through segment 1 (record 3), key term 2, opened with the key file " + fixture.keyFile);
        assertThat(report.checks().get(2).message()).isEqualTo("3 records (seq 1 to 3), key term 1");
        assertThat(report.checks().get(3).message()).isEqualTo("3 records (seq 4 to 6), key term 2");
        assertThat(report.currentIntact()).isTrue();
        assertThat(report.previousIntact()).isTrue();
        assertThat(report.count(Part.CURRENT, Outcome.OK)).isEqualTo(4);
        assertThat(report.count(Part.PREVIOUS, Outcome.OK)).isEqualTo(2);
        assertThat(fixture.storeFiles()).containsExactlyInAnyOrderEntriesOf(before);
        assertThat(report.checks()).noneSatisfy(check -> assertThat(check.message()).contains("value of"));
    }

    static Stream<Arguments> oneDamagedFileOfEachKind() {
        return Stream.of(
                Arguments.of("a byte of the checkpoint", "checkpoint", Part.CURRENT, ErrorCode.STORE_CORRUPT,
                        (Function<byte[], byte[]>) bytes -> flip(bytes, bytes.length / 2)),
                Arguments.of("a byte of a journal record", "journal.2", Part.CURRENT, ErrorCode.STORE_CORRUPT,
                        (Function<byte[], byte[]>) bytes -> flip(bytes, Commits.recordOffset(bytes, 0) + 30)),
                Arguments.of("a record's payload, CRC recomputed", "journal.2", Part.CURRENT, ErrorCode.STORE_TAMPERED,
                        (Function<byte[], byte[]>) bytes -> Commits.withTamperedRecord(bytes,
                                Commits.recordOffset(bytes, 1))),
                Arguments.of("a byte of a segment header", "journal.2", Part.CURRENT, ErrorCode.STORE_CORRUPT,
                        (Function<byte[], byte[]>) bytes -> flip(bytes, 20)),
                Arguments.of("a byte of a blob", "blobs/0", Part.CURRENT, ErrorCode.STORE_CORRUPT,
                        (Function<byte[], byte[]>) bytes -> flip(bytes, bytes.length / 2)),
                Arguments.of("a byte of checkpoint.prev", "checkpoint.prev", Part.PREVIOUS, ErrorCode.STORE_CORRUPT,
                        (Function<byte[], byte[]>) bytes -> flip(bytes, bytes.length / 2)),
                Arguments.of("a byte of a record that only checkpoint.prev needs", "journal.1", Part.PREVIOUS,
                        ErrorCode.STORE_CORRUPT,
                        (Function<byte[], byte[]>) bytes -> flip(bytes, Commits.recordOffset(bytes, 1) + 30)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneDamagedFileOfEachKind")
    void a_flipped_byte_in_any_kind_of_file_is_that_file_s_named_error(String damage, String file, Part part,
                                                                      ErrorCode code, Function<byte[], byte[]> change)
            throws IOException {
        // given
        String name = file.equals("blobs/0") ? "blobs/" + blobIds.get(0) : file;
        Path path = fixture.dataDir.resolve(name);
        Files.write(path, change.apply(Files.readAllBytes(path)));
        Map<String, byte[]> before = fixture.storeFiles();
        // when
        VerifyReport report = verify();
        // then
        assertThat(errors(report)).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(name);
            assertThat(error.part()).isEqualTo(part);
            assertThat(error.code()).contains(code);
            assertThat(error.message()).doesNotContain("value of");
        });
        assertThat(report.currentIntact()).isEqualTo(part != Part.CURRENT);
        assertThat(report.previousIntact()).isEqualTo(part != Part.PREVIOUS);
        assertThat(report.checks()).extracting(FileCheck::file).contains("checkpoint", "checkpoint.prev", "journal.1",
                "journal.2", "blobs/" + blobIds.get(0), "blobs/" + blobIds.get(1));
        assertThat(fixture.storeFiles()).containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void without_the_current_checkpoint_the_files_of_a_newer_key_term_are_checked_by_checksum_only() throws IOException {
        Path checkpoint = fixture.dataDir.resolve("checkpoint");
        Files.write(checkpoint, flip(Files.readAllBytes(checkpoint), 100));

        VerifyReport report = verify();

        assertThat(report.checks()).filteredOn(check -> check.file().equals("journal.2")).singleElement()
                .satisfies(check -> {
                    assertThat(check.outcome()).isEqualTo(Outcome.WARNING);
                    assertThat(check.message()).isEqualTo("3 records (seq 4 to 6), key term 2: checksums intact but"
                            + " not authenticated, because no checkpoint that opens holds key term 2");
                });
        assertThat(report.checks()).filteredOn(check -> check.file().equals("journal.1")).singleElement()
                .extracting(FileCheck::outcome).isEqualTo(Outcome.OK);
    }

    @Test
    void a_torn_tail_of_the_newest_segment_is_a_warning_and_the_vault_intact() throws IOException {
        Files.write(fixture.segment(2), new byte[] {0, 0, 0, 40, 1, 2}, StandardOpenOption.APPEND);

        VerifyReport report = verify();

        assertThat(report.currentIntact()).isTrue();
        assertThat(report.checks()).filteredOn(check -> check.outcome() == Outcome.WARNING).singleElement()
                .satisfies(check -> {
                    assertThat(check.file()).isEqualTo("journal.2");
                    assertThat(check.message()).startsWith("3 records (seq 4 to 6), key term 2; it ends with an"
                            + " incomplete record at offset ").contains("(6 bytes)");
                });
    }

    @Test
    void missing_files_that_a_checkpoint_needs_are_named_as_missing() throws IOException {
        Files.delete(fixture.dataDir.resolve("blobs").resolve(blobIds.get(1)));
        Files.delete(fixture.segment(1));

        VerifyReport report = verify();

        assertThat(errors(report)).extracting(FileCheck::file, FileCheck::part, FileCheck::code).containsExactlyInAnyOrder(
                tuple("journal.1", Part.PREVIOUS, Optional.of(ErrorCode.STORE_CORRUPT)),
                tuple("blobs/" + blobIds.get(1), Part.CURRENT,
                        Optional.of(ErrorCode.STORE_MISSING)));
        assertThat(errors(report).get(0).message()).startsWith("The journal segment 1 is missing");
    }

    @Test
    void another_key_file_is_the_checkpoints_wrong_key_and_the_other_files_are_checked_by_checksum() throws IOException {
        Path other = root.resolve("other.key");
        KeyFile.create(new RealFileIo(), other);

        VerifyReport report = StoreMaintenance.verify(StoreLocation.of(fixture.dataDir, other), VaultKeys.keyFileOnly());

        assertThat(errors(report)).extracting(FileCheck::file).containsExactly("checkpoint", "checkpoint.prev");
        assertThat(errors(report)).allSatisfy(error -> assertThat(error.code()).contains(ErrorCode.STORE_WRONG_KEY));
        assertThat(report.checks()).filteredOn(check -> check.outcome() != Outcome.ERROR)
                .allSatisfy(check -> assertThat(check.outcome()).isEqualTo(Outcome.WARNING)).hasSize(4);
    }

    @Test
    void a_vault_held_by_a_store_is_locked() {
        try (FileVaultStore store = fixture.open()) {
            assertThat(store.isSealed()).isFalse();
            assertThatExceptionOfType(StoreException.class).isThrownBy(this::verify)
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_LOCKED))
                    .withMessageContaining("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void a_data_dir_that_does_not_exist_is_missing() {
        StoreLocation nowhere = StoreLocation.of(root.resolve("nowhere"), fixture.keyFile);

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> StoreMaintenance.verify(nowhere, VaultKeys.keyFileOnly()))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_MISSING));
        assertThat(root.resolve("nowhere")).doesNotExist();
    }

    static byte[] flip(byte[] bytes, int at) {
        byte[] out = bytes.clone();
        out[at] ^= 0x01;
        return out;
    }
}

package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.service.VaultEntryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults at the journal's truncations. The first commit after a torn tail truncates it away and forces: when
 * either step fails the commit is refused with STORE_WRITE_FAILED (nothing acknowledged depends on that
 * truncation), the records are untouched, the store stays open, and the next commit (truncating again if
 * needed) succeeds. When the truncation back after a failed
 * write fails, the segment may hold part of a group: the store seals (COMMIT_OUTCOME_UNKNOWN), refuses what
 * follows, and reopens whole.
 */
class TruncateFaultTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final byte[] TORN_TAIL = {9, 8, 7, 6, 5, 4, 3};

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} journal.1 fails")
    @ValueSource(strings = {"truncate", "force"})
    void a_failed_truncation_of_a_torn_tail_changes_nothing_and_the_next_commit_truncates_again(String operation)
            throws IOException {
        // given: a torn tail after three records
        StoreFixture fixture = storeWithRecords("k0", "k1", "k2");
        byte[] intact = Files.readAllBytes(fixture.segment(1));
        byte[] torn = Arrays.copyOf(intact, intact.length + TORN_TAIL.length);
        System.arraycopy(TORN_TAIL, 0, torn, intact.length, TORN_TAIL.length);
        Files.write(fixture.segment(1), torn);
        FaultyFileIo io = FaultyFileIo.recording()
                .failingFirst(step -> step.equals(operation + " journal.1"), new IOException("injected fault"));
        try (FileVaultStore store = fixture.open(io)) {
            // when
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> create(store, "refused"))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_WRITE_FAILED));
            // then
            assertThat(store.isSealed()).isFalse();
            assertThat(keys(store)).containsExactly("k0", "k1", "k2");
            if (operation.equals("truncate")) {
                assertThat(Files.readAllBytes(fixture.segment(1))).as("nothing changed").isEqualTo(torn);
            }
            create(store, "next");
            // after a failed force the file is already cut: the next commit finds it at its valid length
            assertThat(io.steps()).as("truncations").filteredOn(step -> step.equals("truncate journal.1"))
                    .hasSize(operation.equals("truncate") ? 2 : 1);
        }
        byte[] after = Files.readAllBytes(fixture.segment(1));
        assertThat(Arrays.copyOf(after, intact.length)).as("the torn tail is gone, the records kept").isEqualTo(intact);
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(keys(reopened)).containsExactly("k0", "k1", "k2", "next");
        }
    }

    @Test
    void a_failed_truncation_after_a_failed_write_seals_and_the_reopened_store_is_whole() throws IOException {
        // given: a full disk during the journal write, and a truncate that fails too
        StoreFixture fixture = storeWithRecords("k0");
        byte[] before = Files.readAllBytes(fixture.segment(1));
        FaultyFileIo io = FaultyFileIo.recording()
                .failingFirst(step -> step.equals("write journal.1"), FaultyFileIo.diskFull())
                .failingEvery(step -> step.equals("truncate journal.1"));
        try (FileVaultStore store = fixture.open(io)) {
            // when
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> create(store, "unknown"))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN));
            // then
            assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                    .isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
            assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> create(store, "later"));
        }
        assertThat(Files.readAllBytes(fixture.segment(1))).as("the failed write wrote nothing here").isEqualTo(before);
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).isFalse();
            assertThat(keys(reopened)).containsExactly("k0");
        }
    }

    private StoreFixture storeWithRecords(String... keys) {
        StoreFixture fixture = new StoreFixture(root.resolve("vault"));
        try (FileVaultStore store = fixture.create()) {
            for (String key : keys) {
                create(store, key);
            }
        }
        return fixture;
    }

    private static void create(FileVaultStore store, String key) {
        new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                EntryDraft.empty().withKey(key).withValue("value-of-" + key));
    }

    private static List<String> keys(FileVaultStore store) {
        return store.repository().view().entries(ACME, 0, 1000).stream().map(e -> e.key().value()).toList();
    }
}

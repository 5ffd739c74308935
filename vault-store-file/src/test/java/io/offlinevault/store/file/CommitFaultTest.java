package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault injected at every file step of a commit (a blob, then the journal record): before the commit
 * point the caller gets STORE_WRITE_FAILED or STORE_NO_SPACE, nothing changed and the store stays open;
 * at it (the journal force) COMMIT_OUTCOME_UNKNOWN and the store seals. A reopen finds exactly
 * the old state or exactly the new one, as the outcome says.
 */
class CommitFaultTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");

    @TempDir
    Path root;

    /** What one run saw: the outcome of the commit, and whether the new state was there after a reopen. */
    private record Run(String outcome, boolean newStateAfterReopen, boolean oldStateKept) {
    }

    private Run run(int index, IntFunction<FaultyFileIo> faultAt, int stepsOfOpen) {
        StoreFixture fixture = givenAVaultWithOneEntry("run-" + index);
        FaultyFileIo io = faultAt.apply(stepsOfOpen);
        String outcome;
        try (FileVaultStore store = fixture.open(io)) {
            assertThat(store.isSealed()).as("the store opened").isFalse();
            outcome = commitTheChange(store);
            if (outcome.equals(ErrorCode.STORE_WRITE_FAILED.name()) || outcome.equals(ErrorCode.STORE_NO_SPACE.name())) {
                assertThat(store.isSealed()).as("a failure before the commit point keeps the store open").isFalse();
                assertThat(store.repository().view().entry(ACME, EntryKey.of("new"))).isEmpty();
            }
            if (outcome.equals(ErrorCode.COMMIT_OUTCOME_UNKNOWN.name())) {
                assertThat(store.sealedBecause()).get().extracting(StoreUnavailableException::reason)
                        .isEqualTo(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
                assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.repository().view());
            }
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).as("reopens after a fault at step %d", index).isFalse();
            var view = reopened.repository().view();
            boolean hasNew = view.entry(ACME, EntryKey.of("new")).isPresent();
            boolean snapshotThere = !view.snapshots(ACME).isEmpty();
            assertThat(snapshotThere).as("the batch is whole or absent").isEqualTo(hasNew);
            snapshotThere = snapshotThere && view.snapshotContent(ACME, view.snapshots(ACME).get(0).id()).isPresent();
            assertThat(snapshotThere).isEqualTo(hasNew);
            return new Run(outcome, hasNew, view.entry(ACME, EntryKey.of("old")).isPresent());
        }
    }

    // One batch that writes a blob (a snapshot's content), the snapshot and an entry: all of it lands, or none.
    private static String commitTheChange(FileVaultStore store) {
        SnapshotContent content = SnapshotContentReader.read(Map.of("resources", Map.of("SOURCE",
                List.of(Map.of("resourceName", "src", "model", Map.of("k", "{{ VAULT.new }}"))))), "t.json");
        Snapshot snapshot = new Snapshot("acme-" + "a".repeat(26), ACME, "owner", 1L, "", content.summary(), List.of());
        try {
            store.repository().commit(Batch.builder()
                    .putSnapshotContent(ACME, snapshot.id(), content)
                    .putSnapshot(snapshot)
                    .putEntry(ACME, EntryValidator.validateCreate(ACME, EntryDraft.empty().withKey("new").withValue("v")))
                    .build());
            return "OK";
        } catch (StoreException e) {
            return e.code().name();
        } catch (StoreUnavailableException e) {
            return "SEALED:" + e.reason();
        }
    }

    private StoreFixture givenAVaultWithOneEntry(String name) {
        StoreFixture fixture = new StoreFixture(root.resolve(name));
        try (FileVaultStore store = fixture.create()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                    EntryDraft.empty().withKey("old").withValue("old-value"));
        }
        return fixture;
    }

    // Counts the file steps of an open and of the commit, on a vault like the one each run starts from.
    private int stepsToOpen() {
        StoreFixture fixture = givenAVaultWithOneEntry("probe");
        FaultyFileIo recording = FaultyFileIo.recording();
        try (FileVaultStore store = fixture.open(recording)) {
            int steps = recording.steps().size();
            commitTheChange(store);
            stepsOfCommit = recording.steps().size() - steps;
            return steps;
        }
    }

    private int stepsOfCommit;

    @Test
    void a_fault_at_every_step_of_a_commit_leaves_the_old_or_the_new_state_as_the_outcome_says() {
        int open = stepsToOpen();
        assertThat(stepsOfCommit).as("a commit takes several file steps").isGreaterThan(8);
        List<String> outcomes = new ArrayList<>();
        for (int step = 1; step <= stepsOfCommit; step++) {
            int at = step;
            Run run = run(step, stepsOfOpen -> FaultyFileIo.failingAtStep(stepsOfOpen + at), open);
            outcomes.add(run.outcome());
            assertThat(run.oldStateKept()).isTrue();
            switch (run.outcome()) {
                case "OK", "COMMIT_OUTCOME_UNKNOWN" -> assertThat(run.newStateAfterReopen())
                        .as("step %d (%s): the new state", step, run.outcome()).isTrue();
                case "STORE_WRITE_FAILED", "STORE_NO_SPACE" -> assertThat(run.newStateAfterReopen())
                        .as("step %d (%s): the old state", step, run.outcome()).isFalse();
                default -> throw new AssertionError("step " + step + ": unexpected outcome " + run.outcome());
            }
        }
        assertThat(outcomes).contains("STORE_WRITE_FAILED", "COMMIT_OUTCOME_UNKNOWN");
    }

    @Test
    void a_full_disk_while_writing_the_journal_is_no_space_and_later_writes_succeed() {
        // the first step of an entry's commit that writes bytes: the journal record (no blob here)
        FaultyFileIo recording = FaultyFileIo.recording();
        int open;
        try (FileVaultStore store = givenAVaultWithOneEntry("probe-entry").open(recording)) {
            open = recording.steps().size();
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v"));
        }
        List<String> steps = recording.steps();
        int firstWrite = open + 1;
        while (!steps.get(firstWrite - 1).startsWith("write ")) {
            firstWrite++;
        }
        StoreFixture fixture = givenAVaultWithOneEntry("full");
        try (FileVaultStore store = fixture.open(FaultyFileIo.failingAtStep(firstWrite, FaultyFileIo.diskFull()))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v")))
                    .extracting(StoreException::code).isEqualTo(ErrorCode.STORE_NO_SPACE);
            assertThat(store.isSealed()).isFalse();
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v"));
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("a"))).isPresent();
        }
    }
}

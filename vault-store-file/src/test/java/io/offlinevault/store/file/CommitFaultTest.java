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
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault injected at every file step of a commit (a blob and the checkpoint): before the commit point
 * the caller gets STORE_WRITE_FAILED or STORE_NO_SPACE, nothing changed and the store stays open;
 * after it (the directory force) COMMIT_OUTCOME_UNKNOWN and the store seals. A reopen finds exactly
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
        StoreFixture fixture = new StoreFixture(root.resolve("run-" + index));
        try (FileVaultStore store = fixture.create()) {
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                    EntryDraft.empty().withKey("old").withValue("old-value"));
        }
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

    // One batch with an entry would not write a blob; a snapshot registration writes a blob and a checkpoint.
    private static String commitTheChange(FileVaultStore store) {
        try {
            Snapshot snapshot = new SnapshotService(store.repository(), StoreFixture.CLOCK, IdGenerator.secure())
                    .register(Caller.owner(), ACME, SnapshotContentReader.read(Map.of("resources", Map.of("SOURCE",
                            List.of(Map.of("resourceName", "src", "model", Map.of("k", "{{ VAULT.new }}"))))), "t.json"), "");
            new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                    EntryDraft.empty().withKey("new").withValue("new-value"));
            return snapshot.id().isEmpty() ? "?" : "OK";
        } catch (StoreException e) {
            return e.code().name();
        } catch (StoreUnavailableException e) {
            return "SEALED:" + e.reason();
        }
    }

    private int stepsToOpen() {
        StoreFixture fixture = new StoreFixture(root.resolve("probe"));
        fixture.create().close();
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
    void a_full_disk_while_writing_the_checkpoint_is_no_space_and_later_writes_succeed() {
        StoreFixture fixture = new StoreFixture(root.resolve("full"));
        fixture.create().close();
        try (FileVaultStore store = fixture.open(FaultyFileIo.failingOn("write", FaultyFileIo.diskFull()))) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            Optional<ErrorCode> first = Optional.empty();
            try {
                entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v"));
            } catch (StoreException e) {
                first = Optional.of(e.code());
            }
            assertThat(first).contains(ErrorCode.STORE_NO_SPACE);
            entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey("a").withValue("v"));
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.repository().view().entry(ACME, EntryKey.of("a"))).isPresent();
        }
    }
}

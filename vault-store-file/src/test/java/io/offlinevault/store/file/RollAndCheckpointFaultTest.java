package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.service.VaultEntryService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault injected at every step of the segment rolls (the committer creating {@code journal.1}, then
 * {@code journal.2} when the newest segment outgrows the checkpoint) and of the first two background
 * checkpoints (their temp file, link to {@code checkpoint.prev}, renames, directory force, and the deletion of
 * the segments no longer needed). Whatever the step, no acknowledged commit is lost: the store stays open
 * (a failed roll or checkpoint is tried again by a later commit) unless the fault hit the commit point of a
 * checkpoint, the directory force after its rename, which seals it with {@code COMMIT_OUTCOME_UNKNOWN}; a
 * reopen finds every acknowledged commit and none that was refused.
 */
class RollAndCheckpointFaultTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    // a checkpoint once the newest segment is larger than the checkpoint: every few commits
    private static final FileVaultRepository.Policy POLICY = new FileVaultRepository.Policy(1);
    // The steps of commits and rolls are taken by the committer of the moment (the test's thread leading its own
    // commit, or the writer thread), one at a time: they count as one sequence, the checkpointer's as another.
    private static final String COMMITTER = "committer";
    private static final String CHECKPOINTER = "offline-vault-checkpointer";
    private static final int MAX_COMMITS = 400;

    @TempDir
    Path root;

    /**
     * A file step as one role took it (COMMITTER or CHECKPOINTER): the role, the step's index among that role's steps
     * (from 1), its name.
     */
    private record Step(String thread, int index, String name) {
    }

    /**
     * Watches every step {@link FaultyFileIo} takes, noting which role took it, and picks the step to fail:
     * the {@code failIndex}-th step of the role {@code failThread} (none when that is null).
     */
    private static final class ThreadSteps implements Predicate<String> {
        private final List<Step> seen = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();
        private final String failThread;
        private final int failIndex;

        ThreadSteps(String failThread, int failIndex) {
            this.failThread = failThread;
            this.failIndex = failIndex;
        }

        @Override
        public boolean test(String name) {
            String thread = Thread.currentThread().getName().equals(CHECKPOINTER) ? CHECKPOINTER : COMMITTER;
            int index = counts.merge(thread, 1, Integer::sum);
            seen.add(new Step(thread, index, name));
            return thread.equals(failThread) && index == failIndex;
        }

        List<Step> seen() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        // The steps after the fault, most recent last, for a failure message.
        List<String> after() {
            List<Step> steps = seen();
            int from = faulted().map(steps::indexOf).orElse(-1);
            List<String> names = steps.subList(from + 1, steps.size()).stream()
                    .map(s -> s.thread().replace("offline-vault-", "") + ":" + s.name()).toList();
            return names.size() > 60 ? names.subList(0, 60) : names;
        }

        Optional<Step> faulted() {
            return seen().stream().filter(s -> s.thread().equals(failThread) && s.index() == failIndex).findFirst();
        }

        // So many checkpoints became durable (their directory force passed) after the fault, or in a run without one.
        boolean checkpointedAfterFault(int checkpoints) {
            List<Step> steps = seen();
            Optional<Step> faulted = faulted();
            if (failThread != null && faulted.isEmpty()) {
                return false;
            }
            int from = faulted.map(steps::indexOf).orElse(-1);
            return steps.subList(from + 1, steps.size()).stream()
                    .filter(s -> s.thread().equals(CHECKPOINTER) && s.name().equals("forceDirectory data"))
                    .count() >= checkpoints;
        }
    }

    /** How one run ended: why the store sealed (if it did), and which commits were acknowledged or refused. */
    private record Outcome(Optional<ErrorCode> sealed, List<String> acknowledged, List<String> refused) {
    }

    @Test
    void a_fault_at_any_step_of_a_roll_or_a_checkpoint_loses_no_acknowledged_commit() {
        // the steps of a run without a fault, to find those of the rolls and of the first two checkpoints
        ThreadSteps probe = new ThreadSteps(null, 0);
        run("probe", probe, 2);
        List<Step> writer = probe.seen().stream().filter(s -> s.thread().equals(COMMITTER)).toList();
        List<Step> checkpointer = probe.seen().stream().filter(s -> s.thread().equals(CHECKPOINTER)).toList();
        List<Step> targets = new ArrayList<>(roll(writer, 1));
        targets.addAll(roll(writer, 2));
        int lastOfSecond = checkpointer.stream().filter(s -> s.name().equals("deleteIfExists journal.1"))
                .findFirst().orElseThrow(() -> new AssertionError("the second checkpoint deleted journal.1")).index();
        targets.addAll(checkpointer.subList(0, lastOfSecond));

        Map<String, Integer> outcomes = new TreeMap<>();
        for (Step target : targets) {
            ThreadSteps steps = new ThreadSteps(target.thread(), target.index());
            Outcome outcome = run(target.thread() + "-" + target.index(), steps, 1);
            Step faulted = steps.faulted().orElseThrow(() -> new AssertionError("no fault at " + target));
            String at = faulted.thread() + " " + faulted.name();
            assertThat(faulted.name()).as("the step that failed is the one of the run without a fault")
                    .isEqualTo(target.name());
            boolean commitPoint = faulted.thread().equals(CHECKPOINTER) && faulted.name().equals("forceDirectory data");
            if (commitPoint) {
                assertThat(outcome.sealed()).as(at).contains(ErrorCode.COMMIT_OUTCOME_UNKNOWN);
            } else {
                assertThat(outcome.sealed()).as(at + ": the store stays open").isEmpty();
                assertThat(steps.checkpointedAfterFault(1)).as(at + ": a later checkpoint succeeded (" + outcome
                        .acknowledged().size() + " commits acknowledged, " + outcome.refused().size() + " refused; steps"
                        + " after the fault: " + steps.after()).isTrue();
            }
            outcomes.merge(commitPoint ? "sealed" : "open", 1, Integer::sum);
        }

        assertThat(targets).extracting(Step::name).contains("createNew journal.1.tmp-*", "forceDirectory data",
                "createNew checkpoint.tmp-*", "createLink checkpoint.prev.tmp-*", "moveAtomically checkpoint",
                "moveAtomically checkpoint.prev", "list data", "deleteIfExists journal.1");
        assertThat(outcomes).containsKeys("sealed", "open");
        System.out.println("RollAndCheckpointFaultTest: " + targets.size() + " fault points ("
                + targets.stream().collect(Collectors.groupingBy(Step::thread, TreeMap::new, Collectors.counting()))
                + "), outcomes " + outcomes);
    }

    /**
     * Waits until the background checkpoint that the last commit started, if any, has ended. Without it the next
     * commits raced that checkpoint: how many of them went into the new segment before the checkpoint finished, and
     * so when the next one was due and which state it covered, depended on the machine's load, and the steps a run
     * took drifted from those of the probe run that chose the fault points. With it, commits and checkpoints
     * interleave the same way in every run: the N-th step of a thread is the same step in the probe and in the run
     * that fails it, and the checkpoint that retries a failed one comes after the same commits every time.
     */
    private static void checkpointerIdle(FileVaultStore store) {
        if (store.repository() instanceof FileVaultRepository repository) {
            try {
                repository.whileStill(() -> null);
            } catch (StoreUnavailableException e) {
                // sealed: the loop ends at its next check
            }
        }
    }

    // The committer's steps that create the segment {@code number}: from its temp file to the directory force.
    private static List<Step> roll(List<Step> writer, int number) {
        int first = writer.stream().filter(s -> s.name().equals("createNew journal." + number + ".tmp-*"))
                .findFirst().orElseThrow().index();
        int last = writer.stream().filter(s -> s.index() > first && s.name().equals("forceDirectory data"))
                .findFirst().orElseThrow().index();
        return writer.subList(first - 1, last);
    }

    /**
     * Creates a vault, then commits one entry at a time with {@code steps} watching (and failing one step)
     * until {@code checkpoints} checkpoints became durable after the fault or the store sealed; then reopens
     * the vault and checks that it holds every acknowledged commit and no refused one.
     */
    private Outcome run(String name, ThreadSteps steps, int checkpoints) {
        StoreFixture fixture = new StoreFixture(root.resolve(name));
        fixture.create().close();
        FaultyFileIo io = FaultyFileIo.recording().failingFirst(steps, new IOException("injected fault"));
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Optional<ErrorCode> sealed;
        try (FileVaultStore store = fixture.open(io, POLICY)) {
            VaultEntryService entries = new VaultEntryService(store.repository());
            for (int i = 0; i < MAX_COMMITS && !store.isSealed() && !steps.checkpointedAfterFault(checkpoints); i++) {
                String key = "e" + i;
                try {
                    entries.create(Caller.owner(), ACME, EntryDraft.empty().withKey(key).withValue("value-" + i));
                    acknowledged.add(key);
                } catch (StoreException e) {
                    assertThat(e.code()).as(key).isIn(ErrorCode.STORE_WRITE_FAILED, ErrorCode.COMMIT_OUTCOME_UNKNOWN);
                    if (e.code() == ErrorCode.STORE_WRITE_FAILED) {
                        refused.add(key);
                    }
                } catch (StoreUnavailableException e) {
                    refused.add(key);
                }
                checkpointerIdle(store);
            }
            sealed = store.sealedBecause().map(StoreUnavailableException::reason);
        }
        try (FileVaultStore reopened = fixture.open()) {
            assertThat(reopened.isSealed()).as("%s: reopens", name).isFalse();
            Map<String, String> values = reopened.repository().view().entries(ACME, 0, 100_000).stream()
                    .collect(Collectors.toMap(e -> e.key().value(), e -> e.value().reveal()));
            for (String key : acknowledged) {
                assertThat(values).as("%s: the acknowledged %s", name, key)
                        .containsEntry(key, "value-" + key.substring(1));
            }
            assertThat(values).as("%s: nothing refused", name).doesNotContainKeys(refused.toArray(String[]::new));
        }
        return new Outcome(sealed, acknowledged, refused);
    }
}

package io.offlinevault.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pulls the power, and kills the process, after every step of a recorded run ({@link PowerLossFileIo}): the
 * creation of a vault, commits of entries and of a batch, a snapshot with its blob, deletions, and enough
 * commits for segment rolls, background checkpoints and the deletion of old segments and of an unreferenced
 * blob. For every prefix of the run the disk it leaves opens, holds every commit acknowledged before the
 * crash, holds exactly the state after some prefix of the commits (never half a batch), takes a new commit
 * and keeps it across a restart. A disk that lies about one kind of force makes some prefix fail, so the
 * model does drop what was not forced.
 */
class PowerLossTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final SecretValue OTHER_ADMIN_TOKEN = SecretValue.of("ovt_" + "O".repeat(43));
    // a checkpoint once the newest segment is larger than the checkpoint: every few commits
    private static final FileVaultRepository.Policy POLICY = new FileVaultRepository.Policy(1);
    private static final int MAX_FILL = 300;
    // what happens after a crash is checked without syncing: these disks are thrown away, and it is fast
    private static final FileIo REPLAY_IO = new UnsyncedFileIo();

    @TempDir
    Path root;

    /** A commit of the run: how many steps were recorded when it started and when it was acknowledged. */
    private record Commit(String name, int started, int acknowledged) {
    }

    /**
     * A recorded run: its steps, how many of them created the vault, its commits in order, and the state after
     * each prefix of them ({@code states.get(0)}: the new vault).
     */
    private record Run(PowerLossFileIo io, int created, List<Commit> commits, List<String> states) {
    }

    @Test
    void after_a_power_loss_or_a_kill_at_every_step_the_store_opens_with_every_acknowledged_commit() {
        Run run = record(PowerLossFileIo.recording(live()));
        List<String> steps = run.io().steps();
        assertThat(steps).as("the run covers creation, blobs, rolls, checkpoints and deletions")
                .contains("createDirectory blobs", "forceDirectory blobs", "moveAtomically journal.2.tmp-* -> journal.2",
                        "createLink checkpoint.prev.tmp-*", "deleteIfExists journal.1")
                .anyMatch(step -> step.matches("deleteIfExists [0-9a-f]{32}"));
        assertThat(steps.stream().filter(step -> step.equals("moveAtomically checkpoint.tmp-* -> checkpoint")))
                .as("the vault's first checkpoint and at least two in the background").hasSizeGreaterThanOrEqualTo(3);

        Replayer replayer = new Replayer(run);
        List<String> problems = new ArrayList<>();
        for (int k = 0; k <= steps.size(); k++) {
            replayer.problem(k, true).ifPresent(problems::add);
            replayer.problem(k, false).ifPresent(problems::add);
        }

        assertThat(problems).as("crashes after some of the %d steps", steps.size()).isEmpty();
        System.out.println("PowerLossTest: " + steps.size() + " steps, " + run.commits().size() + " commits, "
                + 2 * (steps.size() + 1) + " prefixes checked (each after a power loss and after a kill), "
                + replayer.opened.size() + " distinct disks opened");
    }

    @ParameterizedTest(name = "a disk lying on \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "force journal\\.[0-9]+      | were acknowledged",
        "forceDirectory blobs         | does not exist",
        "force checkpoint\\.tmp-\\*  | is an empty file"})
    void a_disk_that_acknowledges_a_force_without_syncing_loses_something_at_some_prefix(String lie, String loss) {
        Run run = record(PowerLossFileIo.recording(live()).lyingOn(step -> step.matches(lie)));
        Replayer replayer = new Replayer(run);

        Optional<String> first = IntStream.rangeClosed(0, run.io().stepCount()).boxed()
                .flatMap(k -> replayer.problem(k, true).stream()).findFirst();

        assertThat(first).as("a power loss finds what the lying disk did not sync").get(InstanceOfAssertFactories.STRING)
                .contains(loss);
    }

    private Path live() {
        try {
            return Files.createDirectory(root.resolve("live"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run record(PowerLossFileIo io) {
        StoreFixture fixture = new StoreFixture(io.root());
        List<Commit> commits = new ArrayList<>();
        List<String> states = new ArrayList<>();
        FileVaultStore store = FileVaultStore.openOrCreate(fixture.location, () -> StoreFixture.ADMIN_TOKEN,
                OpenOptions.of(StoreFixture.CLOCK).withIo(io).withPolicy(POLICY)).store();
        try (store) {
            int created = io.stepCount();
            states.add(describe(store.repository().view()));
            Recorder recorder = new Recorder(io, store, commits, states);
            recorder.commit("a", Batch.builder().putEntry(ACME, entry("a", "a-1")).build());
            recorder.commit("b and c", Batch.builder().putEntry(ACME, entry("b", "pair-1"))
                    .putEntry(ACME, entry("c", "pair-1")).build());
            recorder.commit("snapshot", snapshot("acme-" + "s".repeat(26), "d"));
            recorder.commit("a again", Batch.builder().putEntry(ACME, entry("a", "a-2")).build());
            recorder.commit("delete b", Batch.builder().deleteEntry(ACME, EntryKey.of("b")).build());
            recorder.commit("delete c, e", Batch.builder().deleteEntry(ACME, EntryKey.of("c"))
                    .putEntry(ACME, entry("e", "pair-2")).build());
            recorder.commit("delete snapshot", Batch.builder().deleteSnapshot(ACME, "acme-" + "s".repeat(26)).build());
            // until the background checkpoints have dropped journal.1 and the snapshot's blob
            for (int i = 0; i < MAX_FILL && !coversEveryKindOfStep(io.steps()); i++) {
                recorder.commit("fill " + i, Batch.builder().putEntry(ACME, entry("f" + i % 7, "fill-" + i)).build());
            }
            return new Run(io, created, commits, states);
        }
    }

    private static boolean coversEveryKindOfStep(List<String> steps) {
        return steps.contains("deleteIfExists journal.1")
                && steps.stream().anyMatch(step -> step.matches("deleteIfExists [0-9a-f]{32}"))
                && steps.stream().filter(step -> step.equals("moveAtomically checkpoint.tmp-* -> checkpoint")).count() >= 3;
    }

    /** Commits batches one at a time and notes, for each, the steps around it and the state after it. */
    private record Recorder(PowerLossFileIo io, FileVaultStore store, List<Commit> commits, List<String> states) {
        void commit(String name, Batch batch) {
            int started = io.stepCount();
            store.repository().commit(batch);
            commits.add(new Commit(name, started, io.stepCount()));
            states.add(describe(store.repository().view()));
        }
    }

    /**
     * Checks the disk a crash after each prefix of a run leaves. A disk is opened once however many prefixes
     * leave it (a power loss changes it only at a force); each prefix then checks the state it held.
     */
    private final class Replayer {
        private final Run run;
        private final Map<String, Opened> opened = new HashMap<>();

        Replayer(Run run) {
            this.run = run;
        }

        /** What opening one disk found: what went wrong, or the state it held. */
        private record Opened(Optional<String> problem, String state) {
        }

        /**
         * {@return what is wrong with the disk a crash after the first {@code k} steps leaves, if anything}
         * Before the vault was created, a start must create it (reusing a surviving admin token) or open it.
         */
        Optional<String> problem(int k, boolean powerLoss) {
            String crash = (powerLoss ? "a power loss" : "a kill") + " after " + k + " steps"
                    + (k == 0 ? "" : " (the last: " + run.io().steps().get(k - 1) + ")");
            boolean creating = k < run.created();
            PowerLossFileIo.Image image = powerLoss ? run.io().afterPowerLoss(k) : run.io().afterProcessCrash(k);
            Opened disk = opened.computeIfAbsent((creating ? "creating\n" : "created\n") + image.fingerprint(),
                    fingerprint -> open(image, creating));
            if (disk.problem().isPresent()) {
                return Optional.of(crash + ": " + disk.problem().get());
            }
            if (creating) {
                return Optional.empty();
            }
            long acknowledged = run.commits().stream().filter(c -> c.acknowledged() <= k).count();
            long started = run.commits().stream().filter(c -> c.started() < k).count();
            boolean prefix = IntStream.rangeClosed((int) acknowledged, (int) started)
                    .anyMatch(n -> run.states().get(n).equals(disk.state()));
            if (!prefix) {
                return Optional.of(crash + ": the state is not the one after " + acknowledged + " to " + started
                        + " commits (" + acknowledged + " were acknowledged)");
            }
            return Optional.empty();
        }

        private Opened open(PowerLossFileIo.Image image, boolean creating) {
            Path disk = root.resolve("disk-" + opened.size());
            try {
                Files.createDirectory(disk);
                image.writeTo(disk);
                StoreFixture fixture = new StoreFixture(disk);
                return creating ? creation(fixture) : reopen(fixture);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                return new Opened(Optional.of(e.getClass().getSimpleName() + " " + e.getMessage()), "");
            } finally {
                deleteTree(disk);
            }
        }

        // The store opens, and a commit after the crash survives a restart.
        private Opened reopen(StoreFixture fixture) {
            String state;
            String after;
            try (FileVaultStore store = fixture.open(REPLAY_IO)) {
                if (store.isSealed()) {
                    return failed("the store is sealed: " + store.sealedBecause().orElseThrow().getMessage());
                }
                state = describe(store.repository().view());
                new VaultEntryService(store.repository()).create(Caller.owner(), ACME,
                        EntryDraft.empty().withKey("after-the-crash").withValue("v"));
                after = describe(store.repository().view());
            }
            try (FileVaultStore store = fixture.open(REPLAY_IO)) {
                if (store.isSealed() || !describe(store.repository().view()).equals(after)) {
                    return failed("the commit after the crash did not survive a restart");
                }
            }
            return new Opened(Optional.empty(), state);
        }

        // The next start creates the vault, resuming with the admin token if it survived, or opens it.
        private Opened creation(StoreFixture fixture) {
            boolean tokenSurvived = Files.exists(fixture.location.adminTokenFile());
            FileVaultStore.Opening opening;
            try {
                opening = FileVaultStore.openOrCreate(fixture.location, () -> OTHER_ADMIN_TOKEN,
                        OpenOptions.of(StoreFixture.CLOCK).withIo(REPLAY_IO));
            } catch (StoreException e) {
                return failed("the next start fails: " + e.code() + " " + e.getMessage());
            }
            try (FileVaultStore store = opening.store()) {
                if (store.isSealed()) {
                    return failed("the next start is sealed: " + store.sealedBecause().orElseThrow().getMessage());
                }
                VaultView view = store.repository().view();
                TokenDigest token = TokenDigest.of((tokenSurvived ? StoreFixture.ADMIN_TOKEN : OTHER_ADMIN_TOKEN).reveal());
                if (view.tokens().stream().noneMatch(t -> t.digest().matches(token))) {
                    return failed("the vault does not have the admin token " + (tokenSurvived ? "that survived"
                            : "of the new start"));
                }
                if (tokenSurvived && !describe(view).equals(run.states().get(0))) {
                    return failed("the vault is not the one being created");
                }
                return new Opened(Optional.empty(), describe(view));
            }
        }

        private static Opened failed(String problem) {
            return new Opened(Optional.of(problem), "");
        }
    }

    // The whole content of a view, values included: two views describe alike only when they hold the same.
    private static String describe(VaultView view) {
        StringBuilder out = new StringBuilder();
        for (OrganizationId organization : view.organizations()) {
            out.append(organization.value()).append(':');
            for (VaultEntry entry : view.entries(organization, 0, 100_000)) {
                out.append(' ').append(entry.key().value()).append('=').append(entry.value().reveal());
            }
            for (Snapshot snapshot : view.snapshots(organization)) {
                out.append(" snapshot ").append(snapshot.id()).append(view.snapshotContent(organization, snapshot.id())
                        .map(content -> " " + content.toDocument()).orElse(" without content"));
            }
            out.append(' ').append(view.appliedResources(organization));
        }
        for (TokenRecord token : view.tokens()) {
            out.append(" token ").append(token.name()).append(' ').append(token.digest().hex());
        }
        return out.toString();
    }

    private static VaultEntry entry(String key, String value) {
        return EntryValidator.validateCreate(ACME, EntryDraft.empty().withKey(key).withValue(value));
    }

    // One batch that writes a blob (the snapshot's content), the snapshot and an entry.
    private static Batch snapshot(String id, String key) {
        SnapshotContent content = SnapshotContentReader.read(Map.of("resources", Map.of("SOURCE",
                List.of(Map.of("resourceName", "src", "model", Map.of("k", "{{ VAULT." + key + " }}"))))), "t.json");
        Snapshot snapshot = new Snapshot(id, ACME, "owner", 1L, "", content.summary(), List.of());
        return Batch.builder().putSnapshotContent(ACME, id, content).putSnapshot(snapshot)
                .putEntry(ACME, entry(key, "with-the-snapshot")).build();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.offlinevault.domain.testing;

import static io.offlinevault.domain.testing.TestEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.ConcurrentChangeException;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.AppliedResources;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.SnapshotResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VaultRepository} must have. An implementation's test extends this class
 * and returns a new, empty repository from {@link #newRepository()}; every test uses the ports only.
 */
public abstract class VaultRepositoryContract {
    protected static final OrganizationId ACME = OrganizationId.of("acme");
    protected static final OrganizationId GLOBEX = OrganizationId.of("globex");
    protected static final OrganizationId INITECH = OrganizationId.of("initech");

    /** The more-than-two-chunks size the paging tests use. */
    private static final int MANY = 650;

    private VaultRepository repository;

    /** {@return a new repository that holds nothing} Called once before each test. */
    protected abstract VaultRepository newRepository();

    /** {@return the repository under test} */
    protected final VaultRepository repository() {
        return repository;
    }

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void new_repository_holds_nothing() {
        VaultView view = repository.view();

        assertThat(view.organizations()).isEmpty();
        assertThat(view.entryCount(ACME)).isZero();
        assertThat(view.entries(ACME, 0, 10)).isEmpty();
        assertThat(view.entry(ACME, EntryKey.of("a"))).isEmpty();
        assertThat(view.snapshots(ACME)).isEmpty();
        assertThat(view.snapshot(ACME, "acme-x")).isEmpty();
        assertThat(view.snapshotContent(ACME, "acme-x")).isEmpty();
        assertThat(view.appliedResources(ACME)).isEqualTo(AppliedResources.none());
        assertThat(view.tokens()).isEmpty();
        assertThat(view.token("admin")).isEmpty();
        assertThat(view.tokenByDigest(TokenDigest.of("ovt_x"))).isEmpty();
    }

    @Test
    void put_entry_then_get_returns_it() {
        VaultEntry entry = entry("db.password", "s3cr3t", Visibility.OBFUSCATED);

        commit(Batch.builder().putEntry(ACME, entry));

        assertThat(repository.view().entry(ACME, EntryKey.of("db.password"))).contains(entry);
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void put_entry_replaces_the_entry_of_that_key() {
        // given
        commit(Batch.builder().putEntry(ACME, entry("k", "old", Visibility.STRICT)));
        VaultEntry replacement = entry("k", "new", Visibility.PUBLIC);

        // when
        commit(Batch.builder().putEntry(ACME, replacement));

        // then
        assertThat(repository.view().entry(ACME, EntryKey.of("k"))).contains(replacement);
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void delete_entry_removes_it() {
        // given
        putEntries(ACME, List.of("a", "b", "c"));

        // when
        commit(Batch.builder().deleteEntry(ACME, EntryKey.of("b")));

        // then
        assertThat(repository.view().entry(ACME, EntryKey.of("b"))).isEmpty();
        assertThat(keys(repository.view().entries(ACME, 0, 10))).containsExactly("a", "c");
        assertThat(repository.view().entryCount(ACME)).isEqualTo(2);
    }

    @Test
    void delete_of_an_absent_entry_changes_nothing() {
        putEntries(ACME, List.of("a"));

        commit(Batch.builder().deleteEntry(ACME, EntryKey.of("zzz")).deleteEntry(GLOBEX, EntryKey.of("a")));

        assertThat(keys(repository.view().entries(ACME, 0, 10))).containsExactly("a");
        assertThat(repository.view().organizations()).containsExactly(ACME);
    }

    @Test
    void organizations_keep_their_entries_apart() {
        // given
        commit(Batch.builder()
                .putEntry(ACME, entry("shared", "acme value", Visibility.STRICT))
                .putEntry(GLOBEX, entry("shared", "globex value", Visibility.STRICT))
                .putEntry(GLOBEX, entry("only-globex")));

        // when
        commit(Batch.builder().deleteEntry(ACME, EntryKey.of("shared")));

        // then
        VaultView view = repository.view();
        assertThat(view.entry(ACME, EntryKey.of("shared"))).isEmpty();
        assertThat(view.entry(GLOBEX, EntryKey.of("shared")).orElseThrow().value().reveal()).isEqualTo("globex value");
        assertThat(view.entry(ACME, EntryKey.of("only-globex"))).isEmpty();
        assertThat(view.entryCount(ACME)).isZero();
        assertThat(view.entryCount(GLOBEX)).isEqualTo(2);
    }

    @Test
    void entries_are_sorted_by_string_compare_to() {
        // given: case, punctuation, accents, a supplementary character (a surrogate pair, which
        // String.compareTo sorts before U+FF46 although its code point is greater) and CJK
        List<String> keys = List.of("b", "B", "a", "A", "KEY", "Key", "key", "é", "e", "z", "Z", "ß",
                "\uD83D\uDE00", "\uFF46", "日本", "a.b", "a:b", "a-b", "a_b", "%20", "[0]", "~");
        putEntries(ACME, keys);

        // when
        List<String> listed = keys(repository.view().entries(ACME, 0, 1000));

        // then
        assertThat(listed).isEqualTo(keys.stream().sorted().toList());
        assertThat(listed.indexOf("\uD83D\uDE00")).isLessThan(listed.indexOf("\uFF46"));
        assertThat(listed).containsSubsequence("A", "B", "KEY", "Key", "Z", "a", "b", "key", "z");
        assertThat(repository.view().entryCount(ACME)).isEqualTo(keys.size());
    }

    @Test
    void entries_slice_from_any_offset_across_chunks() {
        // given: keys written in an order unlike their sorted order
        List<String> keys = numberedKeys(MANY);
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(7));
        putEntriesInBatches(ACME, shuffled, 100);
        VaultView view = repository.view();

        // then: every single-entry page, and larger pages crossing chunk boundaries
        for (int offset = 0; offset < MANY; offset++) {
            assertThat(keys(view.entries(ACME, offset, 1))).containsExactly(keys.get(offset));
        }
        assertThat(keys(view.entries(ACME, 0, 100))).isEqualTo(keys.subList(0, 100));
        assertThat(keys(view.entries(ACME, MANY / 2, 300))).isEqualTo(keys.subList(MANY / 2, MANY / 2 + 300));
        assertThat(keys(view.entries(ACME, 200, 400))).isEqualTo(keys.subList(200, 600));
        assertThat(keys(view.entries(ACME, MANY - 1, 1))).containsExactly(keys.get(MANY - 1));
        assertThat(keys(view.entries(ACME, MANY - 5, 100))).isEqualTo(keys.subList(MANY - 5, MANY));
        assertThat(keys(view.entries(ACME, 0, MANY * 2))).isEqualTo(keys);
        assertThat(view.entries(ACME, MANY, 1)).isEmpty();
        assertThat(view.entries(ACME, MANY + 1000L, 10)).isEmpty();
        assertThat(view.entries(ACME, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(view.entries(ACME, 10, 0)).isEmpty();
        assertThat(view.entryCount(ACME)).isEqualTo(MANY);
    }

    @Test
    void all_entries_walk_the_organization_in_key_order_across_reads() {
        // given: more than two reads of the default walk, in another order than sorted, and a neighbour
        List<String> keys = numberedKeys(2_100);
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(11));
        putEntriesInBatches(ACME, shuffled, 700);
        putEntriesInBatches(GLOBEX, List.of("a", "z"), 2);
        VaultView view = repository.view();

        // then
        assertThat(view.allEntries(ACME).map(entry -> entry.key().value()).toList()).isEqualTo(keys);
        assertThat(view.allEntries(GLOBEX).map(entry -> entry.key().value()).toList()).containsExactly("a", "z");
        assertThat(view.allEntries(INITECH)).isEmpty();
    }

    @Test
    void entries_slice_correctly_after_many_deletes() {
        // given
        List<String> keys = numberedKeys(MANY);
        putEntriesInBatches(ACME, keys, 200);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            if (i % 3 != 0 || (i >= 250 && i < 520)) {
                deleted.add(keys.get(i));
            }
        }
        for (int from = 0; from < deleted.size(); from += 37) {
            Batch.Builder batch = Batch.builder();
            deleted.subList(from, Math.min(from + 37, deleted.size()))
                    .forEach(key -> batch.deleteEntry(ACME, EntryKey.of(key)));
            commit(batch);
        }
        List<String> remaining = keys.stream().filter(key -> !deleted.contains(key)).toList();

        // when
        VaultView view = repository.view();

        // then
        assertThat(view.entryCount(ACME)).isEqualTo(remaining.size());
        assertThat(keys(view.entries(ACME, 0, MANY))).isEqualTo(remaining);
        for (int offset = 0; offset < remaining.size(); offset++) {
            assertThat(keys(view.entries(ACME, offset, 1))).containsExactly(remaining.get(offset));
        }
        assertThat(keys(view.entries(ACME, 50, 40))).isEqualTo(remaining.subList(50, 90));
        assertThat(view.entries(ACME, remaining.size(), 1)).isEmpty();
        deleted.forEach(key -> assertThat(view.entry(ACME, EntryKey.of(key))).isEmpty());
    }

    @Test
    void entries_come_back_after_all_were_deleted() {
        // given
        List<String> keys = numberedKeys(300);
        putEntriesInBatches(ACME, keys, 300);
        Batch.Builder deleteAll = Batch.builder();
        keys.forEach(key -> deleteAll.deleteEntry(ACME, EntryKey.of(key)));
        commit(deleteAll);

        // when
        putEntries(ACME, List.of("k0150", "again"));

        // then
        assertThat(keys(repository.view().entries(ACME, 0, 10))).containsExactly("again", "k0150");
    }

    @Test
    void a_batch_whose_later_precondition_fails_writes_nothing() {
        // given
        putEntries(ACME, List.of("existing"));
        Batch.Builder batch = Batch.builder()
                .require(Precondition.entryAbsent(ACME, EntryKey.of("new-1")))
                .require(Precondition.entryAbsent(ACME, EntryKey.of("existing")));
        IntStream.range(0, 50).forEach(i -> batch.putEntry(ACME, entry("new-" + i)));
        batch.deleteEntry(ACME, EntryKey.of("existing")).putToken(token("ci", "ovt_ci"));

        // when / then
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> repository.commit(batch.build()))
                .extracting(VaultException::code)
                .isEqualTo(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS);
        VaultView view = repository.view();
        assertThat(keys(view.entries(ACME, 0, 100))).containsExactly("existing");
        assertThat(view.tokens()).isEmpty();
    }

    @Test
    void a_batch_of_fifty_puts_lands_whole() {
        Batch.Builder batch = Batch.builder();
        IntStream.range(0, 50).forEach(i -> batch.putEntry(ACME, entry(String.format("k%02d", i))));

        commit(batch);

        assertThat(repository.view().entryCount(ACME)).isEqualTo(50);
        assertThat(keys(repository.view().entries(ACME, 0, 100)))
                .isEqualTo(IntStream.range(0, 50).mapToObj(i -> String.format("k%02d", i)).toList());
    }

    @Test
    void a_failed_precondition_of_a_custom_kind_writes_nothing() {
        Batch.Builder batch = Batch.builder()
                .require(view -> {
                    throw new ConcurrentChangeException();
                })
                .putEntry(ACME, entry("a"));

        assertThatExceptionOfType(ConcurrentChangeException.class).isThrownBy(() -> repository.commit(batch.build()));
        assertThat(repository.view().organizations()).isEmpty();
    }

    @Test
    void preconditions_see_the_state_before_their_own_batch() {
        // an entryAbsent precondition is not broken by the put of its own batch
        commit(Batch.builder()
                .require(Precondition.entryAbsent(ACME, EntryKey.of("k")))
                .putEntry(ACME, entry("k")));

        assertThat(repository.view().entry(ACME, EntryKey.of("k"))).isPresent();
    }

    @Test
    void preconditions_see_every_earlier_batch() {
        // given
        VaultEntry first = entry("k", "first", Visibility.STRICT);
        VaultEntry second = entry("k", "second", Visibility.STRICT);
        commit(create(ACME, first));

        // when / then
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> repository.commit(create(ACME, second).build()))
                .extracting(VaultException::code)
                .isEqualTo(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS);
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
        assertThat(repository.view().entry(ACME, EntryKey.of("k"))).contains(first);
    }

    @Test
    void concurrent_creates_of_one_key_give_one_success_and_conflicts() throws Exception {
        // given
        int threads = 8;
        List<Callable<String>> creates = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            VaultEntry candidate = entry("race", "from-" + t, Visibility.STRICT);
            creates.add(() -> {
                try {
                    repository.commit(create(ACME, candidate).build());
                    return candidate.value().reveal();
                } catch (AlreadyExistsException e) {
                    return e.code().name();
                }
            });
        }

        // when
        List<String> outcomes = runTogether(creates);

        // then
        List<String> winners = outcomes.stream().filter(outcome -> outcome.startsWith("from-")).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome.equals("VAULT_ENTRY_ALREADY_EXISTS")).hasSize(threads - 1);
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
        assertThat(repository.view().entry(ACME, EntryKey.of("race")).orElseThrow().value().reveal())
                .isEqualTo(winners.get(0));
    }

    @Test
    void entry_unchanged_passes_while_the_entry_is_as_read() {
        putEntries(ACME, List.of("k"));
        Optional<VaultEntry> read = repository.view().entry(ACME, EntryKey.of("k"));

        commit(Batch.builder()
                .require(Precondition.entryUnchanged(ACME, EntryKey.of("k"), read))
                .putEntry(ACME, entry("k", "updated", Visibility.STRICT)));

        assertThat(repository.view().entry(ACME, EntryKey.of("k")).orElseThrow().value().reveal()).isEqualTo("updated");
    }

    @Test
    void entry_unchanged_throws_concurrent_change_when_the_entry_changed_since_read() {
        // given
        putEntries(ACME, List.of("k"));
        Optional<VaultEntry> read = repository.view().entry(ACME, EntryKey.of("k"));
        VaultEntry other = entry("k", "changed by another caller", Visibility.STRICT);
        commit(Batch.builder().putEntry(ACME, other));

        // when / then
        assertThatExceptionOfType(ConcurrentChangeException.class)
                .isThrownBy(() -> repository.commit(Batch.builder()
                        .require(Precondition.entryUnchanged(ACME, EntryKey.of("k"), read))
                        .putEntry(ACME, entry("k", "stale update", Visibility.STRICT))
                        .build()));
        assertThat(repository.view().entry(ACME, EntryKey.of("k"))).contains(other);
    }

    @Test
    void entry_unchanged_throws_concurrent_change_when_an_absent_entry_appeared() {
        Optional<VaultEntry> read = repository.view().entry(ACME, EntryKey.of("k"));
        putEntries(ACME, List.of("k"));

        assertThatExceptionOfType(ConcurrentChangeException.class)
                .isThrownBy(() -> repository.commit(Batch.builder()
                        .require(Precondition.entryUnchanged(ACME, EntryKey.of("k"), read))
                        .putEntry(ACME, entry("k", "stale", Visibility.STRICT))
                        .build()));
    }

    @Test
    void a_view_never_changes_after_it_was_taken() {
        // given
        putEntriesInBatches(ACME, numberedKeys(400), 400);
        commit(Batch.builder()
                .putSnapshot(snapshot(ACME, "acme-one"))
                .putSnapshotContent(ACME, "acme-one", content("a"))
                .putAppliedResources(ACME, applied("a"))
                .putToken(token("admin", "ovt_admin")));
        VaultView before = repository.view();
        List<VaultEntry> pageBefore = before.entries(ACME, 100, 50);

        // when
        Batch.Builder later = Batch.builder()
                .putEntry(ACME, entry("k0100", "changed", Visibility.PUBLIC))
                .deleteEntry(ACME, EntryKey.of("k0101"))
                .putEntry(ACME, entry("k0100a"))
                .putEntry(GLOBEX, entry("g"))
                .deleteSnapshot(ACME, "acme-one")
                .putAppliedResources(ACME, AppliedResources.none())
                .deleteToken("admin")
                .putToken(token("ci", "ovt_ci"));
        IntStream.range(0, 300).forEach(i -> later.putEntry(ACME, entry(String.format("k%04dz", i))));
        commit(later);

        // then
        assertThat(before.entryCount(ACME)).isEqualTo(400);
        assertThat(before.entries(ACME, 100, 50)).isEqualTo(pageBefore);
        assertThat(before.entry(ACME, EntryKey.of("k0100"))).contains(entry("k0100"));
        assertThat(before.entry(ACME, EntryKey.of("k0101"))).contains(entry("k0101"));
        assertThat(before.entry(ACME, EntryKey.of("k0100a"))).isEmpty();
        assertThat(before.organizations()).containsExactly(ACME);
        assertThat(before.snapshot(ACME, "acme-one")).contains(snapshot(ACME, "acme-one"));
        assertThat(before.snapshotContent(ACME, "acme-one")).contains(content("a"));
        assertThat(before.appliedResources(ACME)).isEqualTo(applied("a"));
        assertThat(before.tokens()).extracting(TokenRecord::name).containsExactly("admin");
        assertThat(before.tokenByDigest(TokenDigest.of("ovt_ci"))).isEmpty();
        VaultView after = repository.view();
        assertThat(after.entryCount(ACME)).isEqualTo(700);
        assertThat(after.organizations()).containsExactly(ACME, GLOBEX);
        assertThat(after.tokens()).extracting(TokenRecord::name).containsExactly("ci");
    }

    @Test
    void concurrent_commits_of_distinct_keys_all_land() throws Exception {
        // given
        int threads = 8;
        int perThread = 100;
        List<Callable<String>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    String key = String.format("t%d-%03d", thread, i);
                    repository.commit(create(ACME, entry(key)).build());
                }
                return "done";
            });
        }

        // when
        List<String> outcomes = runTogether(writers);

        // then
        assertThat(outcomes).containsOnly("done");
        VaultView view = repository.view();
        assertThat(view.entryCount(ACME)).isEqualTo((long) threads * perThread);
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add(String.format("t%d-%03d", t, i));
            }
        }
        assertThat(keys(view.entries(ACME, 0, threads * perThread))).isEqualTo(expected);
    }

    @Test
    void snapshots_round_trip_sorted_by_id() {
        // given
        Snapshot b = snapshot(ACME, "acme-bbbb");
        Snapshot a = snapshot(ACME, "acme-aaaa");
        Snapshot c = snapshot(ACME, "acme-cccc");

        // when
        commit(Batch.builder().putSnapshot(b).putSnapshot(c).putSnapshot(a)
                .putSnapshotContent(ACME, "acme-aaaa", content("a"))
                .putSnapshotContent(ACME, "acme-bbbb", content("b")));

        // then
        VaultView view = repository.view();
        assertThat(view.snapshots(ACME)).containsExactly(a, b, c);
        assertThat(view.snapshot(ACME, "acme-bbbb")).contains(b);
        assertThat(view.snapshotContent(ACME, "acme-aaaa")).contains(content("a"));
        assertThat(view.snapshotContent(ACME, "acme-bbbb")).contains(content("b"));
        assertThat(view.snapshotContent(ACME, "acme-cccc")).isEmpty();
        assertThat(view.snapshot(GLOBEX, "acme-aaaa")).isEmpty();
        assertThat(view.snapshots(GLOBEX)).isEmpty();
    }

    @Test
    void put_snapshot_replaces_its_metadata_and_keeps_its_content() {
        // given
        Snapshot original = snapshot(ACME, "acme-one");
        commit(Batch.builder().putSnapshot(original).putSnapshotContent(ACME, "acme-one", content("x")));
        Snapshot reported = original.withReport(report("acme-one-report"));

        // when
        commit(Batch.builder()
                .require(Precondition.snapshotUnchanged(ACME, "acme-one", Optional.of(original)))
                .putSnapshot(reported));

        // then
        assertThat(repository.view().snapshot(ACME, "acme-one")).contains(reported);
        assertThat(repository.view().snapshotContent(ACME, "acme-one")).contains(content("x"));
        assertThatExceptionOfType(ConcurrentChangeException.class)
                .isThrownBy(() -> repository.commit(Batch.builder()
                        .require(Precondition.snapshotUnchanged(ACME, "acme-one", Optional.of(original)))
                        .putSnapshot(original)
                        .build()));
        assertThat(repository.view().snapshot(ACME, "acme-one")).contains(reported);
    }

    @Test
    void delete_snapshot_removes_its_metadata_and_content() {
        // given
        commit(Batch.builder()
                .putSnapshot(snapshot(ACME, "acme-one")).putSnapshotContent(ACME, "acme-one", content("1"))
                .putSnapshot(snapshot(ACME, "acme-two")).putSnapshotContent(ACME, "acme-two", content("2")));

        // when
        commit(Batch.builder().deleteSnapshot(ACME, "acme-one"));

        // then
        VaultView view = repository.view();
        assertThat(view.snapshot(ACME, "acme-one")).isEmpty();
        assertThat(view.snapshotContent(ACME, "acme-one")).isEmpty();
        assertThat(view.snapshots(ACME)).extracting(Snapshot::id).containsExactly("acme-two");
        assertThat(view.snapshotContent(ACME, "acme-two")).contains(content("2"));
    }

    @Test
    void applied_resources_round_trip_and_are_replaced_whole() {
        // given
        commit(Batch.builder().putAppliedResources(ACME, applied("first")));
        assertThat(repository.view().appliedResources(ACME)).isEqualTo(applied("first"));

        // when
        commit(Batch.builder().putAppliedResources(ACME, applied("second")));

        // then
        assertThat(repository.view().appliedResources(ACME)).isEqualTo(applied("second"));
        assertThat(repository.view().appliedResources(ACME).find(ResourceType.SOURCE, "first")).isEmpty();
        assertThat(repository.view().appliedResources(GLOBEX)).isEqualTo(AppliedResources.none());
    }

    @Test
    void tokens_round_trip_by_name_and_by_digest() {
        // given
        TokenRecord admin = new TokenRecord("admin", TokenDigest.of("ovt_admin"), Grant.everything(), 1_000L);
        TokenRecord reader = new TokenRecord("reader", TokenDigest.of("ovt_reader"),
                Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)), 2_000L);
        TokenRecord ci = token("ci", "ovt_ci");

        // when
        commit(Batch.builder().require(Precondition.tokenAbsent("admin")).putToken(reader).putToken(admin).putToken(ci));

        // then
        VaultView view = repository.view();
        assertThat(view.tokens()).containsExactly(admin, ci, reader);
        assertThat(view.token("reader")).contains(reader);
        assertThat(view.tokenByDigest(TokenDigest.of("ovt_admin"))).contains(admin);
        assertThat(view.tokenByDigest(TokenDigest.of("ovt_reader"))).contains(reader);
        assertThat(view.tokenByDigest(TokenDigest.of("ovt_unknown"))).isEmpty();
        assertThat(view.organizations()).isEmpty();
    }

    @Test
    void delete_token_removes_it_from_both_lookups() {
        commit(Batch.builder().putToken(token("ci", "ovt_ci")).putToken(token("ops", "ovt_ops")));

        commit(Batch.builder().deleteToken("ci").deleteToken("never-existed"));

        assertThat(repository.view().token("ci")).isEmpty();
        assertThat(repository.view().tokenByDigest(TokenDigest.of("ovt_ci"))).isEmpty();
        assertThat(repository.view().tokens()).extracting(TokenRecord::name).containsExactly("ops");
    }

    @Test
    void put_token_of_an_existing_name_replaces_its_digest() {
        commit(Batch.builder().putToken(token("ci", "ovt_old")));

        commit(Batch.builder().putToken(token("ci", "ovt_new")));

        assertThat(repository.view().tokenByDigest(TokenDigest.of("ovt_old"))).isEmpty();
        assertThat(repository.view().tokenByDigest(TokenDigest.of("ovt_new"))).contains(token("ci", "ovt_new"));
        assertThat(repository.view().tokens()).hasSize(1);
    }

    @Test
    void token_preconditions_guard_creates_and_revokes() {
        // given
        TokenRecord ci = token("ci", "ovt_ci");
        commit(Batch.builder().require(Precondition.tokenAbsent("ci")).putToken(ci));

        // when / then
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> repository.commit(Batch.builder()
                        .require(Precondition.tokenAbsent("ci")).putToken(token("ci", "ovt_other")).build()))
                .extracting(VaultException::code)
                .isEqualTo(ErrorCode.TOKEN_ALREADY_EXISTS);
        assertThatExceptionOfType(ConcurrentChangeException.class)
                .isThrownBy(() -> repository.commit(Batch.builder()
                        .require(Precondition.tokenUnchanged("ci", Optional.empty())).deleteToken("ci").build()));
        assertThat(repository.view().token("ci")).contains(ci);
        commit(Batch.builder().require(Precondition.tokenUnchanged("ci", Optional.of(ci))).deleteToken("ci"));
        assertThat(repository.view().tokens()).isEmpty();
    }

    @Test
    void organizations_are_those_holding_entries_snapshots_or_applied_resources() {
        // given
        commit(Batch.builder()
                .putEntry(INITECH, entry("k"))
                .putSnapshot(snapshot(GLOBEX, "globex-one"))
                .putAppliedResources(ACME, applied("a"))
                .putToken(token("ci", "ovt_ci")));

        // when / then
        assertThat(repository.view().organizations()).containsExactly(ACME, GLOBEX, INITECH);

        commit(Batch.builder().deleteEntry(INITECH, EntryKey.of("k")));
        assertThat(repository.view().organizations()).containsExactly(ACME, GLOBEX);

        commit(Batch.builder().deleteSnapshot(GLOBEX, "globex-one"));
        assertThat(repository.view().organizations()).containsExactly(ACME);

        commit(Batch.builder().putAppliedResources(ACME, AppliedResources.none()));
        assertThat(repository.view().organizations()).isEmpty();
    }

    @Test
    void an_organization_stays_while_it_holds_anything() {
        commit(Batch.builder().putEntry(ACME, entry("k")).putSnapshot(snapshot(ACME, "acme-one")));

        commit(Batch.builder().deleteEntry(ACME, EntryKey.of("k")));

        assertThat(repository.view().organizations()).containsExactly(ACME);
        assertThat(repository.view().entryCount(ACME)).isZero();
    }

    @Test
    void later_changes_of_a_batch_win_over_earlier_ones() {
        commit(Batch.builder()
                .putEntry(ACME, entry("k", "first", Visibility.STRICT))
                .putEntry(ACME, entry("k", "second", Visibility.STRICT))
                .putEntry(ACME, entry("gone"))
                .deleteEntry(ACME, EntryKey.of("gone")));

        assertThat(keys(repository.view().entries(ACME, 0, 10))).containsExactly("k");
        assertThat(repository.view().entry(ACME, EntryKey.of("k")).orElseThrow().value().reveal()).isEqualTo("second");
    }

    /** Commits the batch being built. */
    protected final void commit(Batch.Builder batch) {
        repository.commit(batch.build());
    }

    /** Puts an entry of each key (see {@link TestEntries#entry(String)}) in one batch. */
    protected final void putEntries(OrganizationId organization, List<String> keys) {
        putEntriesInBatches(organization, keys, Math.max(1, keys.size()));
    }

    /** Puts an entry of each key, {@code batchSize} keys per batch, in list order. */
    protected final void putEntriesInBatches(OrganizationId organization, List<String> keys, int batchSize) {
        for (int from = 0; from < keys.size(); from += batchSize) {
            Batch.Builder batch = Batch.builder();
            keys.subList(from, Math.min(from + batchSize, keys.size()))
                    .forEach(key -> batch.putEntry(organization, entry(key)));
            commit(batch);
        }
    }

    /** {@return a create of {@code entry}: absent, then put} */
    protected static Batch.Builder create(OrganizationId organization, VaultEntry entry) {
        return Batch.builder().require(Precondition.entryAbsent(organization, entry.key())).putEntry(organization, entry);
    }

    /** {@return the keys of {@code entries}, in order} */
    protected static List<String> keys(List<VaultEntry> entries) {
        return entries.stream().map(entry -> entry.key().value()).toList();
    }

    /** {@return {@code k0000}, {@code k0001}, ...: {@code count} keys, sorted} */
    protected static List<String> numberedKeys(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("k%04d", i)).toList();
    }

    /** {@return a token record named {@code name} for the plaintext {@code token}, granting VIEW in acme} */
    protected static TokenRecord token(String name, String token) {
        return new TokenRecord(name, TokenDigest.of(token), Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)),
                5_000L);
    }

    /** {@return a snapshot without reports, whose content holds one SOURCE} */
    protected static Snapshot snapshot(OrganizationId organization, String id) {
        return new Snapshot(id, organization, "admin", 1_700_000_000_000L, "note of " + id,
                Map.of(ResourceType.SOURCE, 1), List.of());
    }

    /** {@return a finished snapshot-creation report} */
    protected static SnapshotReport report(String id) {
        return new SnapshotReport(id, ReportType.CREATE_SNAPSHOT, "SUCCESS", 1_700_000_000_000L, 1_700_000_000_500L,
                1, Map.of(), Map.of());
    }

    /** {@return a snapshot content of one SOURCE named {@code name}, holding plain JSON values only} */
    protected static SnapshotContent content(String name) {
        Map<ResourceType, List<SnapshotResource>> resources = new LinkedHashMap<>();
        resources.put(ResourceType.SOURCE, List.of(resource(name)));
        resources.put(ResourceType.EXTENSION, List.of());
        return new SnapshotContent(Map.of("version", "1", "origin", "test"), resources, Map.of("note", name));
    }

    /** {@return applied resources of one SOURCE named {@code name}} */
    protected static AppliedResources applied(String name) {
        return new AppliedResources(Map.of(ResourceType.SOURCE, Map.of(name, resource(name))));
    }

    private static SnapshotResource resource(String name) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("secret", "{{ VAULT." + name + "-key }}");
        model.put("enabled", Boolean.TRUE);
        model.put("tags", List.of("a", "b"));
        model.put("nested", Map.of("deep", List.of(Map.of("x", "y"))));
        return new SnapshotResource(ResourceType.SOURCE, name, Map.of(), model, Map.of("resourceExtra", "kept"));
    }

    // Starts every task at once (as far as threads allow) and returns their results in task order.
    private static List<String> runTogether(List<Callable<String>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                try {
                    results.add(Await.result("a concurrent task", Await.PATIENCE, future));
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent task failed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.service.Fixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VaultEntryServiceTest {
    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final VaultEntryService vault = new VaultEntryService(repository);
    private final SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());

    private static EntryDraft draft(String key, String value) {
        return EntryDraft.empty().withKey(key).withValue(value);
    }

    private static EntryKey key(String key) {
        return EntryKey.of(key);
    }

    @Test
    void create_then_get_returns_the_entry_with_defaults() {
        VaultEntry created = vault.create(ADMIN, ACME, draft("db.password", "s3cr3t")).entry();

        assertThat(vault.get(ADMIN, ACME, key("db.password"))).isEqualTo(created);
        assertThat(created.visibility()).isEqualTo(Visibility.STRICT);
    }

    @Test
    void create_fails_when_key_already_exists() {
        // given
        vault.create(ADMIN, ACME, draft("db.password", "one"));
        // when / then
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> vault.create(ADMIN, ACME, draft("db.password", "two")))
                .extracting(VaultException::code).isEqualTo(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS);
        assertThat(vault.get(ADMIN, ACME, key("db.password")).value().reveal()).isEqualTo("one");
    }

    @Test
    void two_concurrent_creates_of_one_key_give_one_success_and_one_conflict() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (String value : List.of("first", "second")) {
                Callable<String> create = () -> {
                    start.await();
                    try {
                        vault.create(ADMIN, ACME, draft("shared", value));
                        return "created";
                    } catch (AlreadyExistsException e) {
                        return "conflict";
                    }
                };
                outcomes.add(pool.submit(create));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(Await.result("a concurrent create's outcome", Await.PATIENCE, outcome));
            }
            assertThat(results).containsExactlyInAnyOrder("created", "conflict");
            assertThat(vault.list(ADMIN, ACME, PageRequest.first()).totalEntries()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replace_of_an_unknown_key_is_not_found_before_validation() {
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> vault.replace(ADMIN, ACME, key("nope"), EntryDraft.empty().withValue(42)))
                .extracting(VaultException::code).isEqualTo(ErrorCode.VAULT_ENTRY_NOT_FOUND);
    }

    @Test
    void replace_with_only_a_value_keeps_type_visibility_and_scopes() {
        // given
        vault.create(ADMIN, ACME, draft("token", "old").withVisibility("OBFUSCATED")
                .withScopes(List.of(Map.of("id", "acme-ext", "resourceType", "EXTENSION"))));
        // when
        VaultEntry updated = vault.replace(ADMIN, ACME, key("token"), EntryDraft.empty().withValue("new")).entry();
        // then
        assertThat(updated.value().reveal()).isEqualTo("new");
        assertThat(updated.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(updated.scopes()).containsExactly(new Scope("acme-ext", ResourceType.EXTENSION));
        assertThat(vault.get(ADMIN, ACME, key("token"))).isEqualTo(updated);
    }

    @Test
    void delete_removes_the_entry_and_a_second_delete_is_not_found() {
        vault.create(ADMIN, ACME, draft("gone", "v"));

        vault.delete(ADMIN, ACME, key("gone"));

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> vault.get(ADMIN, ACME, key("gone")));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> vault.delete(ADMIN, ACME, key("gone")));
    }

    @Test
    void list_pages_by_key_with_true_totals_including_past_the_end() {
        for (String k : List.of("c", "a", "B", "b", "é")) {
            vault.create(ADMIN, ACME, draft(k, "v"));
        }

        EntryPage second = vault.list(ADMIN, ACME, PageRequest.of(1, 2));
        EntryPage single = vault.list(ADMIN, ACME, PageRequest.of(4, 1));
        EntryPage past = vault.list(ADMIN, ACME, PageRequest.of(3, 2));
        EntryPage huge = vault.list(ADMIN, ACME, PageRequest.of(Long.MAX_VALUE, 1000));

        assertThat(second.items()).extracting(e -> e.key().value()).containsExactly("b", "c");
        assertThat(second.totalEntries()).isEqualTo(5);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(single.items()).extracting(e -> e.key().value()).containsExactly("é");
        assertThat(single.totalPages()).isEqualTo(5);
        assertThat(past.items()).isEmpty();
        assertThat(past.totalEntries()).isEqualTo(5);
        assertThat(huge.items()).isEmpty();
        assertThat(huge.totalPages()).isEqualTo(1);
    }

    @Test
    void missing_lists_referenced_keys_absent_from_the_organization_sorted_and_distinct() {
        // given
        Snapshot snapshot = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("zeta", "alpha", "zeta", "here"), "");
        vault.create(ADMIN, ACME, draft("here", "v"));
        // when
        List<ReferencedKey> missing = vault.missing(ADMIN, ACME, snapshot.id()).missing();
        // then
        assertThat(missing).extracting(ReferencedKey::value).containsExactly("alpha", "zeta");
    }

    @Test
    void missing_of_another_organizations_snapshot_is_not_found() {
        Snapshot snapshot = snapshots.register(ADMIN, ORIGIN, Fixtures.contentReferencing("k"), "");

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> vault.missing(ADMIN, ACME, snapshot.id()))
                .extracting(VaultException::code).isEqualTo(ErrorCode.SNAPSHOT_NOT_FOUND);
    }

    // Keys: "both" exists on both sides, "dest" only in the destination, "src" only in the source, "none" nowhere.
    private String givenFetchScenario(boolean withNone) {
        vault.create(ADMIN, ACME, draft("both", "dest-value").withScopes(List.of(Map.of("id", "acme-x", "resourceType", "EXTENSION"))));
        vault.create(ADMIN, ACME, draft("dest", "dest-only"));
        vault.create(ADMIN, ORIGIN, draft("both", "origin-value").withVisibility("PUBLIC")
                .withScopes(List.of(Map.of("id", "origin-x", "resourceType", "EXTENSION"))));
        vault.create(ADMIN, ORIGIN, draft("src", "origin-only").withScopes(List.of(Map.of("id", "origin-y", "resourceType", "EXTENSION")))
                .withAttributeReferences(List.of(Map.of("jsonPath", "parameters.p0", "resourceName", "helpcenter_Qm7xK2", "resourceType", "SOURCE"))));
        List<String> keys = new ArrayList<>(List.of("both", "dest", "src"));
        if (withNone) {
            keys.add("none");
        }
        return snapshots.register(ADMIN, ACME, Fixtures.contentReferencing(keys.toArray(String[]::new)), "").id();
    }

    private FetchResult fetch(String snapshotId, FetchStrategy strategy, boolean dryRun) {
        return vault.fetch(ADMIN, ACME, new FetchRequest(ORIGIN, snapshotId, strategy, dryRun));
    }

    private static List<String> names(List<?> keys) {
        return keys.stream().map(key -> key instanceof ReferencedKey referenced ? referenced.value() : key.toString())
                .toList();
    }

    @Test
    void all_or_nothing_copies_every_missing_key_when_the_source_has_them_all() {
        String id = givenFetchScenario(false);

        FetchResult result = fetch(id, FetchStrategy.ALL_OR_NOTHING, false);

        assertThat(names(result.copied())).containsExactly("src");
        assertThat(names(result.skipped())).containsExactly("both", "dest");
        assertThat(result.overwritten()).isEmpty();
        assertThat(result.missingInSource()).isEmpty();
        VaultEntry copied = vault.get(ADMIN, ACME, key("src"));
        assertThat(copied.value().reveal()).isEqualTo("origin-only");
        assertThat(copied.scopes()).as("a new entry gets no scopes").isEmpty();
        assertThat(copied.attributeReferences()).hasSize(1);
        assertThat(vault.get(ADMIN, ACME, key("both")).value().reveal()).isEqualTo("dest-value");
    }

    @Test
    void all_or_nothing_refuses_and_writes_nothing_when_a_missing_key_is_absent_from_the_source() {
        String id = givenFetchScenario(true);

        assertThatExceptionOfType(FetchConflictException.class)
                .isThrownBy(() -> fetch(id, FetchStrategy.ALL_OR_NOTHING, false))
                .satisfies(e -> assertThat(e.keys()).containsExactly("none"))
                .satisfies(e -> assertThat(e.getMessage()).contains("create it in the destination")
                        .doesNotContain("holds no vault entry"));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> vault.get(ADMIN, ACME, key("src")));
    }

    @Test
    void a_fetch_from_an_organization_without_entries_says_its_id_may_be_wrong() {
        String id = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("k"), "").id();
        OrganizationId empty = OrganizationId.of("typo");

        FetchResult dry = vault.fetch(ADMIN, ACME, new FetchRequest(empty, id, FetchStrategy.ONLY_MISSING, true));

        assertThat(dry.sourceEmpty()).isTrue();
        assertThat(names(dry.missingInSource())).containsExactly("k");
        assertThatExceptionOfType(FetchConflictException.class)
                .isThrownBy(() -> vault.fetch(ADMIN, ACME, new FetchRequest(empty, id, FetchStrategy.ALL_OR_NOTHING,
                        false)))
                .satisfies(e -> assertThat(e.getMessage()).contains("holds no vault entry at all: is its id right?"));
        assertThat(fetch(givenFetchScenario(false), FetchStrategy.ONLY_MISSING, true).sourceEmpty()).isFalse();
    }

    @Test
    void only_missing_copies_what_the_source_has_and_reports_the_rest() {
        String id = givenFetchScenario(true);

        FetchResult result = fetch(id, FetchStrategy.ONLY_MISSING, false);

        assertThat(names(result.copied())).containsExactly("src");
        assertThat(names(result.missingInSource())).containsExactly("none");
        assertThat(names(result.skipped())).containsExactly("both", "dest");
        assertThat(vault.get(ADMIN, ACME, key("src")).value().reveal()).isEqualTo("origin-only");
    }

    @Test
    void overwrite_replaces_existing_entries_but_keeps_their_scopes() {
        String id = givenFetchScenario(true);

        FetchResult result = fetch(id, FetchStrategy.OVERWRITE, false);

        assertThat(names(result.copied())).containsExactly("src");
        assertThat(names(result.overwritten())).containsExactly("both");
        assertThat(names(result.missingInSource())).containsExactly("dest", "none");
        assertThat(result.skipped()).isEmpty();
        VaultEntry both = vault.get(ADMIN, ACME, key("both"));
        assertThat(both.value().reveal()).isEqualTo("origin-value");
        assertThat(both.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(both.scopes()).containsExactly(new Scope("acme-x", ResourceType.EXTENSION));
        assertThat(vault.get(ADMIN, ACME, key("dest")).value().reveal()).isEqualTo("dest-only");
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void a_dry_run_reports_the_same_lists_and_writes_nothing(FetchStrategy strategy) {
        String id = givenFetchScenario(false);
        long before = vault.list(ADMIN, ACME, PageRequest.first()).totalEntries();

        FetchResult dry = fetch(id, strategy, true);

        assertThat(vault.list(ADMIN, ACME, PageRequest.first()).totalEntries()).isEqualTo(before);
        assertThat(vault.get(ADMIN, ACME, key("both")).value().reveal()).isEqualTo("dest-value");
        assertThat(fetch(id, strategy, false)).isEqualTo(dry);
    }

    @Test
    void a_dry_run_of_a_conflicting_all_or_nothing_fetch_gives_the_same_conflict() {
        String id = givenFetchScenario(true);

        assertThatExceptionOfType(FetchConflictException.class)
                .isThrownBy(() -> fetch(id, FetchStrategy.ALL_OR_NOTHING, true));
    }

    @Test
    void every_referenced_key_lands_in_exactly_one_list() {
        String id = givenFetchScenario(true);
        for (FetchStrategy strategy : List.of(FetchStrategy.ONLY_MISSING, FetchStrategy.OVERWRITE)) {
            FetchResult result = fetch(id, strategy, true);
            List<String> all = new ArrayList<>();
            List.of(result.copied(), result.overwritten(), result.skipped(), result.missingInSource())
                    .forEach(list -> all.addAll(names(list)));
            assertThat(all).containsExactlyInAnyOrder("both", "dest", "src", "none");
        }
    }

    @Test
    void fetch_from_the_destination_itself_is_a_bad_parameter() {
        String id = givenFetchScenario(false);

        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> vault.fetch(ADMIN, ACME, new FetchRequest(ACME, id, FetchStrategy.ONLY_MISSING, false)));
    }

    @Test
    void fetch_with_an_unknown_snapshot_is_not_found() {
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> fetch("acme-aaaaaaaaaaaaaaaaaaaaaaaaaa", FetchStrategy.ONLY_MISSING, false))
                .extracting(VaultException::code).isEqualTo(ErrorCode.SNAPSHOT_NOT_FOUND);
    }
}

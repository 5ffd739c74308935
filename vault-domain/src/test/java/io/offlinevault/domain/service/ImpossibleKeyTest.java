package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.service.Fixtures.ORIGIN;
import static io.offlinevault.domain.testing.TestEntries.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotPlan;
import io.offlinevault.domain.snapshot.SnapshotReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * API.md 6: a referenced key that can never be an entry key (here a no-break space and an unpaired surrogate) is
 * missing for the check, the {@code /missing} use case, the dry run, the apply and the fetch.
 */
class ImpossibleKeyTest {
    private static final String NO_BREAK = "no\u00a0break";
    private static final String LONE = "lone\ud800";

    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final VaultEntryService entries = new VaultEntryService(repository);
    private final SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());

    // "good" exists in acme and in origin; "absent" nowhere; NO_BREAK twice, LONE once
    private String givenSnapshot() {
        entries.create(ADMIN, ACME, draft("good"));
        entries.create(ADMIN, ORIGIN, draft("good"));
        return snapshots.register(ADMIN, ACME, Fixtures.contentReferencing(NO_BREAK, "good", LONE, "absent", NO_BREAK),
                "").id();
    }

    @Test
    void the_check_and_the_missing_use_case_list_an_impossible_key_as_missing_sorted_as_a_string() {
        // given
        String id = givenSnapshot();

        // when
        SnapshotCheck check = snapshots.check(ADMIN, ACME, Fixtures.contentReferencing(NO_BREAK, "good", LONE,
                "absent", NO_BREAK));
        SnapshotCheck missing = entries.missing(ADMIN, ACME, id);

        // then
        assertThat(check.missing()).extracting(ReferencedKey::value).containsExactly("absent", LONE, NO_BREAK);
        assertThat(missing.missing()).isEqualTo(check.missing());
        assertThat(check.complete()).isFalse();
        assertThat(check.checkedReferences()).extracting(c -> c.reference().key().value(),
                        SnapshotCheck.CheckedReference::found,
                        c -> c.reference().key().violation().map(v -> v.code()).orElse("-"))
                .containsExactly(tuple(NO_BREAK, false, "key.invalid_character"), tuple("good", true, "-"),
                        tuple(LONE, false, "key.unpaired_surrogate"), tuple("absent", false, "-"),
                        tuple(NO_BREAK, false, "key.invalid_character"));
    }

    @Test
    void an_impossible_key_has_no_similar_keys_even_when_an_entry_folds_like_it() {
        // given: "FETCH" is a valid key that folds to "fetch", a reserved word
        entries.create(ADMIN, ACME, draft("FETCH"));

        // when
        SnapshotCheck check = snapshots.check(ADMIN, ACME, Fixtures.contentReferencing("fetch"));

        // then
        assertThat(check.missing()).extracting(ReferencedKey::value).containsExactly("fetch");
        assertThat(check.similarTo(ReferencedKey.of("fetch"))).isEmpty();
        assertThat(check.checkedReferences().get(0).similarKeys()).isEmpty();
    }

    @Test
    void a_dry_run_gives_one_coveo_item_per_impossible_key_with_its_key_violation() {
        // given
        String id = givenSnapshot();

        // when
        SnapshotReport report = snapshots.dryRun(ADMIN, ACME, id, DeletionOptions.keepMissing());

        // then
        assertThat(report.resultCode()).isEqualTo(SnapshotPlan.RESOURCES_IN_ERROR);
        List<OperationResult> items = report.resourceOperationResults().values().iterator().next()
                .get("helpcenter_Qm7xK2");
        assertThat(items).extracting(item -> item.reference().orElseThrow().key().value(), OperationResult::resultCode,
                        OperationResult::keyViolation, item -> item.reference().orElseThrow().jsonPath().value())
                .containsExactly(
                        tuple(NO_BREAK, "INVALID_PLACEHOLDER", Optional.of("key.invalid_character"), "parameters.p0"),
                        tuple(LONE, "INVALID_PLACEHOLDER", Optional.of("key.unpaired_surrogate"), "parameters.p2"),
                        tuple("absent", "INVALID_PLACEHOLDER", Optional.empty(), "parameters.p3"));
        assertThat(items.get(0).message())
                .isEqualTo("The vault entry referenced by {{ VAULT." + NO_BREAK + " }} could not be found in the vault.");
        assertThat(items.get(0).similarKeys()).as("no similar keys, even for a viewer").contains(List.of());
    }

    @Test
    void an_apply_with_an_impossible_key_applies_nothing() {
        // given: only the impossible key is missing
        entries.create(ADMIN, ACME, draft("good"));
        String id = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("good", NO_BREAK), "").id();

        // when
        SnapshotReport report = snapshots.apply(ADMIN, ACME, id, DeletionOptions.keepMissing());

        // then
        assertThat(report.resultCode()).isEqualTo(SnapshotPlan.RESOURCES_IN_ERROR);
        assertThat(report.resourceOperations().values()).allSatisfy(ops -> {
            assertThat(ops.inErrorNames()).containsExactly("helpcenter_Qm7xK2");
            assertThat(ops.createdNames()).isEmpty();
        });
        assertThat(repository.view().appliedResources(ACME).byType()).isEmpty();
    }

    @Test
    void a_fetch_never_copies_an_impossible_key_and_lists_it_as_missing_in_the_source() {
        // given
        String id = givenSnapshot();

        for (FetchStrategy strategy : List.of(FetchStrategy.ONLY_MISSING, FetchStrategy.OVERWRITE)) {
            // when
            FetchResult result = entries.fetch(ADMIN, ACME, new FetchRequest(ORIGIN, id, strategy, false));

            // then
            assertThat(result.missingInSource()).as(strategy.name()).extracting(ReferencedKey::value)
                    .containsExactly("absent", LONE, NO_BREAK);
        }
    }

    @Test
    void an_all_or_nothing_fetch_names_an_impossible_key_as_a_conflict() {
        // given: "absent" is created, so only the impossible keys are missing on both sides
        String id = givenSnapshot();
        entries.create(ADMIN, ORIGIN, draft("absent"));

        // when / then
        assertThatExceptionOfType(FetchConflictException.class)
                .isThrownBy(() -> entries.fetch(ADMIN, ACME, new FetchRequest(ORIGIN, id, FetchStrategy.ALL_OR_NOTHING,
                        true)))
                .satisfies(e -> assertThat(e.keys()).containsExactly(LONE, NO_BREAK));
        assertThat(repository.view().entry(ACME, EntryKey.of("absent"))).isEmpty();
    }
}

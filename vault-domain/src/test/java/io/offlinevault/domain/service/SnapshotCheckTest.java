package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.testing.TestEntries.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferenceLocation;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.domain.snapshot.SnapshotResource;
import io.offlinevault.domain.snapshot.VaultReference;
import io.offlinevault.domain.testing.TestEntries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SnapshotCheckTest {
    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final VaultEntryService entries = new VaultEntryService(repository);
    private final SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());

    // A SOURCE referencing "db.password" twice and "Api_Key0" in its model, and "db.user" in its parents;
    // an EXTENSION referencing "ext.token".
    private static SnapshotContent content() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("password", "{{ VAULT.db.password }}");
        model.put("headers", List.of("x", "Bearer {{VAULT.Api_Key0}} and {{ VAULT.db.password }}"));
        SnapshotResource source = new SnapshotResource(ResourceType.SOURCE, "helpcenter",
                Map.of("owner", Map.of("user", "{{ VAULT.db.user }}")), model, Map.of());
        SnapshotResource extension = new SnapshotResource(ResourceType.EXTENSION, "enrich", Map.of(),
                Map.of("token", "{{ VAULT.ext.token }}"), Map.of());
        Map<ResourceType, List<SnapshotResource>> resources = new LinkedHashMap<>();
        resources.put(ResourceType.EXTENSION, List.of(extension));
        resources.put(ResourceType.SOURCE, List.of(source));
        return new SnapshotContent(Map.of(), resources, Map.of());
    }

    @Test
    void check_lists_every_reference_in_document_order_with_found_missing_and_similar_keys() {
        // given "db.password" and "ext.token" exist; "api_keyO" looks like the missing "Api_Key0"
        for (String key : List.of("db.password", "ext.token", "api_keyO", "API_KEY0", "unrelated")) {
            entries.create(ADMIN, ACME, draft(key));
        }

        // when
        SnapshotCheck check = snapshots.check(ADMIN, ACME, content());

        // then
        assertThat(check.organization()).isEqualTo(ACME);
        assertThat(check.checkedReferences()).extracting(c -> c.reference().key().value(),
                        c -> c.reference().resourceType(), c -> c.reference().resourceName(),
                        c -> c.reference().jsonPath().value(), c -> c.reference().in(),
                        SnapshotCheck.CheckedReference::found, SnapshotCheck.CheckedReference::similarKeys)
                .containsExactly(
                        tuple("ext.token", ResourceType.EXTENSION, "enrich", "token", ReferenceLocation.MODEL, true,
                                List.of()),
                        tuple("db.password", ResourceType.SOURCE, "helpcenter", "password", ReferenceLocation.MODEL,
                                true, List.of()),
                        tuple("Api_Key0", ResourceType.SOURCE, "helpcenter", "headers[1]", ReferenceLocation.MODEL,
                                false, List.of("API_KEY0", "api_keyO")),
                        tuple("db.password", ResourceType.SOURCE, "helpcenter", "headers[1]", ReferenceLocation.MODEL,
                                true, List.of()),
                        tuple("db.user", ResourceType.SOURCE, "helpcenter", "owner.user", ReferenceLocation.PARENTS,
                                false, List.of()));
        assertThat(check.missing()).containsExactly(ReferencedKey.of("Api_Key0"), ReferencedKey.of("db.user"));
        assertThat(check.referencedKeys()).hasSize(4);
        assertThat(check.complete()).isFalse();
        assertThat(check.references()).extracting(VaultReference::key).hasSize(5);
        assertThat(check.toString()).contains("references=5", "missing=2").doesNotContain("value-of");
    }

    @Test
    void check_is_complete_when_every_key_exists_and_stores_nothing() {
        for (String key : List.of("db.password", "ext.token", "Api_Key0", "db.user")) {
            entries.create(ADMIN, ACME, draft(key));
        }
        VaultState before = repository.view();

        SnapshotCheck check = snapshots.check(ADMIN, ACME, content());

        assertThat(check.complete()).isTrue();
        assertThat(check.missing()).isEmpty();
        assertThat(check.checkedReferences()).allMatch(SnapshotCheck.CheckedReference::found);
        assertThat(repository.view()).isSameAs(before);
    }

    @Test
    void the_missing_route_and_the_dry_run_agree_with_the_check() {
        // given
        entries.create(ADMIN, ACME, draft("api_keyO"));
        entries.create(ADMIN, ACME, draft("db.password"));
        String id = snapshots.register(ADMIN, ACME, content(), "").id();

        // when
        SnapshotCheck check = snapshots.check(ADMIN, ACME, content());
        List<ReferencedKey> missing = entries.missing(ADMIN, ACME, id).missing();
        SnapshotReport report = snapshots.dryRun(ADMIN, ACME, id, DeletionOptions.keepMissing());

        // then
        assertThat(missing).isEqualTo(check.missing());
        List<OperationResult> items = new ArrayList<>();
        report.resourceOperationResults().values().forEach(byName -> byName.values().forEach(items::addAll));
        assertThat(items).extracting(item -> item.reference().orElseThrow().key())
                .containsExactlyInAnyOrderElementsOf(check.missing());
        for (OperationResult item : items) {
            ReferencedKey key = item.reference().orElseThrow().key();
            assertThat(item.similarKeys()).contains(check.similarTo(key));
        }
        assertThat(check.similarTo(ReferencedKey.of("Api_Key0"))).containsExactly("api_keyO");
    }

    @Test
    void progress_tells_the_counts_and_the_scan_for_similar_keys_every_thousand_entries() {
        // given 2,500 entries, none of them referenced
        Batch.Builder batch = Batch.builder();
        IntStream.range(0, 2_500).forEach(i -> batch.putEntry(ACME, TestEntries.entry(String.format("k%05d", i))));
        repository.commit(batch.build());
        List<String> steps = new ArrayList<>();
        SnapshotChecks.Progress progress = new SnapshotChecks.Progress() {
            @Override
            public void checking(int keys, int references) {
                steps.add("checking " + keys + " keys, " + references + " references");
            }

            @Override
            public void scanned(long read, long total) {
                steps.add(read + " of " + total);
            }
        };

        // when
        snapshots.check(ADMIN, ACME, content(), progress);

        // then
        assertThat(steps).containsExactly("checking 4 keys, 5 references", "1000 of 2500", "2000 of 2500",
                "2500 of 2500");
    }

    @Test
    void nothing_is_scanned_when_no_key_is_missing() {
        List<String> steps = new ArrayList<>();
        for (String key : List.of("db.password", "ext.token", "Api_Key0", "db.user")) {
            entries.create(ADMIN, ACME, draft(key));
        }

        snapshots.check(ADMIN, ACME, content(), new SnapshotChecks.Progress() {
            @Override
            public void scanned(long read, long total) {
                steps.add(read + " of " + total);
            }
        });

        assertThat(steps).isEmpty();
    }

    @Test
    void a_content_without_placeholders_needs_nothing() {
        SnapshotCheck check = snapshots.check(ADMIN, ACME, Fixtures.contentReferencing());

        assertThat(check.references()).isEmpty();
        assertThat(check.complete()).isTrue();
    }
}

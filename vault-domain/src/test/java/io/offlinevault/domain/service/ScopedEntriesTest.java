package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.service.Fixtures.ORIGIN;
import static io.offlinevault.domain.testing.TestEntries.draft;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.testing.TestEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopedEntriesTest {
    private static final Scope EXTENSION = new Scope("pim_enrichment_T4xW9q", ResourceType.EXTENSION);

    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final VaultEntryService vault = new VaultEntryService(repository);

    private void create(String organization, String key, List<Map<String, String>> scopes) {
        EntryDraft draft = draft(key).withScopes(scopes);
        vault.create(ADMIN, OrganizationId.of(organization), draft);
    }

    private static Map<String, String> scope(String id, String type) {
        return Map.of("id", id, "resourceType", type);
    }

    @Test
    void only_the_entries_whose_scopes_name_the_extension_are_returned_sorted_with_their_values() {
        // given: scoped, scoped among others, scoped to another id, the same id as another type, unscoped
        create("acme", "z.token", List.of(scope("pim_enrichment_T4xW9q", "EXTENSION")));
        create("acme", "a.secret", List.of(scope("other", "EXTENSION"), scope("pim_enrichment_T4xW9q", "EXTENSION")));
        create("acme", "m.other", List.of(scope("other", "EXTENSION")));
        create("acme", "s.source", List.of(scope("pim_enrichment_T4xW9q", "SOURCE")));
        create("acme", "u.unscoped", List.of());
        create("origin", "o.token", List.of(scope("pim_enrichment_T4xW9q", "EXTENSION")));

        // when
        List<VaultEntry> scoped = vault.scopedTo(ADMIN, ACME, EXTENSION);

        // then
        assertThat(scoped).extracting(entry -> entry.key().value()).containsExactly("a.secret", "z.token");
        assertThat(scoped.get(0).value().reveal()).isEqualTo("value-of-a.secret");
        assertThat(vault.scopedTo(ADMIN, ORIGIN, EXTENSION)).extracting(entry -> entry.key().value())
                .containsExactly("o.token");
    }

    @Test
    void scoped_entries_are_found_across_many_reads_of_a_large_organization() {
        // given 2,300 entries, every hundredth scoped
        List<String> expected = new ArrayList<>();
        Batch.Builder batch = Batch.builder();
        for (int i = 0; i < 2_300; i++) {
            String key = String.format("k%05d", i);
            boolean scoped = i % 100 == 0;
            batch.putEntry(ACME, TestEntries.entry(key).withScopes(scoped ? List.of(EXTENSION) : List.of()));
            if (scoped) {
                expected.add(key);
            }
        }
        repository.commit(batch.build());

        assertThat(vault.scopedTo(ADMIN, ACME, EXTENSION)).extracting(entry -> entry.key().value())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void an_organization_without_entries_has_none_scoped() {
        assertThat(vault.scopedTo(ADMIN, ACME, EXTENSION)).isEmpty();
    }
}

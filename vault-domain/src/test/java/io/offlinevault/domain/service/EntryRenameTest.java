package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EntryRenameTest {
    private static final String SENTINEL = "sentinel-strict-value";

    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final VaultEntryService entries = new VaultEntryService(repository);

    @Test
    void rename_keeps_everything_but_the_key_in_one_commit() {
        // given
        VaultEntry stored = entries.create(ADMIN, ACME, EntryDraft.of(Map.of("key", "iyn07x", "value", SENTINEL,
                "attributeReferences", List.of(Map.of("resourceName", "iynO7X", "resourceType", "SOURCE",
                        "jsonPath", "configuration.parameters.secretKey.value")),
                "scopes", List.of(Map.of("id", "ext", "resourceType", "EXTENSION"))))).entry();
        CountingRepository counting = new CountingRepository(repository);
        // when
        VaultEntry renamed = new VaultEntryService(counting).rename(ADMIN, ACME, stored.key(), "iynO7X").entry();
        // then
        assertThat(renamed).isEqualTo(new VaultEntry(EntryKey.of("iynO7X"), stored.value(), stored.valueType(),
                stored.visibility(), stored.attributeReferences(), stored.scopes()));
        assertThat(counting.commits.get()).isEqualTo(1);
        assertThat(repository.view().entry(ACME, EntryKey.of("iyn07x"))).isEmpty();
        assertThat(repository.view().entry(ACME, EntryKey.of("iynO7X"))).contains(renamed);
        assertThat(renamed.toString()).doesNotContain(SENTINEL);
    }

    @Test
    void create_update_rename_and_import_warn_where_the_mistake_is_made() {
        Map<String, String> reference = Map.of("resourceName", "src", "resourceType", "SOURCE", "jsonPath", "a.b");

        assertThat(entries.create(ADMIN, ACME, EntryDraft.of(Map.of("key", "wrong", "value", SENTINEL,
                "attributeReferences", List.of(reference)))).warnings()).extracting(EntryWarning::expectedKeys)
                .containsExactly(List.of("src-a.b"));
        assertThat(entries.replace(ADMIN, ACME, EntryKey.of("wrong"), EntryDraft.empty().withValue("v")).warnings())
                .as("an update that leaves the references alone").isEmpty();
        assertThat(entries.replace(ADMIN, ACME, EntryKey.of("wrong"), EntryDraft.empty()
                .withAttributeReferences(List.of(reference))).warnings()).hasSize(1);
        assertThat(entries.rename(ADMIN, ACME, EntryKey.of("wrong"), "src-a.b").warnings()).isEmpty();
        assertThat(entries.importEntries(ADMIN, ACME, List.of(EntryDraft.of(Map.of("key", "also.wrong", "value", "v",
                "attributeReferences", List.of(reference)))), ImportMode.CREATE_ONLY).warnings())
                .extracting(warning -> warning.key().value()).containsExactly("also.wrong");
    }

    @Test
    void rename_of_an_absent_key_to_an_existing_one_or_to_itself_changes_nothing() {
        entries.create(ADMIN, ACME, EntryDraft.empty().withKey("a").withValue(SENTINEL));
        entries.create(ADMIN, ACME, EntryDraft.empty().withKey("b").withValue("v"));

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> entries.rename(ADMIN, ACME, EntryKey.of("none"), "c"));
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> entries.rename(ADMIN, ACME, EntryKey.of("a"), "b"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SENTINEL));
        assertThatExceptionOfType(InvalidEntryException.class)
                .isThrownBy(() -> entries.rename(ADMIN, ACME, EntryKey.of("a"), "a"))
                .satisfies(e -> assertThat(e.violations()).extracting(Violation::field, Violation::code)
                        .containsExactly(tuple("newKey", "newKey.unchanged")));
        assertThatExceptionOfType(InvalidEntryException.class)
                .isThrownBy(() -> entries.rename(ADMIN, ACME, EntryKey.of("a"), "bad key"))
                .satisfies(e -> assertThat(e.violations()).extracting(Violation::code)
                        .containsExactly("newKey.invalid_character"));
        assertThatExceptionOfType(InvalidEntryException.class)
                .isThrownBy(() -> entries.rename(ADMIN, ACME, EntryKey.of("a"), 42))
                .satisfies(e -> assertThat(e.violations()).extracting(Violation::code)
                        .containsExactly("newKey.not_string"));
        assertThat(repository.view().allEntries(ACME).map(entry -> entry.key().value()).toList())
                .containsExactly("a", "b");
    }

    @Test
    void concurrent_writers_never_see_the_entry_under_both_keys_or_neither() throws Exception {
        entries.create(ADMIN, ACME, EntryDraft.empty().withKey("old").withValue("v0"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            // a writer keeps replacing the value under the old key while it exists
            writers.add(pool.submit(() -> {
                for (int i = 1; i <= 200; i++) {
                    try {
                        entries.replace(ADMIN, ACME, EntryKey.of("old"), EntryDraft.empty().withValue("v" + i));
                    } catch (NotFoundException renamedAlready) {
                        return;
                    }
                }
            }));
            // a reader checks every view holds the entry exactly once
            AtomicInteger halfViews = new AtomicInteger();
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    VaultView view = repository.view();
                    boolean old = view.entry(ACME, EntryKey.of("old")).isPresent();
                    boolean renamed = view.entry(ACME, EntryKey.of("new")).isPresent();
                    if (old == renamed) {
                        halfViews.incrementAndGet();
                    }
                }
            }));
            VaultEntry renamed = entries.rename(ADMIN, ACME, EntryKey.of("old"), "new").entry();
            for (Future<?> writer : writers) {
                Await.result("a concurrent writer or reader", Await.PATIENCE, writer);
            }

            assertThat(halfViews.get()).as("views with the entry under both keys or neither").isZero();
            assertThat(repository.view().entry(ACME, EntryKey.of("old"))).isEmpty();
            assertThat(repository.view().entry(ACME, EntryKey.of("new"))).contains(renamed);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts the commits that reach the repository. */
    private static final class CountingRepository implements VaultRepository {
        private final VaultRepository delegate;
        private final AtomicInteger commits = new AtomicInteger();

        CountingRepository(VaultRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public VaultView view() {
            return delegate.view();
        }

        @Override
        public void commit(Batch batch) {
            commits.incrementAndGet();
            delegate.commit(batch);
        }
    }
}

package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.testing.TestEntries.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.ItemViolation;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.VaultRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EntryImportTest {
    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();
    private final VaultEntryService vault = new VaultEntryService(repository);

    private VaultEntry stored(String key) {
        return vault.get(ADMIN, ACME, EntryKey.of(key));
    }

    @Test
    void create_only_creates_every_item_in_one_commit() {
        // given
        List<Batch> commits = new ArrayList<>();
        VaultEntryService counted = new VaultEntryService(recording(commits));

        // when
        ImportResult result = counted.importEntries(ADMIN, ACME, List.of(draft("a"), draft("b"), draft("c")),
                ImportMode.CREATE_ONLY);

        // then
        assertThat(result).isEqualTo(new ImportResult(3, 0, List.of()));
        assertThat(result.total()).isEqualTo(3);
        assertThat(commits).hasSize(1);
        assertThat(repository.view().entryCount(ACME)).isEqualTo(3);
        assertThat(stored("b").value().reveal()).isEqualTo("value-of-b");
    }

    @Test
    void every_broken_rule_of_every_item_is_reported_at_once_under_items_index() {
        // given
        vault.create(ADMIN, ACME, draft("existing"));
        List<EntryDraft> items = List.of(
                draft("fine"),
                EntryDraft.empty().withKey("bad key").withValueType("INTEGER").withValue("abc"),
                draft("fine"),
                EntryDraft.empty().withKey("existing").withValueType("BOOLEAN"),
                EntryDraft.empty().withKey("refs").withValue("v")
                        .withAttributeReferences(List.of(Map.of("resourceName", "s", "resourceType", "SOURCE"))));

        // when / then
        InvalidEntryException thrown = catchInvalid(() -> vault.importEntries(ADMIN, ACME, items, ImportMode.UPSERT));
        assertThat(thrown.code()).isEqualTo(ErrorCode.INVALID_VAULT_ENTRY);
        assertThat(thrown.violations()).extracting(Violation::field, Violation::code).containsExactly(
                tuple("items[1].key", "key.invalid_character"),
                tuple("items[1].value", "value.invalid_for_type"),
                tuple("items[2].key", "key.duplicate"),
                tuple("items[3].valueType", "valueType.change_requires_value"),
                tuple("items[4].attributeReferences[0].jsonPath",
                        "attributeReferences.jsonPath.required"));
        assertThat(thrown.violations().get(2).message()).isEqualTo("appears more than once in the file");
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void item_violations_map_back_to_the_item_index_and_its_own_field() {
        InvalidEntryException thrown = catchInvalid(() -> vault.importEntries(ADMIN, ACME,
                List.of(draft("ok"), EntryDraft.empty().withKey("x")), ImportMode.CREATE_ONLY));

        List<ItemViolation> items = thrown.violations().stream().map(ItemViolation::of).toList();

        assertThat(items).containsExactly(new ItemViolation(1, new Violation("value", "value.required", "is required")));
        assertThat(items.get(0).inImport()).isEqualTo(thrown.violations().get(0));
    }

    @Test
    void one_invalid_item_commits_nothing_even_when_the_others_are_valid() {
        // given
        List<Batch> commits = new ArrayList<>();
        VaultEntryService counted = new VaultEntryService(recording(commits));
        List<EntryDraft> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(draft("key" + i));
        }
        items.add(draft("last").withValue("   "));

        // when / then
        assertThatExceptionOfType(InvalidEntryException.class)
                .isThrownBy(() -> counted.importEntries(ADMIN, ACME, items, ImportMode.UPSERT));
        assertThat(commits).isEmpty();
        assertThat(repository.view().entryCount(ACME)).isZero();
    }

    @Test
    void create_only_reports_every_existing_key_as_a_conflict_and_writes_nothing() {
        // given
        vault.create(ADMIN, ACME, draft("b"));
        vault.create(ADMIN, ACME, draft("d"));
        VaultState before = repository.view();

        // when / then
        AlreadyExistsException thrown = catchConflict(() -> vault.importEntries(ADMIN, ACME,
                List.of(draft("a"), draft("d").withValue("new-d"), draft("b").withValue("new-b")),
                ImportMode.CREATE_ONLY));
        assertThat(thrown.code()).isEqualTo(ErrorCode.VAULT_ENTRY_ALREADY_EXISTS);
        assertThat(thrown.keys()).containsExactly("d", "b");
        assertThat(thrown.getMessage()).contains("2 vault entries already exist", "'acme'", "d, b")
                .doesNotContain("new-d", "new-b", "value-of");
        assertThat(repository.view()).isSameAs(before);
    }

    @Test
    void create_only_reports_violations_before_conflicts_and_validates_an_existing_item_as_an_update() {
        vault.create(ADMIN, ACME, draft("b"));

        InvalidEntryException thrown = catchInvalid(() -> vault.importEntries(ADMIN, ACME,
                List.of(draft("a"), EntryDraft.empty().withKey("b").withVisibility("PUBLIC")),
                ImportMode.CREATE_ONLY));

        assertThat(thrown.violations()).extracting(Violation::field)
                .containsExactly("items[1].vaultVisibilityType");
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void upsert_updates_existing_entries_and_keeps_the_fields_an_item_leaves_out() {
        // given an entry with a type, a visibility, references and scopes
        Scope scope = new Scope("ext", ResourceType.EXTENSION);
        vault.create(ADMIN, ACME, EntryDraft.empty().withKey("port").withValue("8080").withValueType("INTEGER")
                .withVisibility("OBFUSCATED")
                .withAttributeReferences(List.of(Map.of("jsonPath", "parameters.port.value",
                        "resourceName", "src", "resourceType", "SOURCE")))
                .withScopes(List.of(Map.of("id", "ext", "resourceType", "EXTENSION"))));
        VaultEntry before = stored("port");

        // when: only a new value for it, and a new entry
        ImportResult result = vault.importEntries(ADMIN, ACME,
                List.of(EntryDraft.empty().withKey("port").withValue("9090"), draft("fresh")), ImportMode.UPSERT);

        // then
        assertThat(result).isEqualTo(new ImportResult(1, 1, List.of()));
        VaultEntry after = stored("port");
        assertThat(after.value().reveal()).isEqualTo("9090");
        assertThat(after.valueType()).isEqualTo(ValueType.INTEGER);
        assertThat(after.visibility()).isEqualTo(Visibility.OBFUSCATED);
        assertThat(after.attributeReferences()).isEqualTo(before.attributeReferences()).hasSize(1);
        assertThat(after.scopes()).containsExactly(scope);
        assertThat(stored("fresh").value().reveal()).isEqualTo("value-of-fresh");
    }

    @Test
    void an_empty_import_writes_nothing_and_counts_nothing() {
        List<Batch> commits = new ArrayList<>();

        ImportResult result = new VaultEntryService(recording(commits)).importEntries(ADMIN, ACME, List.of(),
                ImportMode.CREATE_ONLY);

        assertThat(result).isEqualTo(new ImportResult(0, 0, List.of()));
        assertThat(commits).isEmpty();
    }

    @Test
    void progress_is_told_of_every_checked_item_then_of_the_commit() {
        List<String> steps = new ArrayList<>();
        EntryImports.Progress progress = new EntryImports.Progress() {
            @Override
            public void checked(int checked, int total) {
                steps.add("checked " + checked + "/" + total);
            }

            @Override
            public void committing(int items) {
                steps.add("committing " + items);
            }
        };

        vault.importEntries(ADMIN, ACME, List.of(draft("a")), ImportMode.CREATE_ONLY,
                progress);
        vault.importEntries(ADMIN, ACME, List.of(draft("b"), draft("c")), ImportMode.UPSERT, progress);

        assertThat(steps).containsExactly("checked 1/1", "committing 1", "checked 1/2", "checked 2/2", "committing 2");
    }

    @Test
    void an_entry_created_between_the_read_and_the_commit_makes_the_import_read_again() {
        // given a repository where another writer creates "b" just before the import's first commit
        AtomicBoolean raced = new AtomicBoolean();
        VaultRepository racing = new VaultRepository() {
            @Override
            public VaultState view() {
                return repository.view();
            }

            @Override
            public void commit(Batch batch) {
                if (raced.compareAndSet(false, true)) {
                    vault.create(ADMIN, ACME, draft("b").withValue("theirs"));
                }
                repository.commit(batch);
            }
        };
        VaultEntryService importer = new VaultEntryService(racing);

        // when / then: create-only sees the conflict on its second reading, upsert updates it
        assertThat(catchConflict(() -> importer.importEntries(ADMIN, ACME, List.of(draft("a"), draft("b")),
                ImportMode.CREATE_ONLY)).keys()).containsExactly("b");
        assertThat(stored("b").value().reveal()).isEqualTo("theirs");
        assertThat(repository.view().entry(ACME, EntryKey.of("a"))).isEmpty();
        assertThat(importer.importEntries(ADMIN, ACME, List.of(draft("a"), draft("b")), ImportMode.UPSERT))
                .isEqualTo(new ImportResult(1, 1, List.of()));
        assertThat(stored("b").value().reveal()).isEqualTo("value-of-b");
    }

    @Test
    void no_value_appears_in_the_errors_of_an_import() {
        vault.create(ADMIN, ACME, draft("taken"));
        String secret = "hunter2-very-secret";

        InvalidEntryException invalid = catchInvalid(() -> vault.importEntries(ADMIN, ACME,
                List.of(EntryDraft.empty().withKey("n").withValue(secret).withValueType("INTEGER")),
                ImportMode.CREATE_ONLY));
        AlreadyExistsException conflict = catchConflict(() -> vault.importEntries(ADMIN, ACME,
                List.of(draft("taken").withValue(secret)), ImportMode.CREATE_ONLY));

        assertThat(invalid.getMessage() + invalid.violations() + invalid)
                .doesNotContain(secret);
        assertThat(conflict.getMessage() + conflict.keys() + conflict).doesNotContain(secret);
    }

    private InvalidEntryException catchInvalid(Runnable importing) {
        try {
            importing.run();
        } catch (InvalidEntryException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidEntryException");
    }

    private AlreadyExistsException catchConflict(Runnable importing) {
        try {
            importing.run();
        } catch (AlreadyExistsException e) {
            return e;
        } catch (VaultException e) {
            throw new AssertionError("expected a conflict, got " + e.code(), e);
        }
        throw new AssertionError("expected an AlreadyExistsException");
    }

    private VaultRepository recording(List<Batch> commits) {
        return new VaultRepository() {
            @Override
            public VaultState view() {
                return repository.view();
            }

            @Override
            public void commit(Batch batch) {
                commits.add(batch);
                repository.commit(batch);
            }
        };
    }
}

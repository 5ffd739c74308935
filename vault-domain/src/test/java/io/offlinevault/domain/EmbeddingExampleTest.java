package io.offlinevault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.VaultEntryService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of the README's "Embed vault-domain" section, as written there. */
class EmbeddingExampleTest {
    @Test
    void the_validation_example_reports_what_the_readme_says() {
        Map<String, Object> json = Map.of("key", "db{port}", "value", "5432.5", "valueType", "INTEGER");

        InvalidEntryException e = catchThrowableOfType(InvalidEntryException.class,
                () -> EntryValidator.validateCreate(OrganizationId.of("acme"), EntryDraft.of(json)));

        assertThat(e.violations()).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("key", "key.invalid_character"),
                tuple("value", "value.invalid_for_type"));
    }

    @Test
    void the_use_case_example_creates_a_strict_string_entry() {
        VaultRepository repository = new InMemoryVaultRepository();
        VaultEntries vault = new VaultEntryService(repository);
        vault.create(Caller.owner(), OrganizationId.of("acme"),
                EntryDraft.of(Map.of("key", "db.password", "value", "s3cret")));

        assertThat(vault.get(Caller.owner(), OrganizationId.of("acme"), EntryKey.of("db.password")).visibility())
                .isEqualTo(Visibility.STRICT);
    }
}

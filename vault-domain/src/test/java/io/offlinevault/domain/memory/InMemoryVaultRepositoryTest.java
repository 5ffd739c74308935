package io.offlinevault.domain.memory;

import static io.offlinevault.domain.testing.TestEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.ConcurrentChangeException;
import io.offlinevault.domain.port.out.Precondition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryVaultRepositoryTest {
    private static final OrganizationId ACME = OrganizationId.of("acme");

    @Test
    void create_starts_the_vault_with_its_first_commit() {
        TokenRecord admin = new TokenRecord("admin", TokenDigest.of("ovt_admin"), Grant.everything(), 1L);

        InMemoryVaultRepository repository = InMemoryVaultRepository.create(
                Batch.builder().require(Precondition.tokenAbsent("admin")).putToken(admin).build());

        assertThat(repository.view().tokens()).containsExactly(admin);
        assertThat(repository.view().tokenByDigest(TokenDigest.of("ovt_admin"))).contains(admin);
    }

    @Test
    void the_view_stays_the_same_object_until_a_commit_changes_something() {
        // given
        InMemoryVaultRepository repository = new InMemoryVaultRepository();
        VaultState before = repository.view();

        // when
        assertThatExceptionOfType(ConcurrentChangeException.class).isThrownBy(() -> repository.commit(Batch.builder()
                .require(Precondition.entryUnchanged(ACME, EntryKey.of("k"), Optional.of(entry("k"))))
                .putEntry(ACME, entry("k"))
                .build()));
        repository.commit(Batch.builder().build());

        // then
        assertThat(repository.view()).isSameAs(before);
        repository.commit(Batch.builder().putEntry(ACME, entry("k")).build());
        assertThat(repository.view()).isNotSameAs(before);
        assertThat(before.entryCount(ACME)).isZero();
    }

    @Test
    void restore_puts_back_a_saved_view_whatever_was_committed_since() {
        // given
        InMemoryVaultRepository repository = new InMemoryVaultRepository();
        repository.commit(Batch.builder().putEntry(ACME, entry("kept")).build());
        VaultState saved = repository.view();
        repository.commit(Batch.builder().deleteEntry(ACME, EntryKey.of("kept")).putEntry(ACME, entry("new")).build());

        // when
        repository.restore(saved);

        // then
        assertThat(repository.view()).isSameAs(saved);
        assertThat(repository.view().entry(ACME, EntryKey.of("kept"))).contains(entry("kept"));
        assertThat(repository.view().entry(ACME, EntryKey.of("new"))).isEmpty();
    }
}

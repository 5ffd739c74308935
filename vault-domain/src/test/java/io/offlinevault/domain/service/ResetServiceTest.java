package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.testing.TestEntries.draft;
import static io.offlinevault.domain.testing.TestEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.AccessDeniedException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.testing.Await;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResetServiceTest {
    private static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_" + "A".repeat(43));

    private final InMemoryVaultRepository repository =
            InMemoryVaultRepository.create(TokenService.firstCommit(ADMIN_TOKEN, 1L));
    private final TokenService tokens = new TokenService(repository, IdGenerator.secure(), Clock.system());
    private final VaultEntryService entries = new VaultEntryService(repository);

    @Test
    void reset_goes_back_to_the_state_the_service_saved_dropping_everything_since() {
        // given: a seeded vault, saved
        repository.commit(Batch.builder().putEntry(ACME, entry("seeded")).build());
        VaultState seeded = repository.view();
        ResetService reset = new ResetService(repository);
        // and changes since: an entry created, the seeded one deleted, a token created, the admin revoked
        entries.create(ADMIN, ACME, draft("created"));
        entries.delete(ADMIN, ACME, EntryKey.of("seeded"));
        String ci = tokens.create(ADMIN, "ci", Grant.everything()).token().reveal();
        tokens.revoke(ADMIN, "admin");

        // when
        reset.reset(tokens.authenticate(ci));

        // then
        assertThat(repository.view()).isSameAs(seeded);
        assertThat(tokens.authenticate(ADMIN_TOKEN.reveal()).name()).isEqualTo("admin");
        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.authenticate(ci));
        assertThat(repository.view().entry(ACME, EntryKey.of("seeded"))).contains(entry("seeded"));
        assertThat(repository.view().entry(ACME, EntryKey.of("created"))).isEmpty();
    }

    @Test
    void reset_needs_every_privilege_in_every_organization() {
        ResetService reset = new ResetService(repository);
        entries.create(ADMIN, ACME, draft("created"));
        Caller allPrivilegesInAcme = new Caller("acme-admin", Grant.of(Set.of(ACME), EnumSet.allOf(Privilege.class)));
        Caller viewEverywhere = new Caller("viewer", Grant.inAllOrganizations(EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));

        for (Caller caller : List.of(allPrivilegesInAcme, viewEverywhere)) {
            assertThatExceptionOfType(AccessDeniedException.class).as(caller.name())
                    .isThrownBy(() -> reset.reset(caller))
                    .withMessageContaining("may reset the vault");
        }
        assertThat(repository.view().entryCount(ACME)).isEqualTo(1);
    }

    @Test
    void a_commit_lands_wholly_before_or_wholly_after_a_reset() throws Exception {
        // given: writers that each commit a batch of two entries, over and over
        ResetService reset = new ResetService(repository);
        AtomicBoolean done = new AtomicBoolean();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String prefix = "w" + w + "-";
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; !done.get(); i++) {
                    repository.commit(Batch.builder().putEntry(ACME, entry(prefix + i + "-a"))
                            .putEntry(ACME, entry(prefix + i + "-b")).build());
                }
            }));
        }
        // when: resets while they write, each state seen between them holding whole batches only
        try {
            for (int r = 0; r < 200; r++) {
                reset.reset(ADMIN);
                assertThat(repository.view().entryCount(ACME) % 2).isZero();
            }
        } finally {
            done.set(true); // also when an assertion failed: the writers would run on for the rest of the JVM
        }
        Await.result("the writers, once told to stop", Await.PATIENCE,
                CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)));
        reset.reset(ADMIN);

        // then
        assertThat(repository.view().entryCount(ACME)).isZero();
        assertThat(repository.view().tokens()).extracting(record -> record.name()).containsExactly("admin");
    }
}

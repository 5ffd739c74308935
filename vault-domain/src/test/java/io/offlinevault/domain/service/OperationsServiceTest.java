package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.service.Fixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Maintenance;
import io.offlinevault.domain.testing.FakeMaintenance;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OperationsServiceTest {
    private final InMemoryVaultRepository repository = new InMemoryVaultRepository();

    @Test
    void info_counts_the_entries_and_snapshots_of_each_organization_and_says_where_the_store_stands() {
        // given
        VaultEntryService entries = new VaultEntryService(repository);
        entries.create(ADMIN, ACME, EntryDraft.empty().withKey("a").withValue("secret-a"));
        entries.create(ADMIN, ACME, EntryDraft.empty().withKey("b").withValue("secret-b"));
        entries.create(ADMIN, ORIGIN, EntryDraft.empty().withKey("c").withValue("secret-c"));
        new SnapshotService(repository, Clock.system(), IdGenerator.secure()).register(ADMIN, ACME,
                Fixtures.contentReferencing("a"), "");
        // when
        VaultInfo info = service(Optional.of(new FakeMaintenance())).info(ADMIN);
        // then
        assertThat(info.ephemeral()).isFalse();
        assertThat(info.version()).isEqualTo("1.2.3");
        assertThat(info.uptimeMillis()).isEqualTo(250);
        assertThat(info.store()).contains(new VaultInfo.StorePosition(4, 2));
        assertThat(info.organizations()).containsExactly(new VaultInfo.OrganizationSummary(ACME, 2, 1),
                new VaultInfo.OrganizationSummary(ORIGIN, 1, 0));
        assertThat(info.toString()).doesNotContain("secret");
    }

    @Test
    void an_ephemeral_vault_answers_info_and_nothing_that_needs_files() {
        OperationsService operations = service(Optional.empty());

        assertThat(operations.available()).isEmpty();
        assertThat(operations.info(ADMIN).ephemeral()).isTrue();
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.verify(ADMIN))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .withMessageContaining("ephemeral");
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.backup(ADMIN, "b"));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.rotate(ADMIN));
    }

    @Test
    void verify_backup_and_rotate_are_the_stores_own() {
        FakeMaintenance disk = new FakeMaintenance();
        OperationsService operations = service(Optional.of(disk));

        assertThat(operations.verify(ADMIN).previousIntact()).isFalse();
        assertThat(operations.backup(ADMIN, "/backups/monday").directory()).isEqualTo("/backups/monday");
        assertThat(operations.rotate(ADMIN)).isEqualTo(3);
        assertThat(disk.calls()).containsExactly("verify", "backup /backups/monday", "rotate");
    }

    @Test
    void a_store_without_a_place_for_backups_answers_404_for_a_backup_and_says_how_to_give_one() {
        FakeMaintenance disk = new FakeMaintenance(EnumSet.of(Operations.Operation.VERIFY, Operations.Operation.ROTATE));
        OperationsService operations = service(Optional.of(disk));

        assertThat(operations.available()).containsExactlyInAnyOrder(Operations.Operation.VERIFY,
                Operations.Operation.ROTATE);
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.backup(ADMIN, "b"))
                .withMessageContaining("serve --backup-dir DIR");
        assertThat(disk.calls()).isEmpty();
    }

    // Started at 1,000 ms; every later reading of the clock is 1,250 ms.
    private OperationsService service(Optional<Maintenance> maintenance) {
        AtomicLong now = new AtomicLong(1_000);
        OperationsService service = new OperationsService(repository, maintenance, "1.2.3", () -> now.get());
        now.set(1_250);
        return service;
    }
}

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
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Maintenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        VaultInfo info = new OperationsService(repository, Optional.of(new Disk())).info(ADMIN);
        // then
        assertThat(info.ephemeral()).isFalse();
        assertThat(info.store()).contains(new VaultInfo.StorePosition(7, 2));
        assertThat(info.organizations()).containsExactly(new VaultInfo.OrganizationSummary(ACME, 2, 1),
                new VaultInfo.OrganizationSummary(ORIGIN, 1, 0));
        assertThat(info.toString()).doesNotContain("secret");
    }

    @Test
    void an_ephemeral_vault_answers_info_and_nothing_that_needs_files() {
        OperationsService operations = new OperationsService(repository, Optional.empty());

        assertThat(operations.info(ADMIN).ephemeral()).isTrue();
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.verify(ADMIN))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .withMessageContaining("ephemeral");
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.backup(ADMIN, "b"));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> operations.rotate(ADMIN));
    }

    @Test
    void verify_backup_and_rotate_are_the_stores_own() {
        Disk disk = new Disk();
        OperationsService operations = new OperationsService(repository, Optional.of(disk));

        assertThat(operations.verify(ADMIN)).isEqualTo(new VerifyReport(List.of()));
        assertThat(operations.backup(ADMIN, "/backups/monday").directory()).isEqualTo("/backups/monday");
        assertThat(operations.rotate(ADMIN)).isEqualTo(3);
        assertThat(disk.calls).containsExactly("verify", "backup /backups/monday", "rotate");
    }

    /** A store on disk that answers with fixed values and notes what it was asked. */
    static final class Disk implements Maintenance {
        final List<String> calls = new ArrayList<>();

        @Override
        public VaultInfo.StorePosition position() {
            return new VaultInfo.StorePosition(7, 2);
        }

        @Override
        public VerifyReport verify() {
            calls.add("verify");
            return new VerifyReport(List.of());
        }

        @Override
        public BackupReport backup(String destination) {
            calls.add("backup " + destination);
            return new BackupReport(destination, 7, 0, 0, 1, 0, 100, Optional.empty());
        }

        @Override
        public int rotate() {
            calls.add("rotate");
            return 3;
        }
    }
}

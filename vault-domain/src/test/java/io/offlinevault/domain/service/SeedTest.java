package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.service.Fixtures.ORIGIN;
import static io.offlinevault.domain.service.Fixtures.contentReferencing;
import static io.offlinevault.domain.testing.TestEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.testing.FixedIdGenerator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedTest {
    private static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_" + "A".repeat(43));
    private static final SecretValue VIEWER_TOKEN = SecretValue.of("viewer-token-0123456789abcdefghijklmnop");
    private static final String SNAPSHOT_ID = "acme-" + "seed".repeat(6) + "aa";
    private static final Grant VIEW_ACME = Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW));

    private final InMemoryVaultRepository repository =
            InMemoryVaultRepository.create(TokenService.firstCommit(ADMIN_TOKEN, 1L));

    private static Seed seed() {
        return new Seed(List.of(
                new Seed.Organization(ACME, List.of(entry("db.password"), entry("api.key")), List.of(
                        new Seed.SnapshotSeed(Optional.of(SNAPSHOT_ID), "from the seed", contentReferencing("db.password")),
                        new Seed.SnapshotSeed(Optional.empty(), "", contentReferencing("api.key")))),
                new Seed.Organization(ORIGIN, List.of(entry("db.password")), List.of())),
                List.of(new Seed.Token("viewer", VIEW_ACME, VIEWER_TOKEN)));
    }

    @Test
    void the_batch_loads_entries_snapshots_and_tokens_as_the_api_stores_them() {
        // when
        repository.commit(seed().batch(42L, IdGenerator.secure()));

        // then: a seeded token authenticates like a created one, and its value is stored as a digest only
        TokenService tokens = new TokenService(repository, IdGenerator.secure(), Clock.system());
        assertThat(tokens.authenticate(VIEWER_TOKEN.reveal())).isEqualTo(new Caller("viewer", VIEW_ACME));
        assertThat(repository.view().token("viewer").orElseThrow().createdDate()).isEqualTo(42L);
        assertThat(repository.view().token("viewer").orElseThrow().toString()).doesNotContain(VIEWER_TOKEN.reveal());
        VaultEntryService entries = new VaultEntryService(repository);
        assertThat(entries.get(ADMIN, ACME, EntryKey.of("db.password"))).isEqualTo(entry("db.password"));
        assertThat(repository.view().entryCount(ACME)).isEqualTo(2);
        assertThat(repository.view().entryCount(ORIGIN)).isEqualTo(1);
        // and snapshots look registered: the chosen id or a new one, a completed CREATE_SNAPSHOT report
        SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());
        Snapshot chosen = snapshots.get(ADMIN, ACME, SNAPSHOT_ID);
        assertThat(chosen.createdBy()).isEqualTo(Seed.CREATED_BY);
        assertThat(chosen.developerNote()).isEqualTo("from the seed");
        assertThat(chosen.reports()).singleElement().satisfies(report -> {
            assertThat(report.type()).isEqualTo(ReportType.CREATE_SNAPSHOT);
            assertThat(report.id()).matches("acme-[a-z2-7]{26}");
        });
        assertThat(snapshots.content(ADMIN, ACME, SNAPSHOT_ID)).isEqualTo(contentReferencing("db.password"));
        assertThat(snapshots.list(ADMIN, ACME)).extracting(Snapshot::id)
                .contains(SNAPSHOT_ID)
                .anySatisfy(id -> assertThat(id).matches("acme-[a-z2-7]{26}").isNotEqualTo(SNAPSHOT_ID));
    }

    @Test
    void the_batch_overwrites_nothing_the_vault_already_holds() {
        // given: the viewer's value already taken by another token, under another name
        new TokenService(repository, new FixedIdGenerator(), Clock.system())
                .register(ADMIN, "other", VIEW_ACME, VIEWER_TOKEN);

        // when / then
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> repository.commit(seed().batch(42L, IdGenerator.secure())))
                .withMessageNotContaining(VIEWER_TOKEN.reveal());
        assertThat(repository.view().entryCount(ACME)).isZero();
        assertThat(repository.view().snapshots(ACME)).isEmpty();
    }

    @Test
    void a_seeded_token_follows_the_token_rules_and_cannot_be_the_admin() {
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> new Seed.Token("admin", VIEW_ACME, VIEWER_TOKEN))
                .withMessageContaining("the vault's own admin token");
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> new Seed.Token("has space", VIEW_ACME, VIEWER_TOKEN));
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> new Seed.Token("viewer", VIEW_ACME, SecretValue.of("short-but-secret")))
                .withMessageNotContaining("short-but-secret");
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> new Seed.Token("viewer", Grant.of(Set.of(), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)),
                        VIEWER_TOKEN));
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> new Seed.Token("viewer", Grant.inAllOrganizations(Set.of()), VIEWER_TOKEN));
    }

    @Test
    void a_chosen_snapshot_id_has_the_shape_of_the_servers_ids_in_its_own_organization() {
        Seed.checkSnapshotId(ACME, SNAPSHOT_ID);

        for (String bad : List.of("acme-short", "origin-" + "a".repeat(26), "acme-" + "A".repeat(26), "acme-" + "1".repeat(26))) {
            assertThatExceptionOfType(InvalidParameterException.class).as(bad)
                    .isThrownBy(() -> Seed.checkSnapshotId(ACME, bad));
        }
        assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> new Seed.Organization(ACME,
                List.of(), List.of(new Seed.SnapshotSeed(Optional.of("acme-bad"), "", contentReferencing()))));
    }

    @Test
    void a_seed_never_names_one_thing_twice() {
        Seed.Token viewer = new Seed.Token("viewer", VIEW_ACME, VIEWER_TOKEN);
        Seed.Token sameValue = new Seed.Token("viewer2", VIEW_ACME, VIEWER_TOKEN);
        Seed.Organization acme = new Seed.Organization(ACME, List.of(), List.of());

        assertThatIllegalArgumentException().isThrownBy(() -> new Seed(List.of(), List.of(viewer, viewer)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Seed(List.of(), List.of(viewer, sameValue)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Seed(List.of(acme, acme), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Seed.Organization(ACME,
                List.of(entry("k"), entry("k")), List.of()));
    }
}

package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static io.offlinevault.domain.service.Fixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.AccessDeniedException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.DeletionScope;
import io.offlinevault.domain.testing.FakeMaintenance;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every use case x every privilege x own or other organization: allowed exactly where the rules say. */
class AccessMatrixTest {
    private static final OrganizationId OTHER = OrganizationId.of("other");

    /** A use case run by a caller against an organization, on a vault prepared by {@link World}. */
    private record UseCase(String name, Set<Privilege> required, BiConsumer<World, Caller> run) {
        UseCase(String name, Privilege required, BiConsumer<World, Caller> run) {
            this(name, EnumSet.of(required), run);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A fresh vault with one entry "k" and one snapshot referencing it, in {@code acme}. */
    private static final class World {
        final InMemoryVaultRepository repository = new InMemoryVaultRepository();
        final VaultEntryService entries = new VaultEntryService(repository);
        final SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());
        final String snapshotId;

        World() {
            entries.create(ADMIN, ACME, EntryDraft.empty().withKey("k").withValue("v"));
            snapshotId = snapshots.register(ADMIN, ACME, Fixtures.contentReferencing("k"), "").id();
        }
    }

    private static final List<UseCase> USE_CASES = List.of(
            new UseCase("entry create", Privilege.VAULT_ENTRY_CREATE,
                    (w, c) -> w.entries.create(c, ACME, EntryDraft.empty().withKey("new").withValue("v"))),
            new UseCase("entry get", Privilege.VAULT_ENTRY_VIEW, (w, c) -> w.entries.get(c, ACME, EntryKey.of("k"))),
            new UseCase("entry replace", Privilege.VAULT_ENTRY_EDIT,
                    (w, c) -> w.entries.replace(c, ACME, EntryKey.of("k"), EntryDraft.empty().withValue("w"))),
            new UseCase("entry rename", EnumSet.of(Privilege.VAULT_ENTRY_EDIT, Privilege.VAULT_ENTRY_CREATE),
                    (w, c) -> w.entries.rename(c, ACME, EntryKey.of("k"), "renamed")),
            new UseCase("entry delete", Privilege.VAULT_ENTRY_EDIT, (w, c) -> w.entries.delete(c, ACME, EntryKey.of("k"))),
            new UseCase("entry list", Privilege.VAULT_ENTRY_VIEW, (w, c) -> w.entries.list(c, ACME, PageRequest.first())),
            new UseCase("entry missing", Privilege.VAULT_ENTRY_VIEW, (w, c) -> w.entries.missing(c, ACME, w.snapshotId)),
            new UseCase("snapshot register", Privilege.SNAPSHOTS_CREATE,
                    (w, c) -> w.snapshots.register(c, ACME, Fixtures.contentReferencing("x"), "note")),
            new UseCase("snapshot get", Privilege.SNAPSHOTS_VIEW, (w, c) -> w.snapshots.get(c, ACME, w.snapshotId)),
            new UseCase("snapshot list", Privilege.SNAPSHOTS_VIEW, (w, c) -> w.snapshots.list(c, ACME)),
            new UseCase("snapshot content", Privilege.SNAPSHOTS_VIEW, (w, c) -> w.snapshots.content(c, ACME, w.snapshotId)),
            new UseCase("snapshot delete", Privilege.SNAPSHOTS_EDIT, (w, c) -> w.snapshots.delete(c, ACME, w.snapshotId)),
            new UseCase("snapshot dry run", Privilege.SNAPSHOTS_EDIT,
                    (w, c) -> w.snapshots.dryRun(c, ACME, w.snapshotId, DeletionOptions.keepMissing())),
            new UseCase("snapshot apply", Privilege.SNAPSHOTS_EDIT,
                    (w, c) -> w.snapshots.apply(c, ACME, w.snapshotId, DeletionOptions.deleteMissing(
                            DeletionScope.ALL_MANAGED_RESOURCES))),
            new UseCase("entry import, create only", Privilege.VAULT_ENTRY_CREATE,
                    (w, c) -> w.entries.importEntries(c, ACME, List.of(EntryDraft.empty().withKey("new").withValue("v")),
                            ImportMode.CREATE_ONLY)),
            new UseCase("entry import, upsert", EnumSet.of(Privilege.VAULT_ENTRY_CREATE, Privilege.VAULT_ENTRY_EDIT),
                    (w, c) -> w.entries.importEntries(c, ACME, List.of(EntryDraft.empty().withKey("k").withValue("w")),
                            ImportMode.UPSERT)),
            new UseCase("entries scoped to an extension", Privilege.VAULT_ENTRY_VIEW,
                    (w, c) -> w.entries.scopedTo(c, ACME, new Scope("ext", ResourceType.EXTENSION))),
            new UseCase("snapshot check", EnumSet.of(Privilege.SNAPSHOTS_VIEW, Privilege.VAULT_ENTRY_VIEW),
                    (w, c) -> w.snapshots.check(c, ACME, Fixtures.contentReferencing("k", "K"))));

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (UseCase useCase : USE_CASES) {
            List<Set<Privilege>> grants = new ArrayList<>();
            for (Privilege privilege : Privilege.values()) {
                grants.add(EnumSet.of(privilege));
            }
            for (Privilege left : useCase.required()) {
                // every other privilege: each required one is really needed
                grants.add(EnumSet.complementOf(EnumSet.of(left)));
                if (useCase.required().size() > 1) {
                    Set<Privilege> allButOne = EnumSet.copyOf(useCase.required());
                    allButOne.remove(left);
                    grants.add(allButOne);
                }
            }
            if (useCase.required().size() > 1) {
                grants.add(EnumSet.copyOf(useCase.required()));
            }
            for (Set<Privilege> held : grants) {
                rows.add(Arguments.of(useCase, held, true));
                rows.add(Arguments.of(useCase, held, false));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} with {1}, own organization: {2}")
    @MethodSource("matrix")
    void a_use_case_is_allowed_only_with_its_privileges_in_the_callers_organization(UseCase useCase,
                                                                                   Set<Privilege> held,
                                                                                   boolean ownOrganization) {
        World world = new World();
        Caller caller = new Caller("limited", Grant.of(Set.of(ownOrganization ? ACME : OTHER), held));

        if (ownOrganization && held.containsAll(useCase.required())) {
            assertThatCode(() -> useCase.run().accept(world, caller)).doesNotThrowAnyException();
        } else {
            assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> useCase.run().accept(world, caller));
        }
    }

    static Stream<Arguments> fetchGrants() {
        Set<Privilege> both = EnumSet.of(Privilege.VAULT_ENTRY_EDIT, Privilege.VAULT_ENTRY_VIEW);
        return Stream.of(
                Arguments.of(Grant.of(Set.of(ACME, ORIGIN), both), true),
                Arguments.of(Grant.of(Set.of(ACME), both), false),
                Arguments.of(Grant.of(Set.of(ORIGIN), both), false),
                Arguments.of(Grant.of(Set.of(ACME, ORIGIN), EnumSet.of(Privilege.VAULT_ENTRY_EDIT)), false),
                Arguments.of(Grant.of(Set.of(ACME, ORIGIN), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)), false),
                Arguments.of(Grant.of(Set.of(ACME, ORIGIN), EnumSet.complementOf(EnumSet.copyOf(both))), false));
    }

    @ParameterizedTest
    @MethodSource("fetchGrants")
    void fetch_needs_edit_in_the_destination_and_view_in_the_source(Grant grant, boolean allowed) {
        World world = new World();
        Caller caller = new Caller("limited", grant);
        FetchRequest request = new FetchRequest(ORIGIN, world.snapshotId, FetchStrategy.ONLY_MISSING, false);

        if (allowed) {
            assertThatCode(() -> world.entries.fetch(caller, ACME, request)).doesNotThrowAnyException();
        } else {
            assertThatExceptionOfType(AccessDeniedException.class)
                    .isThrownBy(() -> world.entries.fetch(caller, ACME, request));
        }
    }

    static Stream<Arguments> tokenCallers() {
        return Stream.of(
                Arguments.of(ADMIN, true),
                Arguments.of(new Caller("all-orgs-view", Grant.inAllOrganizations(EnumSet.of(Privilege.VAULT_ENTRY_VIEW))), false),
                Arguments.of(new Caller("one-org-all", Grant.of(Set.of(ACME), EnumSet.allOf(Privilege.class))), false));
    }

    @ParameterizedTest
    @MethodSource("tokenCallers")
    void only_a_caller_holding_everything_operates_the_vault(Caller caller, boolean allowed) {
        World world = new World();
        Operations operations = new OperationsService(world.repository, Optional.of(new FakeMaintenance()),
                "test", Clock.system());
        List<ThrowingCallable> calls = List.of(() -> operations.info(caller), () -> operations.verify(caller),
                () -> operations.backup(caller, "b"), () -> operations.rotate(caller));
        for (ThrowingCallable call : calls) {
            if (allowed) {
                assertThatCode(call).doesNotThrowAnyException();
            } else {
                assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(call);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tokenCallers")
    void only_a_caller_holding_everything_lists_and_revokes_tokens(Caller caller, boolean allowed) {
        World world = new World();
        TokenService tokens = new TokenService(world.repository, IdGenerator.secure(), Clock.system());
        tokens.create(ADMIN, "victim", Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));

        if (allowed) {
            assertThatCode(() -> tokens.list(caller)).doesNotThrowAnyException();
            assertThatCode(() -> tokens.revoke(caller, "victim")).doesNotThrowAnyException();
        } else {
            assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> tokens.list(caller));
            assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> tokens.revoke(caller, "victim"));
        }
    }

    @ParameterizedTest
    @MethodSource("tokenCallers")
    void a_token_can_only_grant_what_its_creator_holds(Caller caller, boolean holdsEverything) {
        World world = new World();
        TokenService tokens = new TokenService(world.repository, IdGenerator.secure(), Clock.system());
        Grant narrow = Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW));

        assertThatCode(() -> tokens.create(caller, "narrow", narrow)).doesNotThrowAnyException();
        if (holdsEverything) {
            assertThatCode(() -> tokens.register(caller, "wide", Grant.everything(),
                    SecretValue.of("x".repeat(40)))).doesNotThrowAnyException();
        } else {
            assertThatExceptionOfType(AccessDeniedException.class)
                    .isThrownBy(() -> tokens.create(caller, "wide", Grant.everything()));
        }
    }
}

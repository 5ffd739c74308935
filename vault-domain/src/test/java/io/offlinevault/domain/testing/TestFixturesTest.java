package io.offlinevault.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.Visibility;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestFixturesTest {
    @Test
    void fixed_id_generator_gives_distinct_well_formed_ids_in_a_repeatable_order() {
        FixedIdGenerator generator = new FixedIdGenerator();

        List<String> ids = IntStream.range(0, 100).mapToObj(i -> generator.newId()).toList();

        assertThat(ids).allMatch(id -> id.matches("[a-z2-7]{26}")).doesNotHaveDuplicates();
        assertThat(ids.get(0)).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaab").isEqualTo(FixedIdGenerator.nthId(1));
        assertThat(ids.get(99)).isEqualTo(FixedIdGenerator.nthId(100));
        assertThat(new FixedIdGenerator().newId()).isEqualTo(ids.get(0));
    }

    @Test
    void fixed_id_generator_gives_distinct_well_formed_tokens() {
        FixedIdGenerator generator = new FixedIdGenerator();

        List<String> tokens = IntStream.range(0, 100).mapToObj(i -> generator.newToken()).map(SecretValue::reveal).toList();

        assertThat(tokens).allMatch(token -> token.matches("ovt_[A-Za-z0-9_-]{43}")).doesNotHaveDuplicates();
        assertThat(new FixedIdGenerator().newToken().reveal()).isEqualTo(tokens.get(0));
    }

    @Test
    void fixed_clock_moves_only_when_told() {
        FixedClock clock = FixedClock.at(1_000L);

        assertThat(clock.millis()).isEqualTo(1_000L);
        assertThat(clock.advance(500L)).isEqualTo(1_500L);
        clock.set(42L);
        assertThat(clock.millis()).isEqualTo(42L);
        assertThat(new FixedClock().millis()).isEqualTo(FixedClock.DEFAULT_START);
    }

    @Test
    void test_callers_hold_what_they_are_given() {
        OrganizationId acme = OrganizationId.of("acme");
        OrganizationId globex = OrganizationId.of("globex");

        assertThat(TestCallers.admin().holds(globex, Privilege.SNAPSHOTS_EDIT)).isTrue();
        assertThat(TestCallers.in("acme", Privilege.VAULT_ENTRY_VIEW).holds(acme, Privilege.VAULT_ENTRY_VIEW)).isTrue();
        assertThat(TestCallers.in("acme", Privilege.VAULT_ENTRY_VIEW).holds(acme, Privilege.VAULT_ENTRY_EDIT)).isFalse();
        assertThat(TestCallers.in("acme", Privilege.VAULT_ENTRY_VIEW).holds(globex, Privilege.VAULT_ENTRY_VIEW)).isFalse();
        assertThat(TestCallers.with(Set.of(Privilege.SNAPSHOTS_VIEW), "acme", "globex").holds(globex, Privilege.SNAPSHOTS_VIEW))
                .isTrue();
        assertThat(TestCallers.with(Set.of()).holds(acme, Privilege.VAULT_ENTRY_VIEW)).isFalse();
        assertThat(TestCallers.everywhere(Privilege.VAULT_ENTRY_VIEW).holds(globex, Privilege.VAULT_ENTRY_VIEW)).isTrue();
    }

    @Test
    void test_entries_derive_their_value_from_the_key() {
        assertThat(TestEntries.entry("db.password").value().reveal()).isEqualTo("value-of-db.password");
        assertThat(TestEntries.entry("k", "v", Visibility.PUBLIC).isPublic()).isTrue();
        assertThat(TestEntries.draft("k").key()).isEqualTo("k");
        assertThat(TestEntries.draft("k").value()).isEqualTo(TestEntries.valueOf("k"));
    }
}

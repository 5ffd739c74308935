package io.offlinevault.domain.service;

import static io.offlinevault.domain.service.Fixtures.ACME;
import static io.offlinevault.domain.service.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.error.LastAdminTokenException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
    private static final SecretValue ADMIN_TOKEN = SecretValue.of("ovt_" + "A".repeat(43));

    private final InMemoryVaultRepository repository =
            InMemoryVaultRepository.create(TokenService.firstCommit(ADMIN_TOKEN, 1_000L));
    private final TokenService tokens = new TokenService(repository, IdGenerator.secure(), Clock.system());

    @Test
    void the_first_commit_holds_an_admin_token_with_every_privilege() {
        Caller admin = tokens.authenticate(ADMIN_TOKEN.reveal());

        assertThat(admin.name()).isEqualTo("admin");
        assertThat(admin.grant()).isEqualTo(Grant.everything());
        assertThat(repository.view().token("admin")).get().extracting(r -> r.createdDate()).isEqualTo(1_000L);
    }

    @Test
    void a_created_token_is_shown_once_in_the_generated_shape_and_authenticates() {
        Grant grant = Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW));

        IssuedToken issued = tokens.create(ADMIN, "ci-bot", grant);

        assertThat(issued.token().reveal()).matches("ovt_[A-Za-z0-9_-]{43}");
        assertThat(tokens.authenticate(issued.token().reveal())).isEqualTo(new Caller("ci-bot", grant));
        assertThat(issued.toString()).doesNotContain(issued.token().reveal());
        assertThat(repository.view().token("ci-bot").orElseThrow().toString()).doesNotContain(issued.token().reveal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ovt_unknown-token-value-that-is-long-enough"})
    void an_absent_or_unknown_token_is_refused(String token) {
        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.authenticate(token));
    }

    @Test
    void a_null_token_is_refused() {
        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.authenticate(null));
    }

    @Test
    void a_revoked_token_no_longer_authenticates() {
        IssuedToken issued = tokens.create(ADMIN, "temp", Grant.of(Set.of(ACME), EnumSet.of(Privilege.SNAPSHOTS_VIEW)));

        tokens.revoke(ADMIN, "temp");

        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.authenticate(issued.token().reveal()));
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> tokens.revoke(ADMIN, "temp"));
    }

    @Test
    void a_second_token_of_the_same_name_is_a_conflict() {
        tokens.create(ADMIN, "twice", Grant.everything());

        assertThatExceptionOfType(AlreadyExistsException.class).isThrownBy(() -> tokens.create(ADMIN, "twice", Grant.everything()));
    }

    @Test
    void a_supplied_token_value_already_in_use_is_a_conflict_that_does_not_name_the_holder() {
        assertThatExceptionOfType(AlreadyExistsException.class)
                .isThrownBy(() -> tokens.register(ADMIN, "copycat", Grant.everything(), ADMIN_TOKEN))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("admin").doesNotContain(ADMIN_TOKEN.reveal()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has a space in it but is long enough to pass", "tab\tseparated-value-long-enough-to-pass"})
    void a_supplied_token_must_be_32_printable_characters_without_spaces(String value) {
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> tokens.register(ADMIN, "supplied", Grant.everything(), SecretValue.of(value)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading", "with space", "ünïcode"})
    void a_token_name_must_be_simple(String name) {
        assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> tokens.create(ADMIN, name, Grant.everything()));
    }

    @Test
    void the_last_token_with_every_privilege_everywhere_cannot_be_revoked() {
        // given: admin tokens that fall short of everything do not count
        tokens.create(ADMIN, "acme-admin", Grant.of(Set.of(ACME), EnumSet.allOf(Privilege.class)));
        tokens.create(ADMIN, "reader-everywhere", Grant.inAllOrganizations(EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));

        // when / then
        assertThatExceptionOfType(LastAdminTokenException.class)
                .isThrownBy(() -> tokens.revoke(ADMIN, "admin"))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.LAST_ADMIN_TOKEN))
                .withMessageContaining("'admin' is the last one with every privilege in every organization");
        assertThat(tokens.authenticate(ADMIN_TOKEN.reveal()).name()).isEqualTo("admin");
    }

    @Test
    void an_admin_token_is_revoked_while_another_remains_and_then_the_other_is_the_last() {
        // given
        IssuedToken second = tokens.create(ADMIN, "second-admin", Grant.everything());

        // when
        tokens.revoke(ADMIN, "admin");

        // then
        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.authenticate(ADMIN_TOKEN.reveal()));
        Caller remaining = tokens.authenticate(second.token().reveal());
        assertThatExceptionOfType(LastAdminTokenException.class).isThrownBy(() -> tokens.revoke(remaining, "second-admin"));
    }

    @Test
    void a_token_short_of_everything_is_revoked_even_when_it_is_the_only_other_token() {
        tokens.create(ADMIN, "viewer", Grant.of(Set.of(ACME), EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));

        tokens.revoke(ADMIN, "viewer");

        assertThat(tokens.list(ADMIN)).extracting(r -> r.name()).containsExactly("admin");
    }

    @Test
    void tokens_are_listed_by_name() {
        tokens.create(ADMIN, "zulu", Grant.everything());
        tokens.create(ADMIN, "alpha", Grant.everything());

        assertThat(tokens.list(ADMIN)).extracting(r -> r.name()).containsExactly("admin", "alpha", "zulu");
    }
}

package io.offlinevault.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.InvalidTokenDraftException;
import io.offlinevault.domain.error.Violation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenDraftTest {
    private static final String VALUE = "test-viewer-token-0123456789abcdefghij";
    private static final String PRIVILEGES = "VAULT_ENTRY:VIEW, VAULT_ENTRY:EDIT, VAULT_ENTRY:CREATE, SNAPSHOTS:VIEW,"
            + " SNAPSHOTS:EDIT, SNAPSHOTS:CREATE";

    private static Map<String, Object> body(Object... fieldsAndValues) {
        Map<String, Object> json = new HashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            json.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return json;
    }

    private static List<Violation> violations(Map<String, Object> json, TokenDraft.Origin origin) {
        try {
            TokenDraft.parse(json, origin);
        } catch (InvalidTokenDraftException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            return e.violations();
        }
        throw new AssertionError("the body was accepted");
    }

    @Test
    void a_body_naming_organizations_reads_into_a_draft_without_a_value() {
        TokenDraft draft = TokenDraft.parse(body("name", "viewer", "privileges", List.of("vault_entry:view",
                "SNAPSHOTS:VIEW"), "organizations", List.of("acme", "beta"), "unknown", 1));

        assertThat(draft).isEqualTo(new TokenDraft("viewer", Grant.of(Set.of(OrganizationId.of("acme"),
                OrganizationId.of("beta")), EnumSet.of(Privilege.VAULT_ENTRY_VIEW, Privilege.SNAPSHOTS_VIEW)),
                Optional.empty()));
    }

    @Test
    void a_body_with_all_organizations_and_a_value_reads_with_the_value_but_never_prints_it() {
        TokenDraft draft = TokenDraft.parse(body("name", "ci", "privileges", List.of("SNAPSHOTS:EDIT"),
                "allOrganizations", true, "organizations", null, "value", VALUE), TokenDraft.Origin.SEED);

        assertThat(draft.grant()).isEqualTo(Grant.inAllOrganizations(EnumSet.of(Privilege.SNAPSHOTS_EDIT)));
        assertThat(draft.value()).contains(SecretValue.of(VALUE));
        assertThat(draft.toString()).doesNotContain(VALUE);
    }

    @Test
    void an_empty_body_reports_name_privileges_and_organizations_and_the_seed_also_wants_a_value() {
        assertThat(violations(body(), TokenDraft.Origin.REQUEST)).extracting(Violation::field)
                .containsExactly("name", "privileges", "organizations");
        assertThat(violations(body(), TokenDraft.Origin.SEED)).extracting(Violation::field, Violation::code)
                .containsExactly(
                        tuple("name", "name.required"),
                        tuple("value", "value.required"),
                        tuple("privileges", "privileges.required"),
                        tuple("organizations", "organizations.required"));
    }

    @Test
    void every_problem_is_reported_with_its_relative_field_and_the_seed_files_words_and_no_value() {
        // given: every field wrong at once
        Map<String, Object> json = body("name", "-bad", "value", "short-secret",
                "privileges", Arrays.asList("VAULT_ENTRY:VIEW", "VAULT_ENTRY:READ", 7),
                "organizations", Arrays.asList("acme", "bad org!", null));

        // when
        List<Violation> violations = violations(json, TokenDraft.Origin.REQUEST);

        // then
        assertThat(violations).extracting(v -> v.field() + ": " + v.message()).containsExactly(
                "name: A token name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or a digit.",
                "value: A token must be 32 to 512 printable ASCII characters without spaces.",
                "privileges[1]: is not a privilege: use DOMAIN:LEVEL, one of " + PRIVILEGES + " (any case)",
                "privileges[2]: is not a privilege: use DOMAIN:LEVEL, one of " + PRIVILEGES + " (any case)",
                "organizations[1]: is not an organization id: 1 to 128 letters, digits, '_' or '-', starting with a"
                        + " letter or a digit",
                "organizations[2]: is required: an organization id");
        assertThat(violations).extracting(Violation::code).containsExactly("name.invalid", "value.invalid",
                "privileges.invalid", "privileges.invalid", "organizations.invalid", "organizations.required");
        assertThat(violations.toString()).doesNotContain("short-secret");
    }

    @Test
    void the_exception_message_lists_every_problem_and_never_the_value() {
        assertThatExceptionOfType(InvalidTokenDraftException.class)
                .isThrownBy(() -> TokenDraft.parse(body("name", 3, "value", "tiny secret", "privileges", "ALL",
                        "organizations", "acme")))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("The token is invalid (4 problems): name: must be"
                        + " a string; value: A token must be 32 to 512 printable ASCII characters without spaces;"
                        + " privileges: must be a JSON array; organizations: must be a JSON array."))
                .extracting(InvalidTokenDraftException::violations, list(Violation.class))
                .hasSize(4);
    }

    @Test
    void organizations_and_all_organizations_exclude_each_other_and_all_organizations_is_a_boolean() {
        assertThat(violations(body("name", "x", "privileges", List.of("SNAPSHOTS:VIEW"), "allOrganizations", true,
                "organizations", List.of("acme")), TokenDraft.Origin.REQUEST))
                .containsExactly(new Violation("", "organizations.conflict", "has both organizations and"
                        + " allOrganizations: name the organizations, or set allOrganizations alone"));
        assertThat(violations(body("name", "x", "privileges", List.of(), "allOrganizations", "yes"),
                TokenDraft.Origin.REQUEST)).extracting(Violation::field)
                .containsExactly("privileges", "allOrganizations");
        assertThat(violations(body("name", "x", "privileges", List.of("SNAPSHOTS:VIEW"), "allOrganizations", false,
                "organizations", List.of()), TokenDraft.Origin.REQUEST)).extracting(Violation::code)
                .containsExactly("organizations.required");
    }

    @Test
    void admin_is_a_name_the_seed_keeps_for_the_vaults_own_token_but_a_request_may_use() {
        Map<String, Object> json = body("name", "admin", "privileges", List.of("SNAPSHOTS:VIEW"), "allOrganizations",
                true, "value", VALUE);

        assertThat(TokenDraft.parse(json).name()).isEqualTo("admin");
        assertThat(violations(json, TokenDraft.Origin.SEED)).extracting(Violation::code).containsExactly("name.reserved");
    }

    @Test
    void a_draft_is_valid_by_construction() {
        assertThatExceptionOfType(InvalidTokenDraftException.class)
                .isThrownBy(() -> new TokenDraft("ok", Grant.of(Set.of(), Set.of()), Optional.of(SecretValue.of("x"))))
                .extracting(InvalidTokenDraftException::violations, list(Violation.class))
                .extracting(Violation::code)
                .containsExactly("value.invalid", "privileges.required", "organizations.required");
    }
}

package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The platform routes of API.md section 4, without a socket. */
class PlatformRoutesTest {
    private static final String BOUNDARY = "----formdata-undici-0123456789";
    private final Api api = new Api();

    private static byte[] multipartToken(String token) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + token + "\r\n--"
                + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void organizations_lists_those_holding_data_or_named_on_the_token_that_it_may_see() {
        api.entries.create(Caller.owner(), OrganizationId.of("zeta"), EntryDraft.empty().withKey("k").withValue("v"));
        api.entries.create(Caller.owner(), OrganizationId.of("hidden"), EntryDraft.empty().withKey("k").withValue("v"));
        String limited = api.token("limited", Grant.of(Set.of(OrganizationId.of("zeta"), OrganizationId.of("alpha")),
                EnumSet.of(Privilege.VAULT_ENTRY_VIEW)));

        Api.Answer admin = api.admin("GET", "/rest/organizations", null);
        Api.Answer answer = api.call("GET", "/rest/organizations", limited, null);

        assertThat(admin.json()).isEqualTo(List.of(Map.of("id", "hidden", "displayName", "hidden"),
                Map.of("id", "zeta", "displayName", "zeta")));
        assertThat(answer.json()).isEqualTo(List.of(Map.of("id", "alpha", "displayName", "alpha"),
                Map.of("id", "zeta", "displayName", "zeta")));
    }

    @Test
    void check_token_reads_the_multipart_field_as_platform_client_sends_it() {
        String other = api.token("ci-bot", Grant.everything());

        Api.Answer answer = api.call("POST", "/oauth/check_token", Api.ADMIN_TOKEN, multipartToken(other),
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("valid", true).containsEntry("authentication", Map.of("name", "ci-bot"));
        assertThat(answer.text()).doesNotContain(other);
    }

    @Test
    void check_token_accepts_a_urlencoded_form() {
        Api.Answer answer = api.call("POST", "/oauth/check_token", Api.ADMIN_TOKEN,
                ("token=" + Api.ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("authentication", Map.of("name", "admin"));
    }

    @Test
    void check_token_with_a_missing_or_unknown_token_field_is_400() {
        Api.Answer unknown = api.call("POST", "/oauth/check_token", Api.ADMIN_TOKEN, multipartToken("ovt_S3NT1NEL-unknown"),
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
        Api.Answer missing = api.call("POST", "/oauth/check_token", Api.ADMIN_TOKEN, "x=1".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        Api.Answer noBearer = api.call("POST", "/oauth/check_token", null, multipartToken(Api.ADMIN_TOKEN),
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.object()).containsEntry("errorCode", "INVALID_PARAMETER");
        assertThat(unknown.text()).doesNotContain("S3NT1NEL");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(noBearer.status()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource({"LINK,EDIT,SNAPSHOTS_EDIT,true", "LINK,VIEW,SNAPSHOTS_EDIT,true", "LINK,EDIT,SNAPSHOTS_VIEW,false",
            "VAULT_ENTRY,VIEW,VAULT_ENTRY_VIEW,true", "VAULT_ENTRY,EDIT,VAULT_ENTRY_VIEW,false",
            "SOURCE,EDIT,SNAPSHOTS_EDIT,false"})
    void privilege_evaluate_approves_link_with_snapshots_edit(String domain, String type, Privilege held, boolean approved) {
        String token = api.token("t", Grant.of(Set.of(OrganizationId.of("acme")), EnumSet.of(held)));

        Api.Answer answer = api.call("POST", "/rest/privilege/evaluate", token, """
                {"requestedPrivilege": {"owner": "PLATFORM", "targetDomain": "%s", "targetId": "*", "type": "%s"},
                 "organizationId": "acme"}""".formatted(domain, type));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).isEqualTo(Map.of("approved", approved));
    }

    @Test
    void privilege_evaluate_with_a_malformed_body_is_400_invalid_json() {
        assertThat(api.admin("POST", "/rest/privilege/evaluate", "{\"organizationId\": \"acme\"}").object())
                .containsEntry("errorCode", "INVALID_JSON");
        assertThat(api.admin("POST", "/rest/privilege/evaluate", "nope").object()).containsEntry("errorCode", "INVALID_JSON");
    }
}

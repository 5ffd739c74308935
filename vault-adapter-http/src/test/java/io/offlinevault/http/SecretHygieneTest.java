package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sentinel secret stored as STRICT and OBFUSCATED, every route and error path exercised, by the
 * admin and by a token that may only edit: the sentinel never appears in a response or a log line,
 * and an edit token learns nothing about a value it cannot read.
 */
class SecretHygieneTest {
    private static final String SENTINEL = "S3NT1NEL-9d2f";
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";

    @Test
    void no_response_and_no_log_line_ever_holds_a_non_public_value() {
        Api api = new Api();
        List<Api.Answer> answers = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            // given
            answers.add(api.admin("POST", ENTRIES, "{\"key\": \"strict\", \"value\": \"" + SENTINEL + "\"}"));
            answers.add(api.admin("POST", ENTRIES, "{\"key\": \"obfuscated\", \"value\": \"" + SENTINEL
                    + "\", \"vaultVisibilityType\": \"OBFUSCATED\"}"));
            answers.add(api.admin("POST", "/rest/organizations/origin/vaultentries", "{\"key\": \"strict\", \"value\": \""
                    + SENTINEL + "\"}"));
            String editor = api.token("editor", Grant.of(Set.of(OrganizationId.of("acme"), OrganizationId.of("origin")),
                    EnumSet.of(Privilege.VAULT_ENTRY_EDIT, Privilege.VAULT_ENTRY_VIEW)));
            String snapshot = api.snapshots.register(Caller.owner(), OrganizationId.of("acme"), SnapshotContentReader.read(
                    Map.of("resources", Map.of("SOURCE", List.of(Map.of("resourceName", "s", "model",
                            Map.of("a", "{{ VAULT.strict }}", "b", "{{ VAULT.obfuscated }}"))))), "t.json"), "").id();
            // when every route and error path runs
            for (String token : List.of(Api.ADMIN_TOKEN, editor)) {
                answers.add(api.call("GET", ENTRIES, token, null));
                answers.add(api.call("GET", ENTRIES + "?pageSize=1", token, null));
                answers.add(api.call("GET", ENTRIES + "/strict", token, null));
                answers.add(api.call("GET", ENTRIES + "/obfuscated", token, null));
                answers.add(api.call("PUT", ENTRIES + "/strict", token, "{\"scopes\": []}"));
                answers.add(api.call("PUT", ENTRIES + "/strict", token, "{\"vaultVisibilityType\": \"PUBLIC\"}"));
                answers.add(api.call("PUT", ENTRIES + "/strict", token, "{\"sensitive\": false}"));
                answers.add(api.call("PUT", ENTRIES + "/strict", token, "{\"valueType\": \"INTEGER\"}"));
                answers.add(api.call("PUT", ENTRIES + "/obfuscated", token, "{\"valueType\": \"BOOLEAN\"}"));
                answers.add(api.call("PUT", ENTRIES + "/strict", token, "{\"key\": \"other\"}"));
                answers.add(api.call("POST", ENTRIES, token, "{\"key\": \"strict\", \"value\": \"x\"}"));
                answers.add(api.call("POST", ENTRIES, token, "{\"key\": \"typed\", \"value\": \"" + SENTINEL
                        + "\", \"valueType\": \"INTEGER\"}"));
                answers.add(api.call("PUT", ENTRIES + "/fetch?sourceOrganizationId=origin&referenceSnapshotId=" + snapshot
                        + "&fetchStrategy=OVERWRITE&dryRun=true", token, "{}"));
                answers.add(api.call("PUT", ENTRIES + "/fetch?sourceOrganizationId=origin&referenceSnapshotId=" + snapshot
                        + "&fetchStrategy=OVERWRITE", token, "{}"));
                answers.add(api.call("GET", ENTRIES + "/missing?snapshotId=" + snapshot, token, null));
                answers.add(api.call("POST", ENTRIES, token, "{\"key\": \"k\", \"value\": \"" + SENTINEL + "\""));
            }
            // then
            for (Api.Answer answer : answers) {
                assertThat(answer.text()).doesNotContain(SENTINEL);
                assertThat(answer.headers().toString()).doesNotContain(SENTINEL);
                assertThat(answer.status()).isLessThan(500);
            }
            assertThat(logs.count()).isPositive();
            assertThat(logs.text()).doesNotContain(SENTINEL).doesNotContain(Api.ADMIN_TOKEN).doesNotContain(editor);
        }
    }

    @Test
    void an_edit_token_cannot_make_a_value_readable_or_probe_its_type_without_sending_a_value() {
        Api api = new Api();
        api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"12\"}");
        String editor = api.token("editor", Grant.of(Set.of(OrganizationId.of("acme")), EnumSet.of(Privilege.VAULT_ENTRY_EDIT)));

        Api.Answer toPublic = api.call("PUT", ENTRIES + "/k", editor, "{\"vaultVisibilityType\": \"PUBLIC\"}");
        Api.Answer toObfuscated = api.call("PUT", ENTRIES + "/k", editor, "{\"sensitive\": true}");
        Api.Answer toInteger = api.call("PUT", ENTRIES + "/k", editor, "{\"valueType\": \"INTEGER\"}");
        Api.Answer toBoolean = api.call("PUT", ENTRIES + "/k", editor, "{\"valueType\": \"BOOLEAN\"}");

        assertThat(toPublic.column("violations", "code")).containsExactly("vaultVisibilityType.downgrade_requires_value");
        assertThat(toObfuscated.column("violations", "code")).containsExactly("vaultVisibilityType.downgrade_requires_value");
        // the stored "12" is a valid INTEGER and not a BOOLEAN: both answers are the same, so neither says so
        assertThat(toInteger.status()).isEqualTo(toBoolean.status()).isEqualTo(400);
        assertThat(toInteger.column("violations", "code")).isEqualTo(toBoolean.column("violations", "code"))
                .containsExactly("valueType.change_requires_value");
        assertThat(api.admin("GET", ENTRIES + "/k", null).object()).containsEntry("vaultVisibilityType", "STRICT")
                .containsEntry("valueType", "STRING");
    }
}

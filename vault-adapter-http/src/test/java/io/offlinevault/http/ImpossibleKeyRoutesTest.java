package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API.md 6 through the real router: a placeholder key that can never be an entry key (a no-break space, an
 * unpaired surrogate) is missing for {@code /missing}, {@code snapshots/check}, the dry run, the apply and the fetch.
 */
class ImpossibleKeyRoutesTest {
    private static final String ACME = "/rest/organizations/acme";
    private static final String NO_BREAK = "no\u00a0break";
    private static final String LONE = "lone\ud800";
    // the snapshot file writes both keys as JSON escapes, as a file on disk must for the surrogate
    private static final byte[] SNAPSHOT = ("{\"resources\": {\"SOURCE\": [{\"resourceName\": \"src\", \"model\": {"
            + "\"a\": \"{{ VAULT.good }}\", \"b\": \"{{ VAULT.no\\u00a0break }}\", \"c\": \"{{ VAULT.lone\\ud800 }}\","
            + " \"d\": \"{{ VAULT.no\\u00a0break }}\"}}]}}").getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final Api api = new Api();
    private String snapshotId;

    @BeforeEach
    void registerTheSnapshotWithGoodPresent() {
        assertThat(api.admin("POST", ACME + "/vaultentries", "{\"key\": \"good\", \"value\": \"s3cr3t\"}").status())
                .isEqualTo(201);
        Api.Answer upload = api.call("POST", ACME + "/snapshots/file", Api.ADMIN_TOKEN, SNAPSHOT, JSON);
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        snapshotId = (String) upload.object().get("id");
    }

    @Test
    void missing_lists_the_impossible_keys_sorted_as_strings_in_valid_json() {
        Api.Answer answer = api.admin("GET", ACME + "/vaultentries/missing?snapshotId=" + snapshotId, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("missingVaultEntries", List.of(LONE, NO_BREAK))
                .doesNotContainKey("similarKeys");
        assertThat(answer.text()).contains("lone\\uD800");
    }

    @Test
    void check_marks_each_impossible_reference_not_found_with_its_key_violation() {
        Api.Answer answer = api.call("POST", ACME + "/snapshots/check", Api.ADMIN_TOKEN, SNAPSHOT, JSON);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.column("references", "key")).containsExactly("good", NO_BREAK, LONE, NO_BREAK);
        assertThat(answer.column("references", "found")).containsExactly(true, false, false, false);
        assertThat(answer.column("references", "keyViolation")).containsExactly(null, "key.invalid_character",
                "key.unpaired_surrogate", "key.invalid_character");
        assertThat(answer.object()).containsEntry("missing", List.of(LONE, NO_BREAK));
    }

    @Test
    void dry_run_and_apply_give_one_coveo_item_per_impossible_key_with_key_violation_and_apply_nothing() {
        // when
        Api.Answer dryRun = api.admin("PUT", ACME + "/snapshots/" + snapshotId + "/dryrun", "{}");
        Api.Answer apply = api.admin("PUT", ACME + "/snapshots/" + snapshotId + "/apply", "{}");
        Api.Answer stored = api.admin("GET", ACME + "/snapshots/" + snapshotId, null);

        // then
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        assertThat(dryRun.object()).containsEntry("resultCode", "RESOURCES_IN_ERROR");
        List<?> items = items(dryRun.object());
        assertThat(items).hasSize(2);
        assertThat(object(items.get(0))).containsEntry("resultCode", "INVALID_PLACEHOLDER")
                .containsEntry("message", "The vault entry referenced by {{ VAULT." + NO_BREAK
                        + " }} could not be found in the vault.")
                .containsEntry("vaultEntryKey", NO_BREAK).containsEntry("jsonPath", "b")
                .containsEntry("keyViolation", "key.invalid_character").containsEntry("similarKeys", List.of());
        assertThat(object(items.get(1))).containsEntry("vaultEntryKey", LONE)
                .containsEntry("keyViolation", "key.unpaired_surrogate");
        assertThat(apply.status()).isEqualTo(200);
        assertThat(apply.object()).containsEntry("resultCode", "RESOURCES_IN_ERROR");
        assertThat(items(apply.object())).isEqualTo(items);
        List<?> reports = (List<?>) stored.object().get("reports");
        assertThat(items((Map<?, ?>) reports.get(reports.size() - 1))).as("as stored").isEqualTo(items);
        assertThat(dryRun.text() + apply.text()).doesNotContain("s3cr3t");
    }

    @Test
    void fetch_lists_impossible_keys_as_missing_in_source_and_all_or_nothing_names_them_as_conflicts() {
        api.admin("POST", "/rest/organizations/origin/vaultentries", "{\"key\": \"good\", \"value\": \"v\"}");
        String fetch = ACME + "/vaultentries/fetch?referenceSnapshotId=" + snapshotId + "&sourceOrganizationId=origin";

        Api.Answer dry = api.admin("PUT", fetch + "&fetchStrategy=OVERWRITE&dryRun=true", null);
        Api.Answer conflict = api.admin("PUT", fetch + "&dryRun=true", null);

        assertThat(dry.status()).as(dry.text()).isEqualTo(200);
        assertThat(dry.object()).containsEntry("overwritten", List.of("good"))
                .containsEntry("missingInSource", List.of(LONE, NO_BREAK)).containsEntry("copied", List.of())
                .containsEntry("skipped", List.of());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.object()).containsEntry("errorCode", "VAULT_FETCH_CONFLICT")
                .containsEntry("keys", List.of(LONE, NO_BREAK));
    }

    private static List<?> items(Map<?, ?> report) {
        return (List<?>) ((Map<?, ?>) ((Map<?, ?>) report.get("resourceOperationResults")).get("SOURCE")).get("src");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }
}

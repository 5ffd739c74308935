package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.snapshot.SnapshotContentReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routes V1-V7 through the real router, without a socket. */
class EntryRoutesTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private final Api api = new Api();

    private String snapshotReferencing(String organization, String... keys) {
        StringBuilder model = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            model.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"{{ VAULT.").append(keys[i]).append(" }}\"");
        }
        model.append('}');
        Object document = io.offlinevault.http.codec.WireJson.read(("{\"resources\":{\"SOURCE\":[{\"resourceName\":\"src\","
                + "\"model\":" + model + "}]}}").getBytes(), 1 << 20, "test");
        return api.snapshots.register(Caller.owner(), OrganizationId.of(organization),
                SnapshotContentReader.read(document, "test.json"), "").id();
    }

    @Test
    void create_answers_201_with_the_entry_and_never_a_non_public_value() {
        Api.Answer answer = api.admin("POST", ENTRIES, """
                {"key": "db.password", "value": "S3NT1NEL", "valueType": "string", "sensitive": true,
                 "attributeReferences": [{"jsonPath": "configuration.parameters.ClientSecret.value",
                   "resourceName": "helpcenter_Qm7xK2", "resourceType": "source"}],
                 "scopes": {"id": "acme-ext", "resourceType": "EXTENSION"}}""");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.object()).containsEntry("organizationId", "acme").containsEntry("key", "db.password")
                .containsEntry("valueType", "STRING").containsEntry("vaultVisibilityType", "OBFUSCATED")
                .containsEntry("public", false).doesNotContainKey("value");
        assertThat(answer.object().get("attributeReferences")).isEqualTo(List.of(Map.of(
                "jsonPath", "configuration.parameters.ClientSecret.value", "resourceName", "helpcenter_Qm7xK2",
                "resourceType", "SOURCE")));
        assertThat(answer.object().get("scopes")).isEqualTo(List.of(Map.of("id", "acme-ext", "resourceType", "EXTENSION")));
        assertThat(answer.text()).doesNotContain("S3NT1NEL");
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void a_public_entry_shows_its_value() {
        api.admin("POST", ENTRIES, "{\"key\": \"api.url\", \"value\": \"https://x.test\", \"vaultVisibilityType\": \"PUBLIC\"}");

        Api.Answer answer = api.admin("GET", ENTRIES + "/api.url", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("value", "https://x.test").containsEntry("public", true);
    }

    @Test
    void a_second_create_of_a_key_is_409_naming_the_key() {
        api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\"}");

        Api.Answer answer = api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.object()).containsEntry("errorCode", "VAULT_ENTRY_ALREADY_EXISTS")
                .containsEntry("requestID", answer.header("X-Request-ID"))
                .containsEntry("keys", List.of("k"));
    }

    @Test
    void an_invalid_entry_is_400_with_every_violation() {
        Api.Answer answer = api.admin("POST", ENTRIES, "{\"key\": \"bad key\", \"value\": 42, \"valueType\": \"NUMBER\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_VAULT_ENTRY");
        assertThat(answer.column("violations", "code")).containsExactlyInAnyOrder("key.invalid_character", "valueType.invalid", "value.not_string");
    }

    @Test
    void the_articles_body_is_created_with_a_warning_naming_the_referenced_key_and_a_rename_clears_it() {
        // the body of Coveo's "Create a Vault Entry" article, as printed there
        Api.Answer created = api.admin("POST", ENTRIES, """
                {
                  "key": "originorganizationid_iyn07x-configuration.parameters.secretKey.value",
                  "value": "sentinel-s3cr3t",
                  "valueType": "STRING",
                  "vaultVisibilityType": "STRICT",
                  "attributeReferences": [
                    {
                      "resourceName": "originorganizationid_iynO7X",
                      "resourceType": "SOURCE",
                      "jsonPath": "configuration.parameters.secretKey.value"
                    }
                  ]
                }""");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.column("warnings", "code")).containsExactly("key.reference_mismatch");
        assertThat(created.column("warnings", "expectedKeys")).containsExactly(
                List.of("originorganizationid_iynO7X-configuration.parameters.secretKey.value"));
        assertThat(created.text()).doesNotContain("sentinel-s3cr3t");

        Api.Answer renamed = api.admin("POST", ENTRIES + "/originorganizationid_iyn07x-configuration.parameters"
                + ".secretKey.value/rename", "{\"newKey\": "
                + "\"originorganizationid_iynO7X-configuration.parameters.secretKey.value\"}");
        Api.Answer valueOnly = api.admin("PUT", ENTRIES + "/originorganizationid_iynO7X-configuration.parameters"
                + ".secretKey.value", "{\"value\": \"another\"}");

        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.object()).doesNotContainKey("warnings");
        assertThat(valueOnly.status()).as(valueOnly.text()).isEqualTo(200);
        assertThat(valueOnly.object()).doesNotContainKey("warnings");
    }

    @Test
    void import_writes_every_item_in_one_commit_or_none_with_every_violation() {
        api.admin("POST", ENTRIES, "{\"key\": \"kept\", \"value\": \"old\", \"vaultVisibilityType\": \"PUBLIC\","
                + " \"scopes\": [{\"id\": \"ext\", \"resourceType\": \"EXTENSION\"}]}");

        Api.Answer invalid = api.admin("POST", ENTRIES + "/import", "[{\"key\": \"a\", \"value\": \"v\"},"
                + " {\"key\": \"bad key\", \"value\": 1}, 42]");
        Api.Answer badItems = api.admin("POST", ENTRIES + "/import", "[{\"key\": \"a\", \"value\": \"v\"},"
                + " {\"key\": \"bad key\", \"value\": 1}]");
        Api.Answer conflict = api.admin("POST", ENTRIES + "/import", "[{\"key\": \"kept\", \"value\": \"new\"}]");
        Api.Answer notArray = api.admin("POST", ENTRIES + "/import", "{\"key\": \"a\"}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.column("violations", "field")).containsExactly("items[2]");
        assertThat(badItems.status()).isEqualTo(400);
        assertThat(badItems.column("violations", "field")).containsExactlyInAnyOrder("items[1].key", "items[1].value");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.object()).containsEntry("errorCode", "VAULT_ENTRY_ALREADY_EXISTS");
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(api.admin("GET", ENTRIES + "/a", null).status()).as("nothing was written").isEqualTo(404);

        Api.Answer created = api.admin("POST", ENTRIES + "/import", "[{\"key\": \"a\", \"value\": \"v\"}]");
        Api.Answer updated = api.admin("POST", ENTRIES + "/import?update=true",
                "[{\"key\": \"kept\", \"value\": \"new\"}, {\"key\": \"b\", \"value\": \"v\"}]");

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.object()).isEqualTo(Map.of("created", 1, "updated", 0));
        assertThat(updated.object()).isEqualTo(Map.of("created", 1, "updated", 1));
        Map<String, Object> kept = api.admin("GET", ENTRIES + "/kept", null).object();
        assertThat(kept).containsEntry("value", "new").containsEntry("vaultVisibilityType", "PUBLIC");
        assertThat(kept.get("scopes")).as("absent fields keep their value")
                .isEqualTo(List.of(Map.of("id", "ext", "resourceType", "EXTENSION")));
    }

    @Test
    void import_with_update_needs_edit_too() {
        String creator = api.token("creator", io.offlinevault.domain.access.Grant.of(java.util.Set.of(
                OrganizationId.of("acme")), java.util.EnumSet.of(io.offlinevault.domain.access.Privilege.VAULT_ENTRY_CREATE)));

        Api.Answer update = api.call("POST", ENTRIES + "/import?update=true", creator, "[{\"key\": \"a\", \"value\": \"v\"}]");
        Api.Answer create = api.call("POST", ENTRIES + "/import", creator, "[{\"key\": \"a\", \"value\": \"v\"}]");

        assertThat(update.status()).isEqualTo(403);
        assertThat(create.status()).isEqualTo(200);
    }

    @Test
    void rename_keeps_a_strict_value_that_never_leaves_the_server() {
        // the article's mistake: created as iyn07x, referenced as iynO7X
        String wrong = "originorganizationid_iyn07x-configuration.parameters.secretKey.value";
        String right = "originorganizationid_iynO7X-configuration.parameters.secretKey.value";
        api.admin("POST", ENTRIES, "{\"key\": \"" + wrong + "\", \"value\": \"sentinel-s3cr3t\","
                + " \"scopes\": [{\"id\": \"ext\", \"resourceType\": \"EXTENSION\"}]}");

        Api.Answer renamed = api.admin("POST", ENTRIES + "/" + wrong + "/rename", "{\"newKey\": \"" + right + "\"}");

        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.object()).containsEntry("key", right).containsEntry("vaultVisibilityType", "STRICT")
                .doesNotContainKey("value");
        assertThat(renamed.text()).doesNotContain("sentinel-s3cr3t");
        assertThat(api.admin("GET", ENTRIES + "/" + wrong, null).status()).isEqualTo(404);
        assertThat(api.entries.get(Caller.owner(), OrganizationId.of("acme"), EntryKey.of(right)).value().reveal())
                .isEqualTo("sentinel-s3cr3t");
        assertThat(api.admin("GET", ENTRIES + "/" + right, null).object().get("scopes"))
                .isEqualTo(List.of(Map.of("id", "ext", "resourceType", "EXTENSION")));
    }

    @Test
    void rename_answers_404_409_400_and_401_as_the_contract_says() {
        api.admin("POST", ENTRIES, "{\"key\": \"a\", \"value\": \"v\"}");
        api.admin("POST", ENTRIES, "{\"key\": \"b\", \"value\": \"v\"}");

        Api.Answer absent = api.admin("POST", ENTRIES + "/none/rename", "{\"newKey\": \"c\"}");
        Api.Answer taken = api.admin("POST", ENTRIES + "/a/rename", "{\"newKey\": \"b\"}");
        Api.Answer unchanged = api.admin("POST", ENTRIES + "/a/rename", "{\"newKey\": \"a\"}");
        Api.Answer badKey = api.admin("POST", ENTRIES + "/a/rename", "{\"newKey\": \"bad key\"}");
        Api.Answer noKey = api.admin("POST", ENTRIES + "/a/rename", "{}");
        Api.Answer noToken = api.call("POST", ENTRIES + "/a/rename", null, "{\"newKey\": \"c\"}");

        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.object()).containsEntry("errorCode", "VAULT_ENTRY_NOT_FOUND");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.object()).containsEntry("errorCode", "VAULT_ENTRY_ALREADY_EXISTS");
        assertThat(unchanged.status()).isEqualTo(400);
        assertThat(unchanged.column("violations", "code")).containsExactly("newKey.unchanged");
        assertThat(badKey.column("violations", "code")).containsExactly("newKey.invalid_character");
        assertThat(badKey.column("violations", "field")).containsExactly("newKey");
        assertThat(noKey.column("violations", "code")).containsExactly("newKey.required");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(api.admin("GET", ENTRIES + "/a", null).status()).as("nothing changed").isEqualTo(200);
    }

    @Test
    void keys_are_addressed_percent_encoded_and_an_encoded_slash_stays_in_the_key() {
        String key = "a/b.c:d%e[f]|g+é";
        api.entries.create(Caller.owner(), OrganizationId.of("acme"), EntryDraft.empty().withKey(key).withValue("v")
                .withVisibility("PUBLIC"));
        String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");

        Api.Answer get = api.admin("GET", ENTRIES + "/" + encoded, null);
        Api.Answer put = api.admin("PUT", ENTRIES + "/" + encoded, "{\"value\": \"w\"}");
        Api.Answer delete = api.admin("DELETE", ENTRIES + "/" + encoded, null);

        assertThat(get.status()).isEqualTo(200);
        assertThat(get.object()).containsEntry("key", key);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.object()).containsEntry("value", "w");
        assertThat(delete.status()).isEqualTo(204);
        assertThat(delete.bytes()).isEmpty();
        assertThat(api.admin("GET", ENTRIES + "/" + encoded, null).status()).isEqualTo(404);
    }

    @Test
    void put_keeps_absent_fields_and_is_not_an_upsert() {
        api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\", \"vaultVisibilityType\": \"STRICT\","
                + " \"scopes\": [{\"id\": \"x\", \"resourceType\": \"EXTENSION\"}]}");

        Api.Answer rotated = api.admin("PUT", ENTRIES + "/k", "{\"value\": \"new\"}");
        Api.Answer unknown = api.admin("PUT", ENTRIES + "/nope", "{\"value\": \"new\"}");
        Api.Answer escalation = api.admin("PUT", ENTRIES + "/k", "{\"vaultVisibilityType\": \"PUBLIC\"}");

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.object().get("scopes")).isEqualTo(List.of(Map.of("id", "x", "resourceType", "EXTENSION")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.object()).containsEntry("errorCode", "VAULT_ENTRY_NOT_FOUND");
        assertThat(escalation.status()).isEqualTo(400);
        assertThat(escalation.text()).contains("vaultVisibilityType.downgrade_requires_value");
    }

    @Test
    void list_pages_sorted_by_key_with_page_size_or_per_page() {
        for (String key : List.of("c", "a", "b")) {
            api.admin("POST", ENTRIES, "{\"key\": \"" + key + "\", \"value\": \"v\"}");
        }

        Api.Answer first = api.admin("GET", ENTRIES + "?page=0&pageSize=2", null);
        Api.Answer second = api.admin("GET", ENTRIES + "?page=1&perPage=2", null);
        Api.Answer past = api.admin("GET", ENTRIES + "?page=5&pageSize=1", null);
        Api.Answer all = api.admin("GET", ENTRIES, null);

        assertThat(first.column("items", "key")).containsExactly("a", "b");
        assertThat(first.object()).containsEntry("totalEntries", 3).containsEntry("totalPages", 2);
        assertThat(second.column("items", "key")).containsExactly("c");
        assertThat((List<?>) past.object().get("items")).isEmpty();
        assertThat(past.object()).containsEntry("totalEntries", 3).containsEntry("totalPages", 3);
        assertThat((List<?>) all.object().get("items")).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"page=-1", "page=x", "pageSize=0", "pageSize=1001", "pageSize=2&perPage=2", "page=1&page=2",
            "perPage=1.5", "page=99999999999999999999"})
    void bad_paging_is_400_invalid_parameter(String query) {
        Api.Answer answer = api.admin("GET", ENTRIES + "?" + query, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_PARAMETER");
    }

    @Test
    void unknown_query_parameters_are_ignored() {
        assertThat(api.admin("GET", ENTRIES + "?isTransient=true&performAutoSynchronization=x", null).status()).isEqualTo(200);
    }

    @Test
    void missing_names_the_look_alikes_of_each_missing_key_that_has_some() {
        // Coveo's article: the snapshot references iynO7X (capital O, X), the entry was created as iyn07x
        String referenced = "originorganizationid_iynO7X-configuration.parameters.secretKey.value";
        String id = snapshotReferencing("acme", referenced, "other.key");
        api.admin("POST", ENTRIES, "{\"key\": \"originorganizationid_iyn07x-configuration.parameters.secretKey.value\","
                + " \"value\": \"s3cr3t\"}");

        Api.Answer answer = api.admin("GET", ENTRIES + "/missing?snapshotId=" + id, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("missingVaultEntries", List.of(referenced, "other.key"))
                .containsEntry("similarKeys", Map.of(referenced,
                        List.of("originorganizationid_iyn07x-configuration.parameters.secretKey.value")));
        assertThat(answer.text()).doesNotContain("s3cr3t");
    }

    @Test
    void missing_lists_the_absent_referenced_keys() {
        String id = snapshotReferencing("acme", "zeta", "alpha");
        api.admin("POST", ENTRIES, "{\"key\": \"alpha\", \"value\": \"v\"}");

        Api.Answer answer = api.admin("GET", ENTRIES + "/missing?snapshotId=" + id, null);
        Api.Answer unknown = api.admin("GET", ENTRIES + "/missing?snapshotId=acme-nope", null);
        Api.Answer noId = api.admin("GET", ENTRIES + "/missing", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.object()).containsEntry("missingVaultEntries", List.of("zeta")).doesNotContainKey("similarKeys");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.object()).containsEntry("errorCode", "SNAPSHOT_NOT_FOUND");
        assertThat(noId.status()).isEqualTo(400);
    }

    @Test
    void fetch_copies_in_one_commit_and_answers_204_or_the_dry_run_lists() {
        String id = snapshotReferencing("acme", "k1", "k2");
        api.admin("POST", "/rest/organizations/origin/vaultentries", "{\"key\": \"k1\", \"value\": \"v1\"}");
        String fetch = ENTRIES + "/fetch?referenceSnapshotId=" + id + "&sourceOrganizationId=origin";

        Api.Answer conflict = api.admin("PUT", fetch, "{}");
        Api.Answer dry = api.admin("PUT", fetch + "&fetchStrategy=only_missing&dryRun=true", null);
        Api.Answer real = api.admin("PUT", fetch + "&fetchStrategy=ONLY_MISSING", "{}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.object()).containsEntry("errorCode", "VAULT_FETCH_CONFLICT").containsEntry("keys", List.of("k2"));
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.object()).containsEntry("copied", List.of("k1")).containsEntry("missingInSource", List.of("k2"))
                .containsEntry("overwritten", List.of()).containsEntry("skipped", List.of());
        assertThat(real.status()).isEqualTo(204);
        assertThat(api.admin("GET", ENTRIES + "/k1", null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fetchStrategy=SOMETIMES&referenceSnapshotId=s&sourceOrganizationId=origin",
            "referenceSnapshotId=s",
            "sourceOrganizationId=origin",
            "referenceSnapshotId=s&sourceOrganizationId=acme",
            "referenceSnapshotId=s&sourceOrganizationId=bad%20org",
            "referenceSnapshotId=s&sourceOrganizationId=origin&dryRun=maybe"})
    void bad_fetch_parameters_are_400(String query) {
        Api.Answer answer = api.admin("PUT", ENTRIES + "/fetch?" + query, "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.object()).containsEntry("errorCode", "INVALID_PARAMETER");
    }

    @Test
    void fetch_and_missing_are_literal_segments_that_win_over_a_key() {
        assertThat(api.admin("GET", ENTRIES + "/fetch", null).status()).isEqualTo(405);
        assertThat(api.admin("GET", ENTRIES + "/fetch", null).header("Allow")).isEqualTo("PUT");
        assertThat(api.admin("DELETE", ENTRIES + "/missing", null).status()).isEqualTo(405);
        assertThat(api.admin("POST", ENTRIES, "{\"key\": \"fetch\", \"value\": \"v\"}").text()).contains("key.reserved");
    }

    @Test
    void an_invalid_key_in_the_path_is_simply_not_found() {
        assertThat(api.admin("GET", ENTRIES + "/%7Bbraces%7D", null).status()).isEqualTo(404);
        assertThat(api.admin("GET", ENTRIES + "/..", null).status()).isEqualTo(404);
    }

    @Test
    void a_resource_type_of_the_future_is_kept() {
        Api.Answer answer = api.admin("POST", ENTRIES, "{\"key\": \"k\", \"value\": \"v\", \"scopes\": "
                + "[{\"id\": \"x\", \"resourceType\": \"hologram_deck\"}]}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(ResourceType.parse("hologram_deck")).isPresent();
        assertThat(answer.object().get("scopes")).isEqualTo(List.of(Map.of("id", "x", "resourceType", "HOLOGRAM_DECK")));
    }
}

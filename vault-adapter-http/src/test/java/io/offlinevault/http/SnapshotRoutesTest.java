package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The snapshot routes of API.md section 3 through the real router, without a socket. */
class SnapshotRoutesTest {
    private static final String SNAPSHOTS = "/rest/organizations/acme/snapshots";
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String BOUNDARY = "----formdata-undici-026926583742";
    private final Api api = new Api();

    private static byte[] example() throws IOException {
        try (InputStream in = SnapshotRoutesTest.class.getResourceAsStream("/examples/snapshot-content-with-vault-placeholders.json")) {
            return in.readAllBytes();
        }
    }

    private static byte[] multipart(byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private Api.Answer upload(byte[] file, String type) {
        return api.call("POST", SNAPSHOTS + "/file?snapshotFileType=" + type + "&developerNotes=from%20test",
                Api.ADMIN_TOKEN, multipart(file), Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
    }

    private String uploadExample() throws IOException {
        Api.Answer answer = upload(example(), "JSON");
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return (String) answer.object().get("id");
    }

    @Test
    void a_multipart_upload_gives_a_model_with_its_creation_report() throws IOException {
        Api.Answer answer = upload(example(), "JSON");

        assertThat(answer.status()).isEqualTo(201);
        Map<String, Object> model = answer.object();
        assertThat((String) model.get("id")).matches("acme-[a-z2-7]{26}");
        assertThat(model).containsEntry("createdBy", "admin").containsEntry("developerNote", "from test")
                .containsEntry("targetId", "acme")
                .containsEntry("contentSummary", Map.of("EXTENSION", 1, "FIELD", 1, "MAPPING", 1, "SOURCE", 1))
                .containsEntry("synchronizationReports", List.of()).containsEntry("diffGenerationReports", List.of());
        Map<?, ?> report = (Map<?, ?>) ((List<?>) model.get("reports")).get(0);
        assertThat(report.get("type")).isEqualTo("CREATE_SNAPSHOT");
        assertThat(report.get("status")).isEqualTo("COMPLETED");
        assertThat(report.get("resourcesProcessed")).isEqualTo(4);
    }

    @Test
    void a_raw_json_or_zip_body_is_accepted_too() throws IOException {
        Api.Answer json = api.call("POST", SNAPSHOTS + "/file", Api.ADMIN_TOKEN, example(),
                Map.of("Content-Type", "application/json"));
        Api.Answer zip = api.call("POST", SNAPSHOTS + "/file", Api.ADMIN_TOKEN, zipOf("snapshot.json", example()),
                Map.of("Content-Type", "application/zip"));

        assertThat(json.status()).isEqualTo(201);
        assertThat(zip.status()).as(zip.text()).isEqualTo(201);
    }

    @Test
    void bad_uploads_are_400_invalid_snapshot_saying_where() throws IOException {
        Api.Answer notSnapshot = upload("{\"foo\": 1}".getBytes(StandardCharsets.UTF_8), "JSON");
        Api.Answer contradicts = upload(zipOf("snapshot.json", example()), "JSON");
        Api.Answer plainText = api.call("POST", SNAPSHOTS + "/file", Api.ADMIN_TOKEN, example(), Map.of("Content-Type", "text/plain"));
        Api.Answer noFilePart = api.call("POST", SNAPSHOTS + "/file?snapshotFileType=JSON", Api.ADMIN_TOKEN,
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n")
                        .getBytes(StandardCharsets.US_ASCII), Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));

        for (Api.Answer answer : List.of(notSnapshot, contradicts, plainText, noFilePart)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.object()).containsEntry("errorCode", "INVALID_SNAPSHOT");
        }
        assertThat((String) notSnapshot.object().get("message")).contains("resources");
    }

    @Test
    void metadata_without_schema_version_v1_is_400_invalid_snapshot_naming_the_field() {
        for (String metadata : List.of("{\"exportedBy\": \"me\"}", "{\"schemaVersion\": \"v2\"}")) {
            Api.Answer answer = upload(("{\"metadata\": " + metadata + ", \"resources\": {}}")
                    .getBytes(StandardCharsets.UTF_8), "JSON");

            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.object()).containsEntry("errorCode", "INVALID_SNAPSHOT");
            assertThat((String) answer.object().get("message")).as(metadata).contains("metadata.schemaVersion");
        }
        Api.Answer noMetadata = upload("{\"resources\": {}}".getBytes(StandardCharsets.UTF_8), "JSON");
        assertThat(noMetadata.status()).as(noMetadata.text()).isEqualTo(201);
    }

    @Test
    void check_answers_every_reference_and_the_missing_keys_of_a_json_or_zip_body_and_stores_nothing()
            throws IOException {
        api.admin("POST", "/rest/organizations/acme/vaultentries", "{\"key\": \"helpcenter_Qm7xK2-configuration"
                + ".parameters.ClientSecret.value\", \"value\": \"s3cr3t\"}");

        Api.Answer json = api.call("POST", SNAPSHOTS + "/check", Api.ADMIN_TOKEN, example(),
                Map.of("Content-Type", "application/json"));
        Api.Answer zip = api.call("POST", SNAPSHOTS + "/check", Api.ADMIN_TOKEN, zipOf("snapshot.json", example()),
                Map.of("Content-Type", "application/zip"));

        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(zip.status()).as(zip.text()).isEqualTo(200);
        assertThat(zip.object()).isEqualTo(json.object());
        assertThat(json.column("references", "key")).contains(
                "helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value");
        assertThat(json.column("references", "found")).contains(true, false);
        assertThat(((List<?>) json.object().get("missing")).contains(
                "helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value")).as("a key that exists").isFalse();
        assertThat(json.text()).doesNotContain("s3cr3t");
        assertThat((List<?>) api.admin("GET", SNAPSHOTS, null).json()).as("nothing stored").isEmpty();
    }

    @Test
    void access_without_snapshot_access_type_is_400_invalid_parameter_before_the_snapshot_is_looked_up()
            throws IOException {
        String id = uploadExample();

        for (String path : List.of(SNAPSHOTS + "/" + id + "/access", SNAPSHOTS + "/acme-none/access",
                SNAPSHOTS + "/" + id + "/access?snapshotAccessType=SOMETIMES")) {
            Api.Answer answer = api.admin("GET", path, null);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.object()).as(path).containsEntry("errorCode", "INVALID_PARAMETER");
            assertThat((String) answer.object().get("message")).as(path).contains("snapshotAccessType");
        }
    }

    @Test
    void the_seed_scenario_missing_entry_then_created_then_prerequisites_satisfied() throws IOException {
        // given a destination organization that lacks the two entries
        String id = uploadExample();
        // when the dry run reports them in Coveo's words
        Api.Answer dryRun = api.admin("PUT", SNAPSHOTS + "/" + id + "/dryrun", "{}");
        Map<?, ?> results = (Map<?, ?>) dryRun.object().get("resourceOperationResults");
        List<?> items = (List<?>) ((Map<?, ?>) results.get("SOURCE")).get("helpcenter_Qm7xK2");
        // then
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.object()).containsEntry("type", "DRY_RUN").containsEntry("resultCode", "RESOURCES_IN_ERROR");
        assertThat(items).extracting(item -> ((Map<?, ?>) item).get("message")).allSatisfy(message ->
                assertThat((String) message).matches("^The vault entry referenced by \\{\\{ VAULT\\.(.*) \\}\\} could not be found in the vault\\.$"));
        assertThat(api.admin("GET", ENTRIES + "/missing?snapshotId=" + id, null).object().get("missingVaultEntries"))
                .isEqualTo(List.of("helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value",
                        "helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password"));
        // when the entries are created
        for (String key : List.of("helpcenter_Qm7xK2-configuration.parameters.ClientSecret.value",
                "helpcenter_Qm7xK2-configuration.userIdentities.UserIdentity.password")) {
            assertThat(api.admin("POST", ENTRIES, "{\"key\": \"" + key + "\", \"value\": \"s3cr3t\"}").status()).isEqualTo(201);
        }
        // then the prerequisites are satisfied and the apply succeeds, a second one changes nothing
        assertThat(api.admin("GET", ENTRIES + "/missing?snapshotId=" + id, null).object().get("missingVaultEntries"))
                .isEqualTo(List.of());
        Api.Answer apply = api.admin("PUT", SNAPSHOTS + "/" + id + "/apply", "{}");
        Api.Answer again = api.admin("PUT", SNAPSHOTS + "/" + id + "/apply", null);
        assertThat(apply.object()).containsEntry("type", "APPLY").containsEntry("resultCode", "SUCCESS");
        assertThat(again.object().get("resourcesProcessed")).isEqualTo(4);
        Map<?, ?> operations = (Map<?, ?>) again.object().get("resourceOperations");
        assertThat(operations.values()).allSatisfy(type -> assertThat(((Map<?, ?>) type).get("resourcesUnchanged")).isEqualTo(1));
        // and the model lists the three reports, oldest first, with strictly increasing dates
        Api.Answer model = api.admin("GET", SNAPSHOTS + "/" + id, null);
        assertThat(model.column("reports", "type")).containsExactly("CREATE_SNAPSHOT", "DRY_RUN", "APPLY", "APPLY");
        List<Object> starts = model.column("reports", "startDate");
        List<Object> updates = model.column("reports", "updatedDate");
        for (int i = 1; i < starts.size(); i++) {
            assertThat(((Number) starts.get(i)).longValue()).isGreaterThan(((Number) updates.get(i - 1)).longValue());
        }
    }

    @Test
    void similar_keys_show_only_to_a_caller_who_may_view_the_vault() throws IOException {
        String id = uploadExample();
        api.admin("POST", ENTRIES, "{\"key\": \"HELPCENTER_QM7XK2-configuration.parameters.ClientSecret.value\", \"value\": \"v\"}");
        String snapshotsOnly = api.token("snap", Grant.of(Set.of(OrganizationId.of("acme")),
                EnumSet.of(Privilege.SNAPSHOTS_EDIT, Privilege.SNAPSHOTS_VIEW)));

        Api.Answer withView = api.admin("PUT", SNAPSHOTS + "/" + id + "/dryrun", "{}");
        Api.Answer without = api.call("PUT", SNAPSHOTS + "/" + id + "/dryrun", snapshotsOnly, "{}");

        assertThat(withView.text()).contains("\"similarKeys\":[\"HELPCENTER_QM7XK2-configuration.parameters.ClientSecret.value\"]");
        assertThat(without.text()).doesNotContain("similarKeys");
        assertThat(api.call("GET", SNAPSHOTS + "/" + id, snapshotsOnly, null).text()).doesNotContain("similarKeys");
    }

    @Test
    void the_content_exports_as_a_zip_flat_or_split_per_type() throws IOException {
        String id = uploadExample();

        Api.Answer flat = api.admin("GET", SNAPSHOTS + "/" + id + "/content", null);
        Api.Answer split = api.admin("GET", SNAPSHOTS + "/" + id + "/content?contentFormat=split_per_type", null);

        assertThat(flat.header("Content-Type")).isEqualTo("application/zip");
        assertThat(entryNames(flat.bytes())).containsExactly("snapshot.json");
        assertThat(entryNames(split.bytes())).containsExactlyInAnyOrder("EXTENSION.json", "FIELD.json", "MAPPING.json", "SOURCE.json");
    }

    @Test
    void list_access_resource_types_and_delete() throws IOException {
        String id = uploadExample();
        String viewer = api.token("viewer", Grant.of(Set.of(OrganizationId.of("acme")), EnumSet.of(Privilege.SNAPSHOTS_VIEW)));

        assertThat((List<?>) api.admin("GET", SNAPSHOTS, null).json()).hasSize(1)
                .allSatisfy(model -> assertThat(((Map<?, ?>) model).get("reports")).isEqualTo(List.of()));
        assertThat(api.call("GET", SNAPSHOTS + "/" + id + "/access?snapshotAccessType=READ", viewer, null).object())
                .isEqualTo(Map.of("allowed", true));
        assertThat(api.call("GET", SNAPSHOTS + "/" + id + "/access?snapshotAccessType=WRITE", viewer, null).object())
                .isEqualTo(Map.of("allowed", false));
        @SuppressWarnings("unchecked")
        List<Object> types = (List<Object>) api.admin("GET", SNAPSHOTS + "/access/resource", null).json();
        assertThat(types).hasSize(29).contains("SOURCE").doesNotContain("UNKNOWN");
        assertThat(api.admin("GET", SNAPSHOTS + "/" + id + "?includeReports=false", null).object().get("reports"))
                .isEqualTo(List.of());
        assertThat(api.admin("DELETE", SNAPSHOTS + "/" + id, null).status()).isEqualTo(204);
        assertThat(api.admin("GET", SNAPSHOTS + "/" + id, null).object()).containsEntry("errorCode", "SNAPSHOT_NOT_FOUND");
        assertThat(api.admin("GET", SNAPSHOTS + "/file", null).status()).isEqualTo(405);
    }

    private static byte[] zipOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static List<String> entryNames(byte[] zip) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}

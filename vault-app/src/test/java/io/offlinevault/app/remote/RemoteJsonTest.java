package io.offlinevault.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.TokenDigest;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.in.SavedEntry;
import io.offlinevault.domain.snapshot.OperationResult;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.ReportType;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.http.codec.EntryJson;
import io.offlinevault.http.codec.OperationJson;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.SnapshotJson;
import io.offlinevault.http.codec.TokenJson;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each answer of the HTTP API, produced by the real server over an in-memory vault, decodes into the object the
 * local use case returns for the same vault (with what the wire drops spelled out), and re-encodes into the same
 * answer.
 */
class RemoteJsonTest {
    private static final Caller OWNER = Caller.owner();
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final OrganizationId STAGING = OrganizationId.of("staging");
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String SNAPSHOTS = "/rest/organizations/acme/snapshots";
    // a placeholder key with a no-break space: it matches the placeholder grammar, never the key rules
    private static final String IMPOSSIBLE = "odd\u00A0key";
    private static final String CONTENT = """
            {"resources": {
              "SOURCE": [{"resourceName": "src_A",
                          "model": {"password": "{{ VAULT.db-password }}", "user": "{{ VAULT.db-user }}",
                                    "odd": "{{ VAULT.%s }}", "again": "{{VAULT.db-password}}"},
                          "parents": {"owner": "{{ VAULT.parent-key }}"}}],
              "EXTENSION": [{"resourceName": "ext_B", "model": {"x": "{{ VAULT.db-user }}"}}]}}
            """.formatted(IMPOSSIBLE);

    private ServedVault vault;

    @BeforeEach
    void start() throws IOException {
        vault = new ServedVault();
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Test
    void entry_of_every_visibility_is_the_stored_entry_with_a_value_only_when_public() throws Exception {
        for (String visibility : List.of("PUBLIC", "OBFUSCATED", "STRICT")) {
            // given
            String key = "src_A-configuration.parameters." + visibility;
            ServedVault.Reply created = vault.admin("POST", ENTRIES, """
                    {"key": "%s", "value": "42", "valueType": "INTEGER", "vaultVisibilityType": "%s",
                     "attributeReferences": [{"jsonPath": "configuration.parameters.%s", "resourceName": "src_A",
                                              "resourceType": "source"}],
                     "scopes": [{"id": "acme-ext", "resourceType": "EXTENSION"}, {"id": "x", "resourceType": "NEW_TYPE"}]}
                    """.formatted(key, visibility, visibility));
            // when
            ServedVault.Reply read = vault.admin("GET", ENTRIES + "/" + key, null);
            // then
            VaultEntry stored = vault.entries.get(OWNER, ACME, EntryKey.of(key));
            VaultEntry expected = visibility.equals("PUBLIC") ? stored : withoutValue(stored);
            assertThat(RemoteJson.entry(read.json())).isEqualTo(expected);
            assertThat(RemoteJson.saved(created.json())).isEqualTo(new SavedEntry(expected, List.of()));
            // entry get prints EntryJson of what it read: the same document as the server's
            assertThat(wire(EntryJson.of(ACME, RemoteJson.entry(read.json())))).isEqualTo(read.json());
        }
    }

    @Test
    void page_keeps_the_order_and_the_true_totals() throws Exception {
        for (String key : List.of("c", "a", "b")) {
            vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey(key).withValue("v-" + key)
                    .withVisibility(key.equals("b") ? "PUBLIC" : "STRICT"));
        }

        ServedVault.Reply answer = vault.admin("GET", ENTRIES + "?page=0&pageSize=2", null);
        EntryPage page = RemoteJson.page(answer.json());
        EntryPage past = RemoteJson.page(vault.admin("GET", ENTRIES + "?page=5&pageSize=2", null).json());

        EntryPage local = vault.entries.list(OWNER, ACME, PageRequest.of(0, 2));
        assertThat(page).isEqualTo(new EntryPage(local.items().stream()
                .map(entry -> entry.isPublic() ? entry : withoutValue(entry)).toList(), 3, 2));
        assertThat(page.items()).extracting(entry -> entry.key().value()).containsExactly("a", "b");
        assertThat(past).isEqualTo(new EntryPage(List.of(), 3, 2));
        assertThat(wire(EntryJson.page(ACME, page))).isEqualTo(answer.json());
    }

    @Test
    void saved_entries_carry_the_warnings_of_create_update_and_rename() throws Exception {
        // given: a key that is not <resourceName>-<jsonPath>
        String body = """
                {"key": "wrong-key", "value": "s3cr3t", "vaultVisibilityType": "PUBLIC",
                 "attributeReferences": [{"jsonPath": "a['b.c'][0]", "resourceName": "src_A", "resourceType": "SOURCE"},
                                         {"jsonPath": "d", "resourceName": "src_B", "resourceType": "SOURCE"}]}""";
        // when
        SavedEntry created = RemoteJson.saved(vault.admin("POST", ENTRIES, body).json());
        SavedEntry updated = RemoteJson.saved(vault.admin("PUT", ENTRIES + "/wrong-key", body).json());
        SavedEntry renamed = RemoteJson.saved(vault.admin("POST", ENTRIES + "/wrong-key/rename",
                "{\"newKey\": \"still-wrong\"}").json());
        // then
        VaultEntry stored = vault.entries.get(OWNER, ACME, EntryKey.of("still-wrong"));
        EntryWarning warning = EntryWarning.referenceMismatch(stored).orElseThrow();
        assertThat(renamed).isEqualTo(new SavedEntry(stored, List.of(warning)));
        assertThat(created.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(EntryWarning.REFERENCE_MISMATCH);
            assertThat(w.key()).isEqualTo(EntryKey.of("wrong-key"));
            assertThat(w.expectedKeys()).containsExactly("src_A-a['b.c'][0]", "src_B-d");
        });
        assertThat(updated.warnings()).isEqualTo(created.warnings());
        assertThat(created.entry().value()).isEqualTo(SecretValue.of("s3cr3t"));
    }

    @Test
    void import_counts_and_warnings_survive() throws Exception {
        // given
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("kept").withValue("v"));
        String items = """
                [{"key": "kept", "value": "w"},
                 {"key": "new-one", "value": "x", "attributeReferences": [{"jsonPath": "p", "resourceName": "r",
                                                                          "resourceType": "SOURCE"}]}]""";
        // when
        ImportResult result = RemoteJson.imported(vault.admin("POST", ENTRIES + "/import?update=true", items).json());
        ImportResult plain = RemoteJson.imported(vault.admin("POST", ENTRIES + "/import", "[{\"key\": \"z\","
                + " \"value\": \"z\"}]").json());
        // then
        VaultEntry added = vault.entries.get(OWNER, ACME, EntryKey.of("new-one"));
        assertThat(result).isEqualTo(new ImportResult(1, 1,
                List.of(EntryWarning.referenceMismatch(added).orElseThrow())));
        assertThat(plain).isEqualTo(new ImportResult(1, 0, List.of()));
    }

    @Test
    void dry_run_fetch_lists_what_the_local_fetch_lists_and_whether_the_source_is_empty() throws Exception {
        // given
        String id = register(CONTENT);
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("db-user").withValue("u"));
        vault.entries.create(OWNER, STAGING, EntryDraft.empty().withKey("db-user").withValue("u2"));
        vault.entries.create(OWNER, STAGING, EntryDraft.empty().withKey("db-password").withValue("p"));
        for (FetchStrategy strategy : FetchStrategy.values()) {
            if (strategy == FetchStrategy.ALL_OR_NOTHING) {
                continue; // parent-key is missing from both: a 409, see RemoteErrorsTest
            }
            // when
            FetchResult remote = RemoteJson.fetched(vault.admin("PUT", ENTRIES + "/fetch?referenceSnapshotId=" + id
                    + "&sourceOrganizationId=staging&fetchStrategy=" + strategy + "&dryRun=true", null).json());
            // then
            FetchResult local = vault.entries.fetch(OWNER, ACME, new FetchRequest(STAGING, id, strategy, true));
            assertThat(remote).isEqualTo(local);
            assertThat(remote.missingInSource()).contains(ReferencedKey.of(IMPOSSIBLE), ReferencedKey.of("parent-key"));
        }
        FetchResult fromEmpty = RemoteJson.fetched(vault.admin("PUT", ENTRIES + "/fetch?referenceSnapshotId=" + id
                + "&sourceOrganizationId=nobody&fetchStrategy=ONLY_MISSING&dryRun=true", null).json());
        FetchResult localFromEmpty = vault.entries.fetch(OWNER, ACME,
                new FetchRequest(OrganizationId.of("nobody"), id, FetchStrategy.ONLY_MISSING, true));
        assertThat(localFromEmpty.sourceEmpty()).isTrue();
        assertThat(fromEmpty).isEqualTo(localFromEmpty);
    }

    @Test
    void missing_gives_the_missing_keys_and_their_look_alikes_but_no_references() throws Exception {
        // given
        String id = register(CONTENT);
        for (String key : List.of("db-user", "db-passw0rd", "DB-Password", "other")) {
            vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey(key).withValue("v"));
        }
        // when
        SnapshotCheck remote = RemoteSnapshotJson.missing(ACME, vault.admin("GET", ENTRIES + "/missing?snapshotId=" + id,
                null).json());
        // then
        SnapshotCheck local = vault.entries.missing(OWNER, ACME, id);
        assertThat(remote.organization()).isEqualTo(ACME);
        assertThat(remote.missing()).isEqualTo(local.missing())
                .containsExactly(ReferencedKey.of("db-password"), ReferencedKey.of(IMPOSSIBLE),
                        ReferencedKey.of("parent-key"));
        for (ReferencedKey key : local.missing()) {
            assertThat(remote.similarTo(key)).as(key.value()).isEqualTo(local.similarTo(key));
        }
        assertThat(remote.similarTo(ReferencedKey.of("db-password"))).containsExactly("DB-Password", "db-passw0rd");
        assertThat(remote.references()).isEmpty();
        assertThat(remote.found(ReferencedKey.of("db-user"))).isTrue();
    }

    @Test
    void check_is_lossless_and_encodes_back_to_the_same_answer() throws Exception {
        // given
        for (String key : List.of("db-user", "db-passw0rd", "DB-Password")) {
            vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey(key).withValue("v"));
        }
        byte[] file = CONTENT.getBytes(StandardCharsets.UTF_8);
        // when
        ServedVault.Reply answer = vault.call("POST", SNAPSHOTS + "/check", ServedVault.ADMIN_TOKEN, file,
                "application/json");
        SnapshotCheck remote = RemoteSnapshotJson.check(answer.json());
        // then
        SnapshotContent content = SnapshotFiles.read(file, Optional.of(SnapshotFiles.FileType.JSON), "snapshot.json");
        SnapshotCheck local = vault.snapshots.check(OWNER, ACME, content);
        assertThat(remote.organization()).isEqualTo(local.organization());
        assertThat(remote.references()).isEqualTo(local.references()).hasSize(6);
        assertThat(remote.checkedReferences()).isEqualTo(local.checkedReferences());
        assertThat(remote.missing()).isEqualTo(local.missing());
        for (ReferencedKey key : local.referencedKeys()) {
            assertThat(remote.similarTo(key)).as(key.value()).isEqualTo(local.similarTo(key));
        }
        assertThat(wire(SnapshotJson.check(remote))).isEqualTo(answer.json());
        assertThat(wire(SnapshotJson.check(remote)).toString()).contains("keyViolation");
    }

    @Test
    void snapshots_and_their_reports_are_the_stored_ones() throws Exception {
        // given: a dry run in error (missing keys with look-alikes), then a snapshot that applies
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("db-passw0rd").withValue("v"));
        String inError = register(CONTENT);
        String clean = register("""
                {"resources": {"FIELD": [{"resourceName": "f1", "model": {"n": 1.50}}, {"resourceName": "f2",
                 "model": {}}]}}""");
        // when
        SnapshotReport dryRun = RemoteSnapshotJson.report(vault.admin("PUT", SNAPSHOTS + "/" + inError + "/dryrun", "{}")
                .json());
        SnapshotReport apply = RemoteSnapshotJson.report(vault.admin("PUT", SNAPSHOTS + "/" + inError + "/apply", null)
                .json());
        SnapshotReport applied = RemoteSnapshotJson.report(vault.admin("PUT", SNAPSHOTS + "/" + clean + "/apply", null)
                .json());
        SnapshotReport again = RemoteSnapshotJson.report(vault.admin("PUT", SNAPSHOTS + "/" + clean
                + "/dryrun?deleteMissingResources=true", null).json());
        Snapshot model = RemoteSnapshotJson.snapshot(vault.admin("GET", SNAPSHOTS + "/" + inError, null).json());
        Snapshot bare = RemoteSnapshotJson.snapshot(vault.admin("GET", SNAPSHOTS + "/" + inError + "?includeReports=false",
                null).json());
        List<Snapshot> list = RemoteSnapshotJson.snapshots(vault.admin("GET", SNAPSHOTS, null).json());
        // then
        Snapshot stored = vault.snapshots.get(OWNER, ACME, inError);
        assertThat(model).isEqualTo(stored);
        assertThat(bare).isEqualTo(stored.withoutReports());
        assertThat(list).isEqualTo(vault.snapshots.list(OWNER, ACME));
        assertThat(stored.reports()).containsExactly(stored.reports().get(0), dryRun, apply);
        assertThat(vault.snapshots.get(OWNER, ACME, clean).reports()).endsWith(applied, again);
        assertThat(dryRun.resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        List<OperationResult> items = dryRun.resourceOperationResults().get(ResourceType.SOURCE).get("src_A");
        assertThat(items).extracting(OperationResult::similarKeys)
                .contains(Optional.of(List.of("db-passw0rd")), Optional.of(List.of()));
        assertThat(items).extracting(OperationResult::keyViolation).contains(Optional.of("key.invalid_character"));
        assertThat(applied.resourceOperations()).isNotEmpty();
        assertThat(wire(SnapshotJson.of(model))).isEqualTo(vault.admin("GET", SNAPSHOTS + "/" + inError, null).json());
    }

    @Test
    void coveos_dry_run_model_with_missing_vault_entries_decodes_and_encodes_back() throws IOException {
        // given
        Object coveo;
        try (InputStream in = getClass().getResourceAsStream("/examples/snapshot-model-dryrun-missing-vault.json")) {
            assertThat(in).isNotNull();
            coveo = WireJson.read(in.readAllBytes(), WireJson.MAX_BODY, "the example");
        }
        // when
        Snapshot snapshot = RemoteSnapshotJson.snapshot(coveo);
        // then
        assertThat(snapshot.organizationId()).isEqualTo(OrganizationId.of("acmeprodorg7x2k9"));
        assertThat(snapshot.reports()).extracting(SnapshotReport::type)
                .containsExactly(ReportType.CREATE_SNAPSHOT, ReportType.DRY_RUN);
        SnapshotReport dryRun = snapshot.reports().get(1);
        assertThat(dryRun.resultCode()).isEqualTo("RESOURCES_IN_ERROR");
        assertThat(dryRun.resourceOperations().values()).extracting(ops -> ops.total()).containsExactly(1, 1, 1, 1);
        assertThat(dryRun.resourceOperationResults().values().iterator().next().get("helpcenter_Qm7xK2"))
                .allSatisfy(item -> {
                    assertThat(item.reference()).isPresent();
                    assertThat(item.similarKeys()).contains(List.of());
                    assertThat(item.message()).isEqualTo("The vault entry referenced by "
                            + item.reference().orElseThrow().placeholder() + " could not be found in the vault.");
                });
        assertThat(wire(SnapshotJson.of(snapshot))).isEqualTo(coveo);
    }

    @Test
    void a_report_item_without_a_vault_key_has_no_reference() {
        Object report = wire(Map.of("id", "r", "type", "APPLY", "resultCode", "SUCCESS", "startDate", 1,
                "updatedDate", 2, "resourcesProcessed", 0, "resourceOperations", Map.of(),
                "resourceOperationResults", Map.of("SOURCE", Map.of("s", List.of(Map.of("resultCode", "WARNING",
                        "message", "something else"))))));

        OperationResult item = RemoteSnapshotJson.report(report).resourceOperationResults().values().iterator().next()
                .get("s").get(0);

        assertThat(item).isEqualTo(new OperationResult("WARNING", "something else", Optional.empty(),
                Optional.empty()));
    }

    @Test
    void tokens_are_the_listed_ones_and_a_new_token_carries_its_value_and_digest() throws Exception {
        // when
        IssuedToken viewer = RemoteJson.issued(vault.admin("POST", "/_offline-vault/tokens", """
                {"name": "viewer", "privileges": ["VAULT_ENTRY:VIEW", "snapshots:view"], "organizations": ["beta", "acme"]}
                """).json());
        IssuedToken ci = RemoteJson.issued(vault.admin("POST", "/_offline-vault/tokens", """
                {"name": "ci", "privileges": ["SNAPSHOTS:CREATE"], "allOrganizations": true,
                 "value": "ci-token-supplied-by-the-user-0123456789"}""").json());
        ServedVault.Reply list = vault.admin("GET", "/_offline-vault/tokens", null);
        List<TokenSummary> listed = RemoteJson.tokens(list.json());
        // then
        List<TokenSummary> local = vault.tokens.list(OWNER);
        assertThat(listed).isEqualTo(local).extracting(TokenSummary::name).containsExactly("admin", "ci", "viewer");
        assertThat(viewer.record().summary()).isEqualTo(local.get(2));
        assertThat(ci.record().summary()).isEqualTo(local.get(1));
        assertThat(ci.token()).isEqualTo(SecretValue.of("ci-token-supplied-by-the-user-0123456789"));
        assertThat(viewer.record().digest()).isEqualTo(TokenDigest.of(viewer.token().reveal()));
        assertThat(vault.tokens.authenticate(viewer.token().reveal()).name()).isEqualTo("viewer");
        assertThat(listed.get(0).isAdmin()).isTrue();
        assertThat(wire(TokenJson.list(listed))).isEqualTo(list.json());
    }

    @Test
    void operations_answers_are_the_local_ones() throws Exception {
        // given
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("k").withValue("v"));
        register(CONTENT);
        // when
        VaultInfo info = RemoteJson.info(vault.admin("GET", "/_offline-vault/info", null).json());
        ServedVault.Reply verified = vault.admin("POST", "/_offline-vault/verify", null);
        VerifyReport verify = RemoteJson.verify(verified.json());
        int term = RemoteJson.keyTerm(vault.admin("POST", "/_offline-vault/rotate", null).json());
        // then
        VaultInfo local = vault.operations.info(OWNER);
        assertThat(info.version()).isEqualTo(local.version());
        assertThat(info.store()).isEqualTo(local.store()).isPresent();
        assertThat(info.organizations()).isEqualTo(local.organizations()).isNotEmpty();
        assertThat(info.uptimeMillis()).isBetween(0L, local.uptimeMillis());
        assertThat(verify).isEqualTo(vault.operations.verify(OWNER));
        assertThat(verify.previousIntact()).isFalse();
        assertThat(wire(OperationJson.verify(verify))).isEqualTo(verified.json());
        assertThat(term).isEqualTo(3);
        VaultInfo ephemeral = new VaultInfo("1.0", 5, Optional.empty(),
                List.of(new VaultInfo.OrganizationSummary(ACME, 3_000_000_000L, 2)));
        assertThat(RemoteJson.info(wire(OperationJson.info(ephemeral)))).isEqualTo(ephemeral);
    }

    @Test
    void an_answer_of_another_shape_names_the_place_and_never_the_value() {
        Map<String, Object> entry = new java.util.LinkedHashMap<>(Map.of("key", "k", "value", "hunter2-secret",
                "valueType", "STRING", "vaultVisibilityType", "PUBLIC", "attributeReferences", List.of(),
                "scopes", List.of()));
        entry.put("valueType", "hunter2-secret");
        assertThatExceptionOfType(VaultException.class).isThrownBy(() -> RemoteJson.entry(entry))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .withMessageContaining("valueType must be one of BOOLEAN, FLOAT, INTEGER, STRING")
                .withMessageNotContaining("hunter2");
        entry.put("valueType", "STRING");
        entry.put("key", "hunter2 secret");
        assertThatExceptionOfType(VaultException.class).isThrownBy(() -> RemoteJson.entry(entry))
                .withMessageContaining("key must be an entry key")
                .withMessageNotContaining("hunter2");
        assertThatExceptionOfType(VaultException.class)
                .isThrownBy(() -> RemoteJson.page(Map.of("items", List.of(entry, "x"), "totalEntries", 2,
                        "totalPages", 1)))
                .withMessageContaining("items[0].key");
        assertThatExceptionOfType(VaultException.class).isThrownBy(() -> RemoteJson.keyTerm(List.of()))
                .withMessageContaining("the answer must be a JSON object");
        assertThatExceptionOfType(VaultException.class)
                .isThrownBy(() -> RemoteJson.imported(Map.of("created", -1, "updated", 0)))
                .withMessageContaining("created must not be negative");
        assertThatExceptionOfType(VaultException.class)
                .isThrownBy(() -> RemoteJson.keyTerm(Map.of("keyTerm", new java.math.BigDecimal("1.5"))))
                .withMessageContaining("keyTerm must be an integer");
    }

    private String register(String content) throws Exception {
        ServedVault.Reply created = vault.call("POST", SNAPSHOTS + "/file?developerNotes=from%20test",
                ServedVault.ADMIN_TOKEN, content.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(created.status()).isEqualTo(201);
        Snapshot snapshot = RemoteSnapshotJson.snapshot(created.json());
        assertThat(snapshot).isEqualTo(vault.snapshots.get(OWNER, ACME, snapshot.id()));
        assertThat(snapshot.developerNote()).isEqualTo("from test");
        return snapshot.id();
    }

    private static VaultEntry withoutValue(VaultEntry entry) {
        return new VaultEntry(entry.key(), SecretValue.of(""), entry.valueType(), entry.visibility(),
                entry.attributeReferences(), entry.scopes());
    }

    // What a client reads of a tree the server writes.
    private static Object wire(Object tree) {
        return WireJson.read(WireJson.write(tree), WireJson.MAX_BODY, "the answer");
    }
}

package io.offlinevault.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.AccessDeniedException;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.error.LastAdminTokenException;
import io.offlinevault.domain.error.MethodNotAllowedException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.error.PayloadTooLargeException;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.http.codec.ErrorJson;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error answer of the HTTP API rebuilds the exception the local use case throws: same class where the domain
 * has one, same code, same message, same violations and keys; an answer that is not one of ours says so and never
 * quotes it.
 */
class RemoteErrorsTest {
    private static final Caller OWNER = Caller.owner();
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final OrganizationId STAGING = OrganizationId.of("staging");
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";

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
    void every_error_code_comes_back_with_its_class_code_message_and_details() {
        for (ErrorCode code : ErrorCode.values()) {
            // given
            VaultException original = example(code);
            byte[] body = code == ErrorCode.INTERNAL_ERROR ? WireJson.write(ErrorJson.internal("req-7"))
                    : WireJson.write(ErrorJson.of(original, "req-7"));
            // when
            VaultException decoded = RemoteErrors.exception(500, body);
            // then
            assertThat(decoded.code()).as(code.name()).isEqualTo(code);
            assertThat(decoded.getClass()).as(code.name()).isEqualTo(switch (code) {
                case LAST_ADMIN_TOKEN, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE, MISDIRECTED_REQUEST, INTERNAL_ERROR ->
                        RemoteFailureException.class;
                default -> original.getClass();
            });
            String message = switch (code) {
                case STORE_UNAVAILABLE -> ErrorJson.sealedMessage((StoreUnavailableException) original);
                case INTERNAL_ERROR -> "An unexpected error occurred; the server log has its request id. (request id"
                        + " req-7)";
                default -> original.getMessage();
            };
            assertThat(decoded.getMessage()).as(code.name()).isEqualTo(message);
            assertSameDetails(decoded, original);
        }
    }

    @Test
    void an_invalid_entry_comes_back_with_every_violation_the_local_create_reports() throws Exception {
        String body = """
                {"key": "bad key", "value": 12, "valueType": "SECRET", "attributeReferences": [{"jsonPath": "$.a"}]}""";

        VaultException remote = RemoteErrors.exception(400, vault.admin("POST", ENTRIES, body).body());

        assertSameAsLocal(remote, () -> vault.entries.create(OWNER, ACME,
                EntryDraft.of(WireJson.readObject(body.getBytes(StandardCharsets.UTF_8), WireJson.MAX_BODY, "x"))));
        assertThat(((InvalidEntryException) remote).violations()).hasSizeGreaterThan(3);
    }

    @Test
    void an_import_comes_back_with_the_violations_of_its_items_and_then_its_conflicts() throws Exception {
        // given
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("a").withValue("v"));
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("c").withValue("v"));
        String invalid = "[{\"key\": \"ok\", \"value\": \"v\"}, {\"key\": \"x\"}, {\"value\": \"v\"}]";
        String existing = "[{\"key\": \"c\", \"value\": \"v\"}, {\"key\": \"b\", \"value\": \"v\"},"
                + " {\"key\": \"a\", \"value\": \"v\"}]";
        // when
        VaultException violations = RemoteErrors.exception(400, vault.admin("POST", ENTRIES + "/import", invalid)
                .body());
        VaultException conflict = RemoteErrors.exception(409, vault.admin("POST", ENTRIES + "/import", existing)
                .body());
        // then
        assertSameAsLocal(violations, () -> vault.entries.importEntries(OWNER, ACME, drafts(invalid),
                ImportMode.CREATE_ONLY));
        assertSameAsLocal(conflict, () -> vault.entries.importEntries(OWNER, ACME, drafts(existing),
                ImportMode.CREATE_ONLY));
        assertThat(((AlreadyExistsException) conflict).keys()).containsExactly("c", "a");
    }

    @Test
    void entry_snapshot_and_token_failures_are_the_local_ones() throws Exception {
        // given
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("a").withValue("v"));
        vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("b").withValue("v"));
        String viewerToken = vault.tokens.create(OWNER, "viewer", Grant.of(Set.of(ACME),
                Set.of(Privilege.VAULT_ENTRY_VIEW))).token().reveal();
        Caller viewer = vault.tokens.authenticate(viewerToken);
        // then
        assertSameAsLocal(remote("POST", ENTRIES, "{\"key\": \"a\", \"value\": \"v\"}"),
                () -> vault.entries.create(OWNER, ACME, EntryDraft.empty().withKey("a").withValue("v")));
        assertSameAsLocal(remote("POST", ENTRIES + "/a/rename", "{\"newKey\": \"b\"}"),
                () -> vault.entries.rename(OWNER, ACME, EntryKey.of("a"), "b"));
        assertSameAsLocal(remote("POST", ENTRIES + "/a/rename", "{\"newKey\": \"a\"}"),
                () -> vault.entries.rename(OWNER, ACME, EntryKey.of("a"), "a"));
        assertSameAsLocal(remote("GET", ENTRIES + "/nope", null),
                () -> vault.entries.get(OWNER, ACME, EntryKey.of("nope")));
        assertSameAsLocal(remote("GET", "/rest/organizations/acme/snapshots/acme-nope", null),
                () -> vault.snapshots.get(OWNER, ACME, "acme-nope"));
        assertSameAsLocal(remote("DELETE", "/_offline-vault/tokens/nobody", null),
                () -> vault.tokens.revoke(OWNER, "nobody"));
        assertSameAsLocal(remote("POST", "/_offline-vault/tokens", "{\"name\": \"viewer\", \"privileges\":"
                        + " [\"VAULT_ENTRY:VIEW\"], \"allOrganizations\": true}"),
                () -> vault.tokens.create(OWNER, "viewer", Grant.inAllOrganizations(Set.of(Privilege.VAULT_ENTRY_VIEW))));
        VaultException lastAdmin = remote("DELETE", "/_offline-vault/tokens/admin", null);
        assertThat(lastAdmin.code()).isEqualTo(ErrorCode.LAST_ADMIN_TOKEN);
        assertThat(lastAdmin).hasMessage(new LastAdminTokenException("admin").getMessage());
        VaultException denied = RemoteErrors.exception(403, vault.call("POST", ENTRIES, viewerToken,
                "{\"key\": \"z\", \"value\": \"v\"}".getBytes(StandardCharsets.UTF_8), "application/json").body());
        assertSameAsLocal(denied, () -> vault.entries.create(viewer, ACME,
                EntryDraft.empty().withKey("z").withValue("v")));
    }

    @Test
    void a_fetch_conflict_comes_back_with_its_keys_and_message() throws Exception {
        // given: a snapshot that references two keys missing from both organizations
        String snapshot = RemoteSnapshotJson.snapshot(vault.call("POST", "/rest/organizations/acme/snapshots/file",
                ServedVault.ADMIN_TOKEN, ("{\"resources\": {\"SOURCE\": [{\"resourceName\": \"s\", \"model\": {\"a\":"
                        + " \"{{ VAULT.zz }}\", \"b\": \"{{ VAULT.yy }}\"}}]}}").getBytes(StandardCharsets.UTF_8),
                "application/json").json()).id();
        // when
        VaultException remote = remote("PUT", ENTRIES + "/fetch?referenceSnapshotId=" + snapshot
                + "&sourceOrganizationId=staging", null);
        // then
        assertSameAsLocal(remote, () -> vault.entries.fetch(OWNER, ACME, new FetchRequest(STAGING, snapshot,
                FetchStrategy.ALL_OR_NOTHING, false)));
        assertThat(((FetchConflictException) remote).keys()).containsExactly("yy", "zz");
        assertThat(remote.getMessage()).contains("holds no vault entry at all");
    }

    @Test
    void the_adapters_own_errors_keep_their_code_and_message() throws Exception {
        assertThat(remote("GET", ENTRIES + "?pageSize=0", null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("pageSize must be between 1 and");
        assertThat(remote("POST", ENTRIES, "{\"key\": ")).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("not valid JSON");
        assertThat(remote("POST", "/rest/organizations/acme/snapshots/file", "{}"))
                .isInstanceOf(InvalidSnapshotException.class);
        assertThat(RemoteErrors.exception(401, vault.call("GET", ENTRIES, null, null, null).body()))
                .isInstanceOf(InvalidTokenException.class);
        VaultException unknownRoute = remote("GET", "/rest/nowhere", null);
        assertThat(unknownRoute).isInstanceOf(NotFoundException.class);
        assertThat(unknownRoute.code()).isEqualTo(ErrorCode.NOT_FOUND);
        VaultException method = remote("PATCH", ENTRIES, null);
        assertThat(method.code()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(method).hasMessageStartingWith("This path accepts only ");
    }

    @Test
    void a_sealed_store_comes_back_with_why_it_is_sealed_and_never_its_paths() throws Exception {
        // given
        vault.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_TAMPERED,
                "journal.3 of /home/me/secret-place failed its tag")));
        // when
        ServedVault.Reply answer = vault.admin("GET", ENTRIES, null);
        ServedVault.Reply health = vault.call("GET", "/health", null, null, null);
        // then
        for (ServedVault.Reply reply : List.of(answer, health)) {
            assertThat(reply.status()).isEqualTo(503);
            VaultException sealed = RemoteErrors.exception(reply.status(), reply.body());
            assertThat(sealed).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("STORE_TAMPERED").hasMessageNotContaining("secret-place");
            assertThat(((StoreUnavailableException) sealed).reason()).isEqualTo(ErrorCode.STORE_TAMPERED);
        }
    }

    @Test
    void a_misdirected_request_and_the_jdks_own_400_come_back_as_failures() throws Exception {
        Raw misdirected = raw("GET /health HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
        Raw jdk = raw("GET " + ENTRIES + "/a[b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        VaultException host = RemoteErrors.exception(misdirected.status(), misdirected.body());
        VaultException html = RemoteErrors.exception(jdk.status(), jdk.body());

        assertThat(misdirected.status()).isEqualTo(421);
        assertThat(host.code()).isEqualTo(ErrorCode.MISDIRECTED_REQUEST);
        assertThat(host).hasMessageContaining("--allowed-host");
        assertThat(jdk.status()).isEqualTo(400);
        assertThat(html.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(html).hasMessage("The server answered HTTP 400 without an error body this command understands;"
                + " the server's log may say more.");
    }

    @Test
    void a_body_that_is_not_an_error_of_ours_is_named_by_its_status_and_never_quoted() {
        List<String> bodies = List.of("", "<html>hunter2</html>", "[\"hunter2\"]", "{\"errorCode\": \"TEAPOT\","
                + " \"message\": \"hunter2\"}", "{\"errorCode\": \"INVALID_PARAMETER\"}", "{\"errorCode\": 7,"
                + " \"message\": \"hunter2\"}", "{\"errorCode\": \"INVALID_VAULT_ENTRY\", \"message\": \"hunter2\"}",
                "{\"errorCode\": \"INVALID_VAULT_ENTRY\", \"message\": \"m\", \"violations\": []}",
                "{\"errorCode\": \"VAULT_FETCH_CONFLICT\", \"message\": \"hunter2\"}",
                "{\"errorCode\": \"STORE_UNAVAILABLE\", \"message\": \"m\", \"storeError\": \"hunter2\"}");
        for (String body : bodies) {
            VaultException e = RemoteErrors.exception(502, body.getBytes(StandardCharsets.UTF_8));
            assertThat(e.code()).as(body).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e).as(body).hasMessageStartingWith("The server answered HTTP 502 without an error body")
                    .hasMessageNotContaining("hunter2");
        }
        byte[] notUtf8 = {'{', (byte) 0xC3, '}'};
        assertThat(RemoteErrors.exception(500, notUtf8).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void an_older_servers_body_without_keys_or_store_error_still_comes_back() {
        VaultException exists = RemoteErrors.exception(409, json(Map.of("errorCode", "VAULT_ENTRY_ALREADY_EXISTS",
                "message", "A vault entry with key 'a' already exists.", "requestID", "r")));
        VaultException sealed = RemoteErrors.exception(503, json(Map.of("errorCode", "STORE_UNAVAILABLE",
                "message", "sealed", "requestID", "r")));

        assertThat(((AlreadyExistsException) exists).keys()).isEmpty();
        assertThat(exists).hasMessage("A vault entry with key 'a' already exists.");
        assertThat(((StoreUnavailableException) sealed).reason()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void control_characters_of_a_message_never_reach_the_terminal_and_an_odd_request_id_is_left_out() {
        VaultException colored = RemoteErrors.exception(400, json(Map.of("errorCode", "INVALID_PARAMETER",
                "message", "bad \u001B[31mred\u001B[0m\r\nline", "requestID", "r")));
        VaultException internal = RemoteErrors.exception(500, json(Map.of("errorCode", "INTERNAL_ERROR",
                "message", "An unexpected error occurred.", "requestID", "a b\u001B")));

        assertThat(colored).hasMessage("bad \uFFFD[31mred\uFFFD[0m\uFFFD\nline");
        assertThat(internal).hasMessage("An unexpected error occurred.");
    }

    // One exception of each code, as the domain or the adapters throw it; exhaustive, so a new code must be added.
    private static VaultException example(ErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER -> new InvalidParameterException("pageSize must be between 1 and 1000.");
            case INVALID_JSON -> new InvalidJsonException("The request body is not valid JSON.");
            case INVALID_VAULT_ENTRY -> new InvalidEntryException(List.of(
                    new Violation("key", "key.reserved", "must not be '.'"),
                    new Violation("items[3].value", "value.blank", "must not be blank")));
            case INVALID_SNAPSHOT -> new InvalidSnapshotException("SOURCE.json: resources.SOURCE[3].resourceName");
            case INVALID_TOKEN -> new InvalidTokenException("The bearer token is unknown.");
            case ACCESS_DENIED -> new AccessDeniedException("The token lacks VAULT_ENTRY:EDIT in acme.");
            case VAULT_ENTRY_NOT_FOUND -> NotFoundException.entry(ACME, "k");
            case SNAPSHOT_NOT_FOUND -> NotFoundException.snapshot(ACME, "acme-x");
            case TOKEN_NOT_FOUND -> NotFoundException.token("ci");
            case NOT_FOUND -> NotFoundException.route("No route GET /x.");
            case METHOD_NOT_ALLOWED -> new MethodNotAllowedException(List.of("GET", "POST"));
            case MISDIRECTED_REQUEST -> new RemoteFailureException(code, "The Host header does not name this server.");
            case VAULT_ENTRY_ALREADY_EXISTS -> AlreadyExistsException.entries(ACME, List.of("b", "a"));
            case TOKEN_ALREADY_EXISTS -> AlreadyExistsException.token("ci");
            case LAST_ADMIN_TOKEN -> new LastAdminTokenException("admin");
            case VAULT_FETCH_CONFLICT -> new FetchConflictException(List.of("a", "b"), true);
            case PAYLOAD_TOO_LARGE -> new PayloadTooLargeException(1024);
            case STORE_UNAVAILABLE -> new StoreUnavailableException(ErrorCode.COMMIT_OUTCOME_UNKNOWN,
                    "the fsync of /data/journal.3 failed");
            case STORE_WRITE_FAILED, COMMIT_OUTCOME_UNKNOWN, STORE_NO_SPACE, STORE_LOCKED, STORE_MISSING, STORE_CORRUPT,
                    STORE_WRONG_KEY, STORE_TAMPERED, STORE_UNSUPPORTED_VERSION, STORE_PERMISSIONS, STORE_CONFLICT ->
                    new StoreException(code, "The store says " + code + ": do this.");
            case INTERNAL_ERROR -> new RemoteFailureException(code, "unused: ErrorJson.internal writes its own");
        };
    }

    private VaultException remote(String method, String path, String body) throws Exception {
        ServedVault.Reply reply = vault.admin(method, path, body);
        assertThat(reply.status()).as(method + " " + path).isGreaterThanOrEqualTo(400);
        return RemoteErrors.exception(reply.status(), reply.body());
    }

    // The local use case throws the same class, code and message, with the same violations and keys.
    private static void assertSameAsLocal(VaultException remote, ThrowingCallable local) {
        VaultException expected = catchThrowableOfType(VaultException.class, local);
        assertThat(expected).as("the local call fails").isNotNull();
        assertThat(remote.getClass()).isEqualTo(expected.getClass());
        assertThat(remote.code()).isEqualTo(expected.code());
        assertThat(remote).hasMessage(expected.getMessage());
        assertSameDetails(remote, expected);
    }

    private static void assertSameDetails(VaultException decoded, VaultException original) {
        if (original instanceof InvalidEntryException invalid) {
            assertThat(((InvalidEntryException) decoded).violations()).isEqualTo(invalid.violations());
        }
        if (original instanceof AlreadyExistsException exists) {
            assertThat(((AlreadyExistsException) decoded).keys()).isEqualTo(exists.keys());
        }
        if (original instanceof FetchConflictException conflict) {
            assertThat(((FetchConflictException) decoded).keys()).isEqualTo(conflict.keys());
        }
        if (original instanceof StoreUnavailableException sealed) {
            assertThat(((StoreUnavailableException) decoded).reason()).isEqualTo(sealed.reason());
        }
    }

    private static List<EntryDraft> drafts(String items) {
        return ((List<?>) WireJson.read(items.getBytes(StandardCharsets.UTF_8), WireJson.MAX_BODY, "x")).stream()
                .map(item -> EntryDraft.of(object(item))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> object(Object json) {
        return (Map<String, ?>) json;
    }

    private static byte[] json(Object tree) {
        return WireJson.write(tree);
    }

    /** A raw HTTP answer: its status and body. */
    private record Raw(int status, byte[] body) {
    }

    // What the JDK client cannot send: a foreign Host header, a raw bracket in the path.
    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", vault.port()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            String head = new String(answer, StandardCharsets.ISO_8859_1);
            int end = head.indexOf("\r\n\r\n");
            assertThat(end).as("the end of the answer's headers").isPositive();
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, Arrays.copyOfRange(answer, end + 4, answer.length));
        }
    }
}

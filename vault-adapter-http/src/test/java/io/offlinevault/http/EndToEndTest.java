package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each route family once over a real socket on 127.0.0.1, port 0, with the JDK's HTTP client. */
class EndToEndTest {
    private final Api api = new Api();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final RunningServer server = new RunningServer(api);

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_vault_entry_routes_work_over_a_socket() throws Exception {
        String entries = "/rest/organizations/acme/vaultentries";

        HttpResponse<String> created = send("POST", entries, "{\"key\": \"a:b\", \"value\": \"v\", \"vaultVisibilityType\": \"PUBLIC\"}");
        HttpResponse<String> listed = send("GET", entries + "?pageSize=1", null);
        HttpResponse<String> updated = send("PUT", entries + "/a%3Ab", "{\"value\": \"w\"}");
        HttpResponse<String> deleted = send("DELETE", entries + "/a%3Ab", null);
        HttpResponse<String> gone = send("GET", entries + "/a%3Ab", null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"totalEntries\":1");
        assertThat(updated.body()).contains("\"value\":\"w\"");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("content-type")).contains("application/json");
        assertThat(gone.headers().firstValue("x-request-id")).isPresent();
        assertThat(gone.headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void the_platform_routes_work_over_a_socket() throws Exception {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> organizations = send("GET", "/rest/organizations", null);
        HttpResponse<String> evaluate = send("POST", "/rest/privilege/evaluate", "{\"requestedPrivilege\": {\"targetDomain\":"
                + " \"LINK\", \"type\": \"EDIT\"}, \"organizationId\": \"acme\"}");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(organizations.statusCode()).isEqualTo(200);
        assertThat(evaluate.body()).isEqualTo("{\"approved\":true}");
    }

    @Test
    void the_snapshot_routes_work_over_a_socket() throws Exception {
        String snapshots = "/rest/organizations/acme/snapshots";
        byte[] example;
        try (var in = getClass().getResourceAsStream("/examples/snapshot-content-with-vault-placeholders.json")) {
            example = in.readAllBytes();
        }
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + snapshots + "/file?snapshotFileType=JSON"))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(example)).build(), HttpResponse.BodyHandlers.ofString());
        String id = created.body().replaceFirst("^\\{\"id\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> dryRun = send("PUT", snapshots + "/" + id + "/dryrun?deleteMissingResources=false", "{}");
        HttpResponse<byte[]> content = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + snapshots + "/" + id + "/content"))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> deleted = send("DELETE", snapshots + "/" + id, null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(id).matches("acme-[a-z2-7]{26}");
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.body()).contains("\"resultCode\":\"RESOURCES_IN_ERROR\"", "INVALID_PLACEHOLDER");
        assertThat(content.headers().firstValue("content-type")).contains("application/zip");
        assertThat(new String(content.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(deleted.statusCode()).isEqualTo(204);
    }

    @Test
    void a_huge_body_is_refused_with_413_without_being_read() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /rest/organizations/acme/vaultentries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Api.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000000\r\n\r\n{\"key\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
        assertThat(send("GET", "/rest/organizations/acme/vaultentries", null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_raw_bracket_in_the_path_gets_the_jdk_servers_own_400_and_the_server_keeps_serving() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /rest/organizations/acme/vaultentries/a[b] HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + Api.ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 ");
        }
        assertThat(send("GET", "/rest/organizations/acme/vaultentries/a%5Bb%5D", null).statusCode()).isEqualTo(404);
    }
}

package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.ServeRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid snapshot under the 64 MiB upload limit whose content encodes to more than the store's 64 MiB blob limit
 * (issue 20, item 5): 413 PAYLOAD_TOO_LARGE naming the limit, not 500 STORE_WRITE_FAILED; nothing stored, the
 * store stays open. The upload is a small ZIP that inflates to 60,000,000 bytes of numbers written {@code 1e9},
 * which the store encodes as {@code 1E+9}: 75,000,000 bytes. Tagged slow: parsing 15 million numbers takes 10 to
 * 40 s here.
 */
class OversizedSnapshotServeTest {
    private static final int NUMBERS = 15_000_000;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path root;

    @Test
    @Tag("slow")
    void a_snapshot_that_encodes_over_the_blob_limit_is_413_naming_the_limit_and_the_store_stays_open()
            throws Exception {
        // given
        byte[] zip = zipOfNumbers();
        try (ServeRun serve = ServeRun.start(root, "--port", "0")) {
            String token = Files.readString(root.resolve("data").resolve("admin.token"), UTF_8).strip();
            // when
            HttpResponse<String> upload = send(serve.port(), HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + serve.port() + "/rest/organizations/acme/snapshots/file?snapshotFileType=ZIP"))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip)), token);
            // then
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(413);
            assertThat(upload.body()).contains("\"errorCode\":\"PAYLOAD_TOO_LARGE\"")
                    .contains("over the store's 67108864-byte limit: nothing was written; split the snapshot");
            HttpResponse<String> health = send(serve.port(), HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + serve.port() + "/health")).GET(), null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            HttpResponse<String> snapshots = send(serve.port(), HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + serve.port() + "/rest/organizations/acme/snapshots")).GET(), token);
            assertThat(snapshots.body()).isEqualTo("[]");
            assertThat(serve.stop()).isZero();
        }
    }

    private static HttpResponse<String> send(int port, HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // {"resources":{"SOURCE":[{"resourceName":"big","model":{"v":[1e9,1e9,...]}}]}}, deflated
    private static byte[] zipOfNumbers() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("big.json"));
            zip.write("{\"resources\":{\"SOURCE\":[{\"resourceName\":\"big\",\"model\":{\"v\":[1e9".getBytes(UTF_8));
            byte[] more = ",1e9".repeat(10_000).getBytes(UTF_8);
            for (int i = 1; i < NUMBERS; i += 10_000) {
                zip.write(more, 0, Math.min(10_000, NUMBERS - i) * 4);
            }
            zip.write("]}}]}}".getBytes(UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}

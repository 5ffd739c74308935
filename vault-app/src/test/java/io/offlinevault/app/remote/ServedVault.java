package io.offlinevault.app.remote;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.OperationsService;
import io.offlinevault.domain.service.PlatformService;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.testing.FakeMaintenance;
import io.offlinevault.http.VaultHttpServer;
import io.offlinevault.http.codec.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory vault served by the real {@link VaultHttpServer} on 127.0.0.1, port 0, and a JDK client for it: the
 * local use cases and the wire answers of the same vault side by side. Close it after each test.
 */
final class ServedVault implements AutoCloseable {
    static final String ADMIN_TOKEN = "ovt_" + "R".repeat(43);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final InMemoryVaultRepository repository = InMemoryVaultRepository.create(
            TokenService.firstCommit(SecretValue.of(ADMIN_TOKEN), 1L));
    final TokenService tokens = new TokenService(repository, IdGenerator.secure(), Clock.system());
    final VaultEntryService entries = new VaultEntryService(repository);
    final SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());
    final OperationsService operations = new OperationsService(repository, Optional.of(new FakeMaintenance()),
            "remote-test", Clock.system());
    final AtomicReference<Optional<StoreUnavailableException>> sealed = new AtomicReference<>(Optional.empty());
    private final VaultHttpServer server;

    ServedVault() throws IOException {
        VaultHttpServer.configureJdkServer();
        server = VaultHttpServer.start(new VaultHttpServer.Settings("127.0.0.1", 0), new VaultHttpServer.Services(
                entries, entries, snapshots, snapshots, tokens, new PlatformService(repository), operations,
                sealed::get, Optional.empty()));
    }

    /** One answer: its status and body. */
    record Reply(int status, byte[] body) {
        /** {@return the body as the client reads it} */
        Object json() {
            return WireJson.read(body, Integer.MAX_VALUE - 8, "the answer");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** {@return the answer to {@code method path} as the admin, with a JSON body unless {@code json} is null} */
    Reply admin(String method, String path, String json) throws Exception {
        return call(method, path, ADMIN_TOKEN, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /** {@return the answer to {@code method path} with {@code token} (none when null) and {@code body}} */
    Reply call(String method, String path, String token, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

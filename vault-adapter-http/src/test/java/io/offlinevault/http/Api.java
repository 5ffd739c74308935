package io.offlinevault.http;

import com.sun.net.httpserver.Headers;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.service.OperationsService;
import io.offlinevault.domain.service.PlatformService;
import io.offlinevault.domain.service.ResetService;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.domain.testing.FakeMaintenance;
import io.offlinevault.http.codec.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The API on an in-memory vault, called without a socket through the real {@link Router}: what the
 * route-function tests use. The admin token is {@link #ADMIN_TOKEN}; {@code POST /_offline-vault/reset} goes
 * back to a vault that holds only that token.
 */
final class Api {
    static final String ADMIN_TOKEN = "ovt_" + "A".repeat(43);

    final InMemoryVaultRepository repository = InMemoryVaultRepository.create(
            TokenService.firstCommit(SecretValue.of(ADMIN_TOKEN), 1L));
    final TokenService tokens = new TokenService(repository, IdGenerator.secure(), Clock.system());
    final VaultEntryService entries = new VaultEntryService(repository);
    final SnapshotService snapshots = new SnapshotService(repository, Clock.system(), IdGenerator.secure());
    final FakeMaintenance maintenance = new FakeMaintenance();
    final OperationsService operations = new OperationsService(repository, Optional.of(maintenance), "test",
            Clock.system());
    final AtomicReference<Optional<StoreUnavailableException>> sealed = new AtomicReference<>(Optional.empty());
    // saved now: a reset goes back to a vault that holds only the admin token
    final ResetService reset = new ResetService(repository);
    final VaultHttpServer.Services services = new VaultHttpServer.Services(entries, entries,
            snapshots, snapshots, tokens, new PlatformService(repository), operations, sealed::get, Optional.of(reset));
    final Router router;

    /** The API without CORS. */
    Api() {
        this(Set.of());
    }

    /** The API letting browser pages from {@code corsOrigins} call it. */
    Api(Set<String> corsOrigins) {
        this(corsOrigins, Set.of());
    }

    /** The API on 127.0.0.1 for browser pages from {@code corsOrigins}, answering for {@code allowedHosts} too. */
    Api(Set<String> corsOrigins, Set<String> allowedHosts) {
        router = new Router(RouteTable.of(services), services, corsOrigins,
                HostCheck.of("127.0.0.1", Optional.empty(), allowedHosts));
    }

    /** {@return the Host check of a server listening on 127.0.0.1} */
    static HostCheck loopback() {
        return HostCheck.of("127.0.0.1", Optional.empty(), Set.of());
    }

    /** The answer to one request. */
    record Answer(int status, Map<String, List<String>> headers, byte[] bytes, boolean closed, int bodyBytesRead) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Object json() {
            return WireJson.read(bytes, Integer.MAX_VALUE - 8, "the response");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }

        /** {@return {@code field} of each object in the array {@code arrayField} of the body} */
        List<Object> column(String arrayField, String field) {
            return ((List<?>) object().get(arrayField)).stream().map(item -> ((Map<?, ?>) item).get(field)).map(o -> (Object) o)
                    .toList();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** {@return a token named {@code name} granting {@code grant}} */
    String token(String name, Grant grant) {
        IssuedToken issued = tokens.create(Caller.owner(), name, grant);
        return issued.token().reveal();
    }

    Answer call(String method, String pathAndQuery, String token, String body) {
        return call(method, pathAndQuery, token, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    Answer call(String method, String pathAndQuery, String token, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (body.length > 0 && !headers.containsKey("Content-Type")) {
            headers.put("Content-Type", "application/json");
        }
        return answer(new FakeExchange(method, pathAndQuery, headers, body));
    }

    /** {@return the answer to a request with exactly {@code headers}} (no {@code Host} added, repeated names kept) */
    Answer exactly(String method, String pathAndQuery, Headers headers) {
        return answer(new FakeExchange(method, pathAndQuery, headers, new byte[0]));
    }

    private Answer answer(FakeExchange exchange) {
        router.handle(exchange);
        Map<String, List<String>> responseHeaders = new HashMap<>();
        exchange.getResponseHeaders().forEach(responseHeaders::put);
        return new Answer(exchange.status(), responseHeaders, exchange.body(), exchange.isClosed(),
                exchange.bodyBytesRead());
    }

    Answer admin(String method, String pathAndQuery, String body) {
        return call(method, pathAndQuery, ADMIN_TOKEN, body);
    }
}

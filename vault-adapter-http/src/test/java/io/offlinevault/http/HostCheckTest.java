package io.offlinevault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.Headers;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreUnavailableException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Host check of API.md 6 (DNS rebinding), first of all: 421 {@code MISDIRECTED_REQUEST} in JSON. Without a socket. */
class HostCheckTest {
    private static final String ENTRIES = "/rest/organizations/acme/vaultentries";
    private static final String ORIGIN = "http://localhost:5173";

    private final Api api = new Api();

    private static Headers host(String value) {
        Headers headers = new Headers();
        headers.add("Host", value);
        return headers;
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost:8787", "127.0.0.1", "127.0.0.1:1", "127.255.3.9:8787", "[::1]",
        "[::1]:8787", "localhost:"})
    void a_loopback_name_with_any_port_is_answered(String host) {
        assertThat(api.exactly("GET", "/health", host(host)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8787", "localhost.evil.example", "127.0.0.1.evil.example",
        "128.0.0.1", "127.0.0.256", "127.0.0", "[::2]:8787", "::1", "localhost:80:80", "localhost:port", "",
        "evil.example\u0000"})
    void any_other_host_is_421_misdirected_request_without_echoing_it(String host) {
        Api.Answer answer = api.exactly("GET", "/health", host(host));

        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.object()).containsEntry("errorCode", "MISDIRECTED_REQUEST")
                .containsEntry("requestID", answer.header("X-Request-ID"));
        assertThat(answer.text()).doesNotContain("evil", "128.0", "::2", "80:80");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void no_host_or_two_hosts_are_421() {
        Headers two = host("localhost");
        two.add("Host", "127.0.0.1");

        assertThat(api.exactly("GET", "/health", new Headers()).status()).isEqualTo(421);
        assertThat(api.exactly("GET", "/health", two).status()).isEqualTo(421);
    }

    @Test
    void the_host_check_comes_before_a_sealed_store_the_token_and_the_route() {
        // given
        Headers headers = host("rebound.example");
        headers.add("Authorization", "Bearer " + Api.ADMIN_TOKEN);
        // when
        Api.Answer withToken = api.exactly("GET", ENTRIES, headers);
        Api.Answer noToken = api.exactly("GET", ENTRIES, host("rebound.example"));
        Api.Answer noRoute = api.exactly("GET", "/nowhere", host("rebound.example"));
        api.sealed.set(Optional.of(new StoreUnavailableException(ErrorCode.STORE_CORRUPT, "damaged")));
        Api.Answer sealed = api.exactly("GET", ENTRIES, headers);
        // then
        assertThat(withToken.status()).isEqualTo(421);
        assertThat(noToken.status()).isEqualTo(421);
        assertThat(noRoute.status()).isEqualTo(421);
        assertThat(sealed.status()).isEqualTo(421);
        assertThat(api.admin("GET", ENTRIES, null).status()).isEqualTo(503);
    }

    @Test
    void a_cors_preflight_from_a_foreign_host_is_421_without_cors_headers() {
        Api cors = new Api(Set.of(ORIGIN));
        Headers headers = host("rebound.example:8787");
        headers.add("Origin", ORIGIN);
        headers.add("Access-Control-Request-Method", "GET");

        Api.Answer answer = cors.exactly("OPTIONS", ENTRIES, headers);

        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        assertThat(cors.call("OPTIONS", ENTRIES, null, new byte[0], Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "GET")).status()).isEqualTo(204);
    }

    @Test
    void an_absolute_form_target_must_name_an_accepted_host_too() {
        assertThat(api.exactly("GET", "http://rebound.example/health", host("localhost")).status()).isEqualTo(421);
        assertThat(api.exactly("GET", "http://localhost:8787/health", host("localhost")).status()).isEqualTo(200);
    }

    @Test
    void allowed_host_names_are_answered_case_insensitively_with_any_port() {
        Api remote = new Api(Set.of(), Set.of("Vault.Example.Internal", "192.0.2.7"));

        assertThat(remote.exactly("GET", "/health", host("vault.example.internal:8787")).status()).isEqualTo(200);
        assertThat(remote.exactly("GET", "/health", host("VAULT.EXAMPLE.INTERNAL")).status()).isEqualTo(200);
        assertThat(remote.exactly("GET", "/health", host("192.0.2.7:80")).status()).isEqualTo(200);
        assertThat(remote.exactly("GET", "/health", host("localhost")).status()).isEqualTo(200);
        assertThat(remote.exactly("GET", "/health", host("other.example.internal")).status()).isEqualTo(421);
        assertThat(remote.exactly("GET", "/health", host("vault.example.internal.evil")).status()).isEqualTo(421);
    }

    @Test
    void the_listening_host_as_given_and_the_address_it_bound_are_answered() throws Exception {
        HostCheck anyAddress = HostCheck.of("0.0.0.0", Optional.of(InetAddress.getByName("0.0.0.0")), Set.of());
        HostCheck named = HostCheck.of("Vault-Box", Optional.of(InetAddress.getByName("192.0.2.7")), Set.of());
        HostCheck ipv6 = HostCheck.of("::1", Optional.of(InetAddress.getByName("::1")), Set.of());

        assertThat(anyAddress.accepts("0.0.0.0:8787")).isTrue();
        assertThat(anyAddress.accepts("192.0.2.7")).isFalse();
        assertThat(named.accepts("vault-box:8787")).isTrue();
        assertThat(named.accepts("192.0.2.7:8787")).isTrue();
        assertThat(ipv6.accepts("[0:0:0:0:0:0:0:1]:8787")).isTrue();
        assertThat(ipv6.accepts("[::1]:8787")).isTrue();
    }

    @Test
    void a_port_is_a_colon_and_at_most_five_digits() throws Exception {
        HostCheck check = HostCheck.of("127.0.0.1", Optional.of(InetAddress.getByName("127.0.0.1")), Set.of());

        for (String host : new String[] {"127.0.0.1", "127.0.0.1:", "127.0.0.1:8", "127.0.0.1:65535", "127.0.0.1:99999",
                "localhost:0", "[::1]:", "127.9.8.7:1"}) {
            assertThat(check.accepts(host)).as(host).isTrue();
        }
        for (String host : new String[] {"127.0.0.1:123456", "127.0.0.1:8a", "127.0.0.1: 8", "127.0.0.1::8",
                "127.0.0.1:-1", "localhost:+80", "[::1]8787", "[::1]:８"}) {
            assertThat(check.accepts(host)).as(host).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", "*.example.com", "http://vault.example", "vault.example:8787", "vault.example/",
        "vault example", "[::1", "a..b", ".example", "vault.example."})
    void an_allowed_host_that_is_not_a_host_name_is_refused_with_a_message_saying_what_to_give(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> VaultHttpServer.Settings.allowedHost(raw))
                .withMessageContaining("not a host name")
                .withMessageContaining("such as");
    }

    @Test
    void allowed_hosts_are_kept_in_lower_case_with_ipv6_in_brackets() {
        VaultHttpServer.Settings settings = new VaultHttpServer.Settings("0.0.0.0", 0, Set.of(),
                Set.of("Vault.Example", "::1", "[FE80::1]", "192.0.2.7"));

        assertThat(settings.allowedHosts()).containsExactlyInAnyOrder("vault.example", "[::1]", "[fe80::1]", "192.0.2.7");
        assertThat(new VaultHttpServer.Settings("127.0.0.1", 0).allowedHosts()).isEmpty();
        assertThat(new VaultHttpServer.Settings("127.0.0.1", 0, Set.of()).allowedHosts()).isEmpty();
    }
}

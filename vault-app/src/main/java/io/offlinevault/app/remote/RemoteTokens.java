package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Grant;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.TokenRecord;
import io.offlinevault.domain.access.TokenSummary;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.http.codec.TokenJson;
import java.util.List;
import java.util.Map;

/**
 * {@link Tokens} over a running server's admin token routes (API.md 6). {@link #authenticate} is the server's own
 * step (the command line's token is checked by every request it sends), so it is not a remote call.
 */
final class RemoteTokens implements Tokens {
    private static final String TOKENS = "/_offline-vault/tokens";

    private final VaultClient client;

    RemoteTokens(VaultClient client) {
        this.client = requireNonNull(client, "client");
    }

    /** Not offered remotely: the server authenticates each request of the command line itself. */
    @Override
    public Caller authenticate(String token) {
        throw new UnsupportedOperationException("a server authenticates its own requests");
    }

    @Override
    public IssuedToken create(Caller caller, String name, Grant grant) {
        return RemoteJson.issued(client.post(TOKENS).json(body(name, grant)).answer());
    }

    @Override
    public TokenRecord register(Caller caller, String name, Grant grant, SecretValue token) {
        Map<String, Object> body = body(name, grant);
        body.put("value", token.reveal());
        return RemoteJson.issued(client.post(TOKENS).json(body).answer()).record();
    }

    @Override
    public List<TokenSummary> list(Caller caller) {
        return RemoteJson.tokens(client.get(TOKENS).answer());
    }

    @Override
    public void revoke(Caller caller, String name) {
        client.delete(TOKENS + "/" + VaultClient.segment(name)).send();
    }

    // The wire form of a token, as the list shows it, without the date the server sets.
    private static Map<String, Object> body(String name, Grant grant) {
        Map<String, Object> body = TokenJson.of(new TokenSummary(name, grant, 0));
        body.remove("createdDate");
        return body;
    }
}

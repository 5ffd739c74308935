package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.IssuedToken;
import io.offlinevault.domain.access.TokenDraft;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.http.codec.TokenJson;

/**
 * The token routes (API.md 6, ext), each for the admin token only (every privilege in every organization):
 * {@code POST /_offline-vault/tokens} creates a token and shows its value this once (generated unless the body
 * gives one), {@code GET} lists them by name without values or digests, {@code DELETE .../{name}} revokes one
 * but never the last token with every privilege everywhere. The body follows the seed file's rules
 * ({@link TokenDraft}); a bad one is 400 {@code INVALID_PARAMETER} naming every problem.
 */
final class TokenRoutes {
    static final String TOKENS = "/_offline-vault/tokens";
    static final String TOKEN = TOKENS + "/{name}";

    private final Tokens tokens;

    TokenRoutes(Tokens tokens) {
        this.tokens = requireNonNull(tokens, "tokens");
    }

    /** Adds the three routes, each needing every privilege in every organization. */
    void register(RouteTable.Builder routes) {
        routes.addForEverything("POST", TOKENS, this::create)
                .addForEverything("GET", TOKENS, this::list)
                .addForEverything("DELETE", TOKEN, this::revoke);
    }

    private Response create(Request request) {
        TokenDraft draft = TokenDraft.parse(request.jsonObject());
        Caller caller = request.caller();
        IssuedToken issued = draft.value()
                .map(value -> new IssuedToken(tokens.register(caller, draft.name(), draft.grant(), value), value))
                .orElseGet(() -> tokens.create(caller, draft.name(), draft.grant()));
        return Response.json(201, TokenJson.issued(issued));
    }

    private Response list(Request request) {
        return Response.json(200, TokenJson.list(tokens.list(request.caller())));
    }

    private Response revoke(Request request) {
        tokens.revoke(request.caller(), request.pathParameter("name"));
        return Response.noContent();
    }
}

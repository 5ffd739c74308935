package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.port.in.Reset;

/**
 * {@code POST /_offline-vault/reset} (ext): puts an ephemeral server back to its seed, for test suites that
 * reset between tests. Registered only when the server has a {@link Reset}; needs the admin token (every
 * privilege in every organization); answers 204. The body is ignored (empty or any JSON value).
 */
final class ResetRoutes {
    static final String RESET = "/_offline-vault/reset";

    private final Reset reset;

    ResetRoutes(Reset reset) {
        this.reset = requireNonNull(reset, "reset");
    }

    void register(RouteTable.Builder routes) {
        routes.addForEverything("POST", RESET, this::reset);
    }

    private Response reset(Request request) {
        request.ignoreJsonBody();
        reset.reset(request.caller());
        return Response.noContent();
    }
}

package io.offlinevault.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /_offline-vault/openapi.json} (ext): the OpenAPI 3.1 document of every route, without a token. The
 * document is kept in the repository beside this class ({@code openapi.json}) and served as it is; a test holds it
 * to the route table both ways.
 */
final class OpenApiRoutes {
    static final String OPENAPI = "/_offline-vault/openapi.json";
    /** The document's name, beside this class. */
    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    OpenApiRoutes() {
        this.document = document();
    }

    void register(RouteTable.Builder routes) {
        routes.addPublic("GET", OPENAPI, request -> new Response(200, Map.of("Content-Type", Response.JSON), document));
    }

    /** {@return the document's bytes} A build without it is broken: that is an {@link IllegalStateException}. */
    static byte[] document() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + OpenApiRoutes.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Privilege;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One route: a method and a path template ({@code {name}} segments are parameters), whether it needs
 * a bearer token, the privilege it needs in the path's organization, its body limit, a check of its
 * path and query parameters that runs before the privilege check (API.md precedence), and its handler.
 */
record Route(String method, String template, boolean authenticated, Optional<Privilege> privilege, int bodyLimit,
             Consumer<Request> parameterCheck, Function<Request, Response> handler) {
    Route {
        requireNonNull(method, "method");
        requireNonNull(template, "template");
        requireNonNull(privilege, "privilege");
        requireNonNull(parameterCheck, "parameterCheck");
        requireNonNull(handler, "handler");
    }

    /** {@return the template's segments (the leading empty one dropped)} */
    List<String> segments() {
        return List.of(template.substring(1).split("/", -1));
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}

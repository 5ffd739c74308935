package io.offlinevault.http;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.error.MethodNotAllowedException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.http.codec.WireJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every route of the server, and how a raw path finds its route: segment by segment on the raw path,
 * a literal segment winning over a parameter; then the method, or 405 with the methods the path has.
 * Immutable once built.
 */
final class RouteTable {
    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** {@return every route of the API} */
    static RouteTable of(VaultHttpServer.Services services) {
        Builder builder = new Builder();
        new EntryRoutes(services.entries(), services.imports()).register(builder);
        new SnapshotRoutes(services.snapshots(), services.checks()).register(builder);
        new PlatformRoutes(services.tokens(), services.platform(), services.sealed()).register(builder);
        new TokenRoutes(services.tokens()).register(builder);
        services.reset().ifPresent(reset -> new ResetRoutes(reset).register(builder));
        new OperationRoutes(services.operations()).register(builder);
        new OpenApiRoutes().register(builder);
        return builder.build();
    }

    List<Route> routes() {
        return routes;
    }

    /** A route found for a request, with the raw (still encoded) values of its path parameters. */
    record Match(Route route, Map<String, String> rawParameters) {
    }

    /**
     * {@return the route for {@code method} and {@code rawPath}, among the routes that need a token or not}
     *
     * @throws NotFoundException when no template matches the path
     * @throws MethodNotAllowedException when templates match but none with this method
     */
    Match match(String method, String rawPath, boolean authenticated) {
        Optional<List<Route>> best = bestTemplate(rawPath, authenticated);
        if (best.isEmpty()) {
            throw NotFoundException.route("No route matches this path; keys go percent-encoded in paths.");
        }
        Route route = best.get().stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new MethodNotAllowedException(best.get().stream().map(Route::method).toList()));
        return new Match(route, parameters(route, segments(rawPath)));
    }

    /** {@return whether a route that needs no token has this path} */
    boolean isPublicPath(String rawPath) {
        return bestTemplate(rawPath, false).isPresent();
    }

    // The routes of the most specific template that matches: at the first segment where two templates differ,
    // a literal beats a parameter.
    private Optional<List<Route>> bestTemplate(String rawPath, boolean authenticated) {
        List<String> path = segments(rawPath);
        return routes.stream()
                .filter(route -> route.authenticated() == authenticated && matches(route.segments(), path))
                .map(Route::template)
                .distinct()
                .min(Comparator.comparing(template -> specificity(template)))
                .map(template -> routes.stream().filter(r -> r.template().equals(template)).toList());
    }

    // A string that sorts literal-first, segment by segment.
    private static String specificity(String template) {
        StringBuilder key = new StringBuilder();
        for (String segment : template.substring(1).split("/", -1)) {
            key.append(Route.isParameter(segment) ? '1' : '0');
        }
        return key.toString();
    }

    private static boolean matches(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            boolean ok = Route.isParameter(segment) ? !path.get(i).isEmpty() : segment.equals(path.get(i));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> parameters(Route route, List<String> path) {
        Map<String, String> values = new HashMap<>();
        List<String> template = route.segments();
        for (int i = 0; i < template.size(); i++) {
            if (Route.isParameter(template.get(i))) {
                String name = template.get(i).substring(1, template.get(i).length() - 1);
                values.put(name, path.get(i));
            }
        }
        return values;
    }

    private static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return List.of("\u0000");
        }
        return List.of(rawPath.substring(1).split("/", -1));
    }

    /** Collects routes; each method call adds one. */
    static final class Builder {
        private static final Consumer<Request> NO_CHECK = request -> { };

        private final List<Route> routes = new ArrayList<>();

        /** Adds an authenticated route that needs {@code privilege} in the path's organization. */
        Builder add(String method, String template, Privilege privilege, Consumer<Request> parameterCheck,
                    Function<Request, Response> handler) {
            return add(method, template, Set.of(privilege), parameterCheck, handler);
        }

        /** Adds an authenticated route that needs every one of {@code privileges} in the path's organization. */
        Builder add(String method, String template, Set<Privilege> privileges, Consumer<Request> parameterCheck,
                    Function<Request, Response> handler) {
            return add(new Route(method, template, true, new Route.InOrganization(privileges), WireJson.MAX_BODY,
                    parameterCheck, handler));
        }

        /** Adds an authenticated route that any valid token may call. */
        Builder addForAnyToken(String method, String template, Function<Request, Response> handler) {
            return add(new Route(method, template, true, new Route.AnyCaller(), WireJson.MAX_BODY, NO_CHECK, handler));
        }

        /** Adds an authenticated route that needs every privilege in every organization (the admin token). */
        Builder addForEverything(String method, String template, Function<Request, Response> handler) {
            return add(new Route(method, template, true, new Route.Everything(), WireJson.MAX_BODY, NO_CHECK, handler));
        }

        /** Adds a route that needs no token. */
        Builder addPublic(String method, String template, Function<Request, Response> handler) {
            return add(new Route(method, template, false, new Route.AnyCaller(), WireJson.MAX_BODY, NO_CHECK, handler));
        }

        Builder add(Route route) {
            routes.add(route);
            return this;
        }

        static Consumer<Request> noCheck() {
            return NO_CHECK;
        }

        RouteTable build() {
            return new RouteTable(routes);
        }
    }
}

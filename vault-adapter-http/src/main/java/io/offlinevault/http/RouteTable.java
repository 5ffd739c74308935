package io.offlinevault.http;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.error.MethodNotAllowedException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.http.codec.WireJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // The templates of the routes that need a token and of those that do not, compiled once, by segment count;
    // within a count, most specific first, so that the first template that matches is the one to answer.
    private final Map<Integer, List<Template>> authenticated;
    private final Map<Integer, List<Template>> open;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.authenticated = compile(this.routes, true);
        this.open = compile(this.routes, false);
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
        String[] path = segments(rawPath);
        Template template = bestTemplate(path, authenticated);
        if (template == null) {
            throw NotFoundException.route("No route matches this path; keys go percent-encoded in paths.");
        }
        for (Route route : template.routes) {
            if (route.method().equals(method)) {
                return new Match(route, template.parameters(path));
            }
        }
        throw new MethodNotAllowedException(template.methods);
    }

    /** {@return whether a route that needs no token has this path} */
    boolean isPublicPath(String rawPath) {
        return bestTemplate(segments(rawPath), false) != null;
    }

    // The most specific template that matches, or null.
    private Template bestTemplate(String[] path, boolean needsToken) {
        List<Template> candidates = (needsToken ? authenticated : open).get(path.length);
        if (candidates != null) {
            for (Template template : candidates) {
                if (template.matches(path)) {
                    return template;
                }
            }
        }
        return null;
    }

    private static Map<Integer, List<Template>> compile(List<Route> routes, boolean needsToken) {
        Map<String, List<Route>> byTemplate = new LinkedHashMap<>();
        for (Route route : routes) {
            if (route.authenticated() == needsToken) {
                byTemplate.computeIfAbsent(route.template(), template -> new ArrayList<>()).add(route);
            }
        }
        Map<Integer, List<Template>> byCount = new HashMap<>();
        byTemplate.forEach((text, sameTemplate) -> {
            Template template = new Template(text, sameTemplate);
            byCount.computeIfAbsent(template.segments.length, count -> new ArrayList<>()).add(template);
        });
        byCount.replaceAll((count, templates) -> templates.stream()
                .sorted(Comparator.comparing(Template::specificity)).toList());
        return Map.copyOf(byCount);
    }

    // A path's segments after the leading slash, empty ones kept; a path that does not start with a slash has one
    // segment that no template has.
    private static String[] segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return new String[] {"\u0000"};
        }
        int count = 1;
        for (int i = 1; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '/') {
                count++;
            }
        }
        String[] segments = new String[count];
        int from = 1;
        for (int i = 0; i < count; i++) {
            int to = rawPath.indexOf('/', from);
            if (to < 0) {
                to = rawPath.length();
            }
            segments[i] = rawPath.substring(from, to);
            from = to + 1;
        }
        return segments;
    }

    /** A template split once: its literal segments, its parameters' names and places, and the routes it has. */
    private static final class Template {
        private final String[] segments;
        private final String[] parameterNames;
        private final String specificity;
        private final List<Route> routes;
        private final List<String> methods;

        Template(String text, List<Route> routes) {
            this.segments = text.substring(1).split("/", -1);
            this.parameterNames = new String[segments.length];
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                boolean parameter = segment.startsWith("{") && segment.endsWith("}");
                parameterNames[i] = parameter ? segment.substring(1, segment.length() - 1) : null;
                key.append(parameter ? '1' : '0');
            }
            this.specificity = key.toString();
            this.routes = List.copyOf(routes);
            this.methods = this.routes.stream().map(Route::method).toList();
        }

        // A string that sorts literal-first, segment by segment.
        String specificity() {
            return specificity;
        }

        // The literals are compared first: most paths differ from most templates in a literal.
        boolean matches(String[] path) {
            for (int i = 0; i < segments.length; i++) {
                if (parameterNames[i] == null && !segments[i].equals(path[i])) {
                    return false;
                }
            }
            for (int i = 0; i < segments.length; i++) {
                if (parameterNames[i] != null && path[i].isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        Map<String, String> parameters(String[] path) {
            Map<String, String> values = new HashMap<>(4);
            for (int i = 0; i < segments.length; i++) {
                if (parameterNames[i] != null) {
                    values.put(parameterNames[i], path[i]);
                }
            }
            return values;
        }
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

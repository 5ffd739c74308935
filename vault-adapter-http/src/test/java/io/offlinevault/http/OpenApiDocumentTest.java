package io.offlinevault.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.http.codec.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document ({@code openapi.json} beside {@link OpenApiRoutes}) against the route table of a server that
 * offers every route (reset and every store operation included): the same paths and methods both ways, the same
 * privileges ({@code x-offline-vault-privileges}) and the same need for a token; schemas for every body, error and
 * parameter; every reference resolves. And the route serves it without a token, behind the Host check.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern REF = Pattern.compile("\"\\$ref\":\"#/components/([a-zA-Z]+)/([A-Za-z0-9_.-]+)\"");

    private final Api api = new Api();

    @RegisterExtension
    final RunningServer server = new RunningServer(api);

    private static Map<String, Object> document() {
        return WireJson.readObject(OpenApiRoutes.document(), Integer.MAX_VALUE - 8, OpenApiRoutes.RESOURCE);
    }

    // "GET /path" -> the privileges the route table declares, "ADMIN" for every privilege everywhere, plus
    // "(no token)" for a route that needs none.
    private static Map<String, Set<String>> fromTheRouteTable() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (Route route : RouteTable.of(new Api().services).routes()) {
            Set<String> needs = new TreeSet<>();
            if (route.access() instanceof Route.InOrganization inOrganization) {
                inOrganization.privileges().forEach(privilege -> needs.add(privilege.wireName()));
            } else if (route.access() instanceof Route.Everything) {
                needs.add("ADMIN");
            }
            if (!route.authenticated()) {
                needs.add("(no token)");
            }
            routes.put(route.method() + " " + route.template(), needs);
        }
        return routes;
    }

    private static Map<String, Set<String>> fromTheDocument() {
        Map<String, Set<String>> routes = new TreeMap<>();
        operations().forEach((route, operation) -> {
            Set<String> needs = new TreeSet<>(strings(operation.get("x-offline-vault-privileges")));
            if (operation.containsKey("security") && ((List<?>) operation.get("security")).isEmpty()) {
                needs.add("(no token)");
            }
            routes.put(route, needs);
        });
        return routes;
    }

    private static Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        object(document().get("paths")).forEach((path, item) -> object(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, object(operation));
            }
        }));
        return operations;
    }

    @Test
    void every_route_is_documented_and_every_documented_route_exists_with_the_same_privileges() {
        Map<String, Set<String>> table = fromTheRouteTable();
        Map<String, Set<String>> documented = fromTheDocument();

        assertThat(documented.keySet()).as("documented routes").containsExactlyElementsOf(table.keySet());
        assertThat(documented).as("privileges, and whether a token is needed").isEqualTo(table);
        assertThat(table).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void the_privileges_are_wire_names_and_the_document_is_openapi_3_1_with_bearer_tokens() {
        Set<String> names = new TreeSet<>(Set.of("ADMIN"));
        Arrays.stream(Privilege.values()).forEach(privilege -> names.add(privilege.wireName()));
        Map<String, Object> document = document();

        assertThat(document.get("openapi")).isEqualTo("3.1.0");
        assertThat(document.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
        assertThat(object(object(object(document.get("components")).get("securitySchemes")).get("bearer")))
                .containsEntry("type", "http").containsEntry("scheme", "bearer");
        operations().forEach((route, operation) -> assertThat(names)
                .as("x-offline-vault-privileges of %s", route)
                .containsAll(strings(operation.get("x-offline-vault-privileges"))));
    }

    @Test
    void every_body_parameter_and_response_has_a_schema_and_every_error_is_the_error_body() {
        Map<String, Object> components = object(document().get("components"));
        List<String> problems = new ArrayList<>();
        operations().forEach((route, operation) -> {
            String path = route.substring(route.indexOf(' ') + 1);
            Set<String> pathParameters = new TreeSet<>();
            for (Object raw : list(operation.get("parameters"))) {
                Map<String, Object> parameter = resolve(components, raw);
                if (!parameter.containsKey("schema")) {
                    problems.add(route + ": parameter " + parameter.get("name") + " has no schema");
                }
                if ("path".equals(parameter.get("in"))) {
                    pathParameters.add((String) parameter.get("name"));
                    if (!Boolean.TRUE.equals(parameter.get("required"))) {
                        problems.add(route + ": path parameter " + parameter.get("name") + " is not required");
                    }
                }
            }
            Set<String> inTemplate = new TreeSet<>();
            Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (names.find()) {
                inTemplate.add(names.group(1));
            }
            if (!inTemplate.equals(pathParameters)) {
                problems.add(route + ": path parameters " + pathParameters + " for " + inTemplate);
            }
            if (operation.containsKey("requestBody")) {
                object(resolve(components, operation.get("requestBody")).get("content")).forEach((type, media) -> {
                    if (!object(media).containsKey("schema")) {
                        problems.add(route + ": the " + type + " body has no schema");
                    }
                });
            }
            object(operation.get("responses")).forEach((status, raw) -> {
                Map<String, Object> response = resolve(components, raw);
                int code = Integer.parseInt(status);
                Map<String, Object> content = response.containsKey("content") ? object(response.get("content")) : Map.of();
                if (code >= 400 && !(route.equals("GET /health") && code == 503)) {
                    Object schema = content.containsKey("application/json")
                            ? object(content.get("application/json")).get("schema") : null;
                    if (!Map.of("$ref", "#/components/schemas/Error").equals(schema)) {
                        problems.add(route + ": " + status + " is not the error body");
                    }
                } else if (code != 204 && (content.isEmpty()
                        || content.values().stream().anyMatch(media -> !object(media).containsKey("schema")))) {
                    problems.add(route + ": " + status + " has no schema");
                }
            });
            for (String status : List.of("401", "404", "405", "421", "500")) {
                if (!status.equals("401") || !operation.containsKey("security")) {
                    if (!object(operation.get("responses")).containsKey(status)) {
                        problems.add(route + ": no " + status);
                    }
                }
            }
        });

        assertThat(problems).isEmpty();
    }

    @Test
    void the_error_body_lists_every_error_code_and_every_reference_resolves() {
        Map<String, Object> document = document();
        Map<String, Object> components = object(document.get("components"));
        Map<String, Object> error = object(object(components.get("schemas")).get("Error"));
        List<String> codes = strings(object(object(error.get("properties")).get("errorCode")).get("enum"));
        String text = new String(WireJson.write(document), UTF_8);
        List<String> unresolved = new ArrayList<>();
        Matcher references = REF.matcher(text);
        while (references.find()) {
            Object section = components.get(references.group(1));
            if (!(section instanceof Map<?, ?> named) || !named.containsKey(references.group(2))) {
                unresolved.add(references.group());
            }
        }

        assertThat(codes).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat(object(error.get("properties"))).containsKeys("errorCode", "message", "requestID", "violations");
        assertThat(unresolved).isEmpty();
    }

    @Test
    void the_document_is_served_without_a_token_as_it_is_kept() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + OpenApiRoutes.OPENAPI))
                .timeout(Duration.ofSeconds(30)).build();

        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo(OpenApiRoutes.document());
    }

    @Test
    void the_host_check_applies_to_the_document_too() {
        Headers evil = new Headers();
        evil.add("Host", "evil.example");

        Api.Answer answer = api.exactly("GET", OpenApiRoutes.OPENAPI, evil);

        assertThat(answer.status()).isEqualTo(421);
        assertThat(answer.object()).containsEntry("errorCode", "MISDIRECTED_REQUEST");
        assertThat(api.call("POST", OpenApiRoutes.OPENAPI, null, (String) null).status()).isEqualTo(405);
    }

    private static Map<String, Object> resolve(Map<String, Object> components, Object raw) {
        Map<String, Object> value = object(raw);
        if (value.get("$ref") instanceof String reference) {
            String[] parts = reference.split("/");
            return object(object(components.get(parts[2])).get(parts[3]));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }
}

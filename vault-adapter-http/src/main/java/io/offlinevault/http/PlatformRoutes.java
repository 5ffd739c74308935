package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidTokenException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.in.Platform;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.http.codec.ErrorJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The platform routes of API.md section 4 that clients call around the vault, and the health check. */
final class PlatformRoutes {
    static final String ORGANIZATIONS = "/rest/organizations";
    static final String CHECK_TOKEN = "/oauth/check_token";
    static final String EVALUATE = "/rest/privilege/evaluate";
    static final String HEALTH = "/health";

    private final Tokens tokens;
    private final Platform platform;
    private final Supplier<Optional<StoreUnavailableException>> sealed;

    PlatformRoutes(Tokens tokens, Platform platform, Supplier<Optional<StoreUnavailableException>> sealed) {
        this.tokens = requireNonNull(tokens, "tokens");
        this.platform = requireNonNull(platform, "platform");
        this.sealed = requireNonNull(sealed, "sealed");
    }

    void register(RouteTable.Builder routes) {
        routes.addForAnyToken("GET", ORGANIZATIONS, this::organizations)
                .addForAnyToken("POST", CHECK_TOKEN, this::checkToken)
                .addForAnyToken("POST", EVALUATE, this::evaluate)
                .addPublic("GET", HEALTH, this::health);
    }

    private Response organizations(Request request) {
        List<Map<String, Object>> organizations = platform.organizations(request.caller()).stream()
                .map(organization -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("id", organization.value());
                    json.put("displayName", organization.value());
                    return json;
                })
                .toList();
        return Response.json(200, organizations);
    }

    private Response checkToken(Request request) {
        String token = tokenField(request);
        Caller checked;
        try {
            checked = tokens.authenticate(token);
        } catch (InvalidTokenException e) {
            throw new InvalidParameterException("The token field names no token of this vault.");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", true);
        json.put("authentication", Map.of("name", checked.name()));
        json.put("user_name", checked.name());
        json.put("authorities", checked.grant().privileges().stream().map(p -> Map.of("authority", p.wireName())).toList());
        return Response.json(200, json);
    }

    // platform-client sends multipart/form-data with one field "token"; a urlencoded form works too (ext).
    private static String tokenField(Request request) {
        String contentType = request.header("Content-Type").orElse("");
        Optional<String> token;
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            try {
                token = MultipartForm.parse(contentType, request.body(), MultipartForm.MAX_PARTS).field("token");
            } catch (MultipartForm.MalformedMultipartException e) {
                throw new InvalidParameterException("The form is not valid multipart/form-data: " + e.getMessage());
            }
        } else if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            token = Optional.ofNullable(PercentDecoding.query(
                    new String(request.body(), StandardCharsets.UTF_8)).get("token"));
        } else {
            throw new InvalidParameterException("Send the token as a multipart/form-data or"
                    + " application/x-www-form-urlencoded field named token.");
        }
        return token.filter(value -> !value.isBlank())
                .orElseThrow(() -> new InvalidParameterException("The form field token is required."));
    }

    private Response evaluate(Request request) {
        Map<String, Object> body = request.jsonObject();
        if (!(body.get("requestedPrivilege") instanceof Map<?, ?> privilege)
                || !(body.get("organizationId") instanceof String organization)
                || !OrganizationId.isValid(organization)) {
            throw new InvalidJsonException("The body must hold requestedPrivilege (an object) and organizationId.");
        }
        Object domain = privilege.get("targetDomain");
        Object type = privilege.get("type");
        if (!(domain instanceof String) || (type != null && !(type instanceof String))) {
            throw new InvalidJsonException("requestedPrivilege.targetDomain must be a string, and type a string.");
        }
        boolean approved = platform.evaluate(request.caller(), OrganizationId.of(organization), (String) domain,
                (String) type);
        return Response.json(200, Map.of("approved", approved));
    }

    private Response health(Request request) {
        Optional<StoreUnavailableException> reason = sealed.get();
        if (reason.isEmpty()) {
            return Response.json(200, Map.of("status", "ok"));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "sealed");
        json.put("errorCode", reason.get().code().name());
        json.put("storeError", reason.get().reason().name());
        json.put("message", ErrorJson.sealedMessage(reason.get()));
        json.put("requestID", request.requestId());
        return Response.json(503, json);
    }
}

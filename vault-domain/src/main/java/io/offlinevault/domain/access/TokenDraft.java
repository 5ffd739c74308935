package io.offlinevault.domain.access;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.InvalidTokenDraftException;
import io.offlinevault.domain.error.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A token to create, with its value when the user chose it (else one is generated): valid by construction.
 * {@link #parse} is the one reading of a token's JSON body, {@code {"name", "privileges", "organizations" |
 * "allOrganizations", "value"?}}, shared by {@code POST /_offline-vault/tokens} and the seed file, so both
 * apply the same rules with the same messages. {@code toString} never shows the value.
 */
public record TokenDraft(String name, Grant grant, Optional<SecretValue> value) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E]{32,512}");
    private static final String PRIVILEGES = Arrays.stream(Privilege.values()).map(Privilege::wireName)
            .collect(Collectors.joining(", "));

    /** Where a token body comes from: a seed file asks more of it than the API. */
    public enum Origin {
        /** {@code POST /_offline-vault/tokens}: without a value, one is generated. */
        REQUEST,
        /** A seed file: the value is required (the tests send it), and the name is not the admin token's. */
        SEED
    }

    public TokenDraft {
        requireNonNull(name, "name");
        requireNonNull(grant, "grant");
        requireNonNull(value, "value");
        List<Violation> violations = new ArrayList<>();
        nameProblem(name).ifPresent(message -> violations.add(new Violation("name", "name.invalid", message)));
        value.flatMap(TokenDraft::valueProblem)
                .ifPresent(message -> violations.add(new Violation("value", "value.invalid", message)));
        if (grant.privileges().isEmpty()) {
            violations.add(new Violation("privileges", "privileges.required", privilegesRequired()));
        }
        if (!grant.allOrganizations() && grant.organizations().isEmpty()) {
            violations.add(new Violation("organizations", "organizations.required", organizationsRequired()));
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
    }

    /** {@return the token that the API body {@code json} describes} Same as {@code parse(json, Origin.REQUEST)}. */
    public static TokenDraft parse(Map<String, ?> json) {
        return parse(json, Origin.REQUEST);
    }

    /**
     * {@return the token that the JSON object {@code json} (plain Java values: {@code Map}, {@code List},
     * {@code String}, {@code Boolean}...) describes} Unknown fields are ignored; {@code null} is absent.
     *
     * @throws InvalidTokenDraftException listing every broken rule, with its field relative to the token
     */
    public static TokenDraft parse(Map<String, ?> json, Origin origin) {
        requireNonNull(json, "json");
        requireNonNull(origin, "origin");
        List<Violation> violations = new ArrayList<>();
        Optional<String> name = name(json.get("name"), origin, violations);
        Optional<SecretValue> value = value(json.get("value"), origin, violations);
        Set<Privilege> privileges = privileges(json.get("privileges"), violations);
        Optional<Grant> grant = grant(json.get("allOrganizations"), json.get("organizations"), privileges, violations);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return new TokenDraft(name.orElseThrow(), grant.orElseThrow(), value);
    }

    /**
     * {@return what is wrong with the token name {@code name}, if anything} A name is 1 to 64 letters, digits,
     * '.', '_', '@' or '-', starting with a letter or a digit.
     */
    public static Optional<String> nameProblem(String name) {
        if (name != null && NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("A token name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or"
                + " a digit.");
    }

    /** {@return what is wrong with {@code name} as a seeded token's name: the rule of names, and not the admin's} */
    public static Optional<String> seedNameProblem(String name) {
        Optional<String> problem = nameProblem(name);
        if (problem.isEmpty() && name.equals(TokenRecord.ADMIN)) {
            return Optional.of("'" + TokenRecord.ADMIN + "' is the vault's own admin token; give this token another"
                    + " name (the admin token's value comes from OFFLINE_VAULT_ADMIN_TOKEN or --admin-token-from).");
        }
        return problem;
    }

    /**
     * {@return what is wrong with the token value {@code value}, if anything, in words that never hold it} A
     * value is 32 to 512 printable ASCII characters without spaces, which a generated token is too (API.md 5).
     */
    public static Optional<String> valueProblem(SecretValue value) {
        requireNonNull(value, "value");
        if (VALUE.matcher(value.reveal()).matches()) {
            return Optional.empty();
        }
        return Optional.of("A token must be 32 to 512 printable ASCII characters without spaces.");
    }

    // The message lists every problem, as the HTTP answer shows it: "The token is invalid (2 problems): name: ...".
    private static InvalidTokenDraftException invalid(List<Violation> violations) {
        String problems = violations.stream()
                .map(v -> (v.field().isEmpty() ? "" : v.field() + ": ") + v.message().replaceFirst("\\.$", ""))
                .collect(Collectors.joining("; "));
        return new InvalidTokenDraftException("The token is invalid (" + violations.size()
                + (violations.size() == 1 ? " problem): " : " problems): ") + problems + ".", violations);
    }

    private static Optional<String> name(Object raw, Origin origin, List<Violation> violations) {
        if (raw == null) {
            violations.add(new Violation("name", "name.required", "is required"));
            return Optional.empty();
        }
        if (!(raw instanceof String name)) {
            violations.add(new Violation("name", "name.not_string", "must be a string"));
            return Optional.empty();
        }
        Optional<String> problem = origin == Origin.SEED ? seedNameProblem(name) : nameProblem(name);
        problem.ifPresent(message -> violations.add(new Violation("name", nameProblem(name).isPresent()
                ? "name.invalid" : "name.reserved", message)));
        return Optional.of(name);
    }

    private static Optional<SecretValue> value(Object raw, Origin origin, List<Violation> violations) {
        if (raw == null) {
            if (origin == Origin.SEED) {
                violations.add(new Violation("value", "value.required", "is required: 32 to 512 printable ASCII"
                        + " characters without spaces, which the tests send as their bearer token"));
            }
            return Optional.empty();
        }
        if (!(raw instanceof String text)) {
            violations.add(new Violation("value", "value.not_string", "must be a string"));
            return Optional.empty();
        }
        SecretValue value = SecretValue.of(text);
        valueProblem(value).ifPresent(message -> violations.add(new Violation("value", "value.invalid", message)));
        return Optional.of(value);
    }

    private static Set<Privilege> privileges(Object raw, List<Violation> violations) {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        List<?> items = array(raw, "privileges", violations);
        if (raw == null || (raw instanceof List<?> && items.isEmpty())) {
            violations.add(new Violation("privileges", "privileges.required", privilegesRequired()));
        }
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            Optional<Privilege> privilege = item instanceof String text ? Privilege.parse(text) : Optional.empty();
            if (privilege.isPresent()) {
                privileges.add(privilege.get());
            } else {
                violations.add(new Violation("privileges[" + i + "]", "privileges.invalid",
                        "is not a privilege: use DOMAIN:LEVEL, one of " + PRIVILEGES + " (any case)"));
            }
        }
        return privileges;
    }

    private static Optional<Grant> grant(Object all, Object named, Set<Privilege> privileges,
                                         List<Violation> violations) {
        if (all != null && !(all instanceof Boolean)) {
            violations.add(new Violation("allOrganizations", "allOrganizations.not_boolean", "must be true or false"));
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(all)) {
            if (named != null) {
                violations.add(new Violation("", "organizations.conflict", "has both organizations and"
                        + " allOrganizations: name the organizations, or set allOrganizations alone"));
                return Optional.empty();
            }
            return Optional.of(Grant.inAllOrganizations(privileges));
        }
        List<?> items = array(named, "organizations", violations);
        if (named == null || (named instanceof List<?> && items.isEmpty())) {
            violations.add(new Violation("organizations", "organizations.required", organizationsRequired()));
        }
        Set<OrganizationId> organizations = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String field = "organizations[" + i + "]";
            if (item == null) {
                violations.add(new Violation(field, "organizations.required", "is required: an organization id"));
            } else if (item instanceof String id && OrganizationId.isValid(id)) {
                organizations.add(OrganizationId.of(id));
            } else {
                violations.add(new Violation(field, "organizations.invalid", "is not an organization id: 1 to 128"
                        + " letters, digits, '_' or '-', starting with a letter or a digit"));
            }
        }
        return Optional.of(Grant.of(organizations, privileges));
    }

    // Absent (null) is empty: the caller decides whether that is a problem.
    private static List<?> array(Object raw, String field, List<Violation> violations) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> list) {
            return list;
        }
        violations.add(new Violation(field, field + ".not_array", "must be a JSON array"));
        return List.of();
    }

    private static String privilegesRequired() {
        return "needs at least one privilege, of " + PRIVILEGES;
    }

    private static String organizationsRequired() {
        return "needs at least one organization id (or set allOrganizations to true)";
    }
}

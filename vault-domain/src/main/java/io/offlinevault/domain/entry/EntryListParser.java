package io.offlinevault.domain.entry;

import io.offlinevault.domain.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code attributeReferences} and {@code scopes} lists of an {@link EntryDraft}, recording
 * a violation for every broken rule instead of throwing.
 */
final class EntryListParser {
    private static final String REFERENCES = "attributeReferences";
    private static final String SCOPES = "scopes";

    private EntryListParser() {
    }

    /** {@return the references in {@code raw}} Absent is empty; elements that break a rule are left out. */
    static List<AttributeReference> references(Object raw, List<Violation> violations) {
        List<AttributeReference> references = new ArrayList<>();
        List<?> items = raw instanceof Map<?, ?> ? notArray(REFERENCES, violations) : items(REFERENCES, raw, violations);
        for (int i = 0; i < items.size(); i++) {
            String field = REFERENCES + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                violations.add(notObject(REFERENCES, field));
                continue;
            }
            Optional<JsonPath> jsonPath = jsonPath(item.get("jsonPath"), field + ".jsonPath", violations);
            Optional<String> resourceName = requiredString(item.get("resourceName"), field + ".resourceName",
                    REFERENCES + ".resourceName", violations);
            Optional<ResourceType> resourceType = resourceType(item.get("resourceType"), field + ".resourceType",
                    REFERENCES + ".resourceType", violations);
            if (jsonPath.isPresent() && resourceName.isPresent() && resourceType.isPresent()) {
                references.add(new AttributeReference(jsonPath.get(), resourceName.get(), resourceType.get()));
            }
        }
        return references;
    }

    /** {@return the scopes in {@code raw}} Absent is empty and a single object is a one-element list. */
    static List<Scope> scopes(Object raw, List<Violation> violations) {
        List<Scope> scopes = new ArrayList<>();
        List<?> items = raw instanceof Map<?, ?> single ? List.of(single) : items(SCOPES, raw, violations);
        for (int i = 0; i < items.size(); i++) {
            String field = SCOPES + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                violations.add(notObject(SCOPES, field));
                continue;
            }
            Optional<String> id = requiredString(item.get("id"), field + ".id", SCOPES + ".id", violations);
            Optional<ResourceType> resourceType = resourceType(item.get("resourceType"), field + ".resourceType",
                    SCOPES + ".resourceType", violations);
            if (id.isPresent() && resourceType.isPresent()) {
                scopes.add(new Scope(id.get(), resourceType.get()));
            }
        }
        return scopes;
    }

    private static List<?> items(String list, Object raw, List<Violation> violations) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> items) {
            return items;
        }
        return notArray(list, violations);
    }

    private static List<?> notArray(String list, List<Violation> violations) {
        violations.add(new Violation(list, list + ".not_array", "must be an array"));
        return List.of();
    }

    private static Violation notObject(String list, String field) {
        return new Violation(field, list + ".not_object", "must be an object");
    }

    private static Optional<JsonPath> jsonPath(Object raw, String field, List<Violation> violations) {
        String code = REFERENCES + ".jsonPath";
        if (!(raw instanceof String text)) {
            if (raw == null) {
                violations.add(new Violation(field, code + ".required", "is required"));
            } else {
                violations.add(new Violation(field, code + ".invalid", "must be a string"));
            }
            return Optional.empty();
        }
        switch (JsonPath.check(text)) {
            case NONE -> {
                return Optional.of(new JsonPath(text));
            }
            case EMPTY -> violations.add(new Violation(field, code + ".required", "is required"));
            case PREFIX -> violations.add(new Violation(field, code + ".prefix",
                    "must start below the model: drop the leading '$' or 'model'"));
            case INVALID -> violations.add(new Violation(field, code + ".invalid",
                    "must be segments joined with '.', with indexes as [i] and odd segments quoted as ['...']"));
        }
        return Optional.empty();
    }

    private static Optional<String> requiredString(Object raw, String field, String code,
                                                   List<Violation> violations) {
        if (raw == null || "".equals(raw)) {
            violations.add(new Violation(field, code + ".required", "is required"));
            return Optional.empty();
        }
        if (!(raw instanceof String text)) {
            violations.add(new Violation(field, code + ".not_string", "must be a string"));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static Optional<ResourceType> resourceType(Object raw, String field, String code,
                                                       List<Violation> violations) {
        if (raw == null || "".equals(raw)) {
            violations.add(new Violation(field, code + ".required", "is required"));
            return Optional.empty();
        }
        Optional<ResourceType> type = raw instanceof String text ? ResourceType.parse(text) : Optional.empty();
        if (type.isEmpty()) {
            violations.add(new Violation(field, code + ".invalid",
                    "must be a resource type such as SOURCE: a letter, then up to 63 letters, digits or '_'"));
        }
        return type;
    }
}

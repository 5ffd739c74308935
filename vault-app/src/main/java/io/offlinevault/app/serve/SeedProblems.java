package io.offlinevault.app.serve;

import io.offlinevault.domain.entry.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The problems of one seed file, each with its place in the document ({@code organizations[0].entries[2].value}),
 * and the reading of JSON shapes that records a problem instead of throwing, so that every problem is reported at
 * once. No problem holds an entry value or a token value. Not thread-safe.
 */
final class SeedProblems {
    private final List<String> problems = new ArrayList<>();

    /** Records that {@code place} breaks a rule, as {@code message} says. */
    void add(String place, String message) {
        problems.add(place + ": " + message);
    }

    /** Records a problem whose message already names its place. */
    void add(String message) {
        problems.add(message);
    }

    /** {@return how many problems were recorded} */
    int count() {
        return problems.size();
    }

    /** {@return whether no problem was recorded} */
    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** {@return the problems, in the order found} */
    List<String> list() {
        return List.copyOf(problems);
    }

    /** Records every field of {@code json} that is not in {@code known} (a typo must not silently drop data). */
    void knownFields(Map<String, Object> json, String prefix, List<String> known) {
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                add(prefix + field, "is not a field of a seed here (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** {@return {@code raw} as a JSON object, or null (and a problem) when it is not one} */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object raw, String place) {
        if (raw instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        add(place, "must be a JSON object");
        return null;
    }

    /** {@return {@code raw} as a JSON array: absent (null) is empty, another value a problem} */
    @SuppressWarnings("unchecked")
    List<Object> array(Object raw, String place) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> list) {
            return (List<Object>) list;
        }
        add(place, "must be a JSON array");
        return List.of();
    }

    /** {@return {@code raw} as a string: absent (null) is empty, another value a problem} */
    Optional<String> string(Object raw, String place) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof String text) {
            return Optional.of(text);
        }
        add(place, "must be a string");
        return Optional.empty();
    }

    /** {@return {@code raw} as an organization id; absent is a problem when {@code required}, a bad id always} */
    Optional<OrganizationId> organizationId(Object raw, String place, boolean required) {
        if (raw == null) {
            if (required) {
                add(place, "is required: an organization id");
            }
            return Optional.empty();
        }
        if (!(raw instanceof String text) || !OrganizationId.isValid(text)) {
            add(place, "is not an organization id: 1 to 128 letters, digits, '_' or '-', starting with a letter or"
                    + " a digit");
            return Optional.empty();
        }
        return Optional.of(OrganizationId.of(text));
    }
}

package io.offlinevault.http;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The decoded query parameters of a request ({@code +} is a space; a repeated name was refused by the
 * parser), with typed readers that turn a bad value into 400 {@code INVALID_PARAMETER}. Unknown
 * parameters are simply never read. Immutable.
 */
record Query(Map<String, String> values) {
    private static final Pattern NATURAL = Pattern.compile("[0-9]{1,18}");

    Query {
        values = Map.copyOf(values);
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException("The query parameter " + name + " is required.");
        }
        return value;
    }

    /** {@return the non-negative integer {@code name}, if present} */
    Optional<Long> natural(String name) {
        return string(name).map(raw -> {
            if (!NATURAL.matcher(raw).matches()) {
                throw new InvalidParameterException("The query parameter " + name + " must be a whole number from 0 to "
                        + "999999999999999999.");
            }
            return Long.parseLong(raw);
        });
    }

    /** {@return the boolean {@code name} ({@code true} or {@code false}, any case), or {@code otherwise}} */
    boolean bool(String name, boolean otherwise) {
        return string(name).map(raw -> {
            if (raw.equalsIgnoreCase("true")) {
                return true;
            }
            if (raw.equalsIgnoreCase("false")) {
                return false;
            }
            throw new InvalidParameterException("The query parameter " + name + " must be true or false.");
        }).orElse(otherwise);
    }

    /** {@return the constant of {@code type} named by {@code name} (any case), or {@code otherwise}} */
    <E extends Enum<E>> E choice(String name, Class<E> type, E otherwise) {
        return string(name).map(raw -> Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(raw.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException("The query parameter " + name + " must be one of "
                        + Arrays.toString(type.getEnumConstants()) + ".")))
                .orElse(otherwise);
    }

    /** {@return the constant of {@code type} named by {@code name} (any case), which is required} */
    <E extends Enum<E>> E choice(String name, Class<E> type) {
        required(name);
        return choice(name, type, null);
    }

    /** {@return the organization id {@code name}, which is required} */
    OrganizationId organization(String name) {
        String raw = required(name);
        if (!OrganizationId.isValid(raw)) {
            throw new InvalidParameterException("The query parameter " + name + " is not an organization id.");
        }
        return OrganizationId.of(raw);
    }
}

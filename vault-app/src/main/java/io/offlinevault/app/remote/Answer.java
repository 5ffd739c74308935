package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.VaultException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One place in a JSON answer of the server, as {@code WireJson.read} gives it (maps, lists, strings, numbers,
 * booleans, {@code null}), with its path from the answer's root ({@code items[2].valueType}). Each reader throws a
 * {@link RemoteFailureException} ({@code INTERNAL_ERROR}) that names the answer, the path and what was expected,
 * never the value found there (it may be a secret). Immutable.
 */
final class Answer {
    private final Object value;
    private final String what;
    private final String path;

    private Answer(Object value, String what, String path) {
        this.value = value;
        this.what = what;
        this.path = path;
    }

    /** {@return the root of {@code json}, the answer of the server about {@code what} ("a vault entry")} */
    static Answer of(Object json, String what) {
        return new Answer(json, requireNonNull(what, "what"), "");
    }

    /** {@return whether nothing, or JSON {@code null}, is here} */
    boolean isAbsent() {
        return value == null;
    }

    /** {@return the field {@code name} of this object, absent when the object lacks it} */
    Answer field(String name) {
        return new Answer(object().get(name), what, path.isEmpty() ? name : path + "." + name);
    }

    /** {@return every field of this object, in the answer's order} */
    Map<String, Answer> fields() {
        Map<String, Answer> fields = new LinkedHashMap<>();
        object().forEach((name, field) -> fields.put(name, new Answer(field, what,
                path.isEmpty() ? name : path + "." + name)));
        return fields;
    }

    /** {@return the elements of this array} */
    List<Answer> list() {
        if (!(value instanceof List<?> list)) {
            throw unreadable("must be a JSON array");
        }
        List<Answer> elements = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            elements.add(new Answer(list.get(i), what, path + "[" + i + "]"));
        }
        return elements;
    }

    /** {@return the elements of this array, or none when it is absent} */
    List<Answer> listOrEmpty() {
        return isAbsent() ? List.of() : list();
    }

    /** {@return this array of strings} */
    List<String> strings() {
        return list().stream().map(Answer::string).toList();
    }

    /** {@return this string} */
    String string() {
        if (!(value instanceof String text)) {
            throw unreadable("must be a string");
        }
        return text;
    }

    /** {@return this string, which must not be empty} */
    String nonEmptyString() {
        String text = string();
        if (text.isEmpty()) {
            throw unreadable("must not be empty");
        }
        return text;
    }

    /** {@return this boolean} */
    boolean bool() {
        if (!(value instanceof Boolean flag)) {
            throw unreadable("must be true or false");
        }
        return flag;
    }

    /** {@return this integer, within the range of a {@code long}} */
    long longValue() {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        throw unreadable("must be an integer");
    }

    /** {@return this integer, within the range of an {@code int}} */
    int intValue() {
        long number = longValue();
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw unreadable("must be an integer of at most 32 bits");
        }
        return (int) number;
    }

    /** {@return this integer, which must not be negative} */
    int naturalInt() {
        int number = intValue();
        if (number < 0) {
            throw unreadable("must not be negative");
        }
        return number;
    }

    /** {@return the constant of {@code type} this string names exactly, as the server writes it (upper case)} */
    <E extends Enum<E>> E choice(Class<E> type) {
        return as("one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")),
                name -> Enum.valueOf(type, name));
    }

    /**
     * {@return this string made into a value by {@code parse}} A parse that throws {@link IllegalArgumentException}
     * or a {@link VaultException} (an invalid key or organization id) makes the answer unreadable: {@code kind}
     * says what was expected.
     */
    <T> T as(String kind, Function<String, T> parse) {
        String text = string();
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException | VaultException e) {
            throw unreadable("must be " + kind);
        }
    }

    // A JSON object as WireJson reads it: its keys are strings.
    @SuppressWarnings("unchecked")
    private Map<String, Object> object() {
        if (!(value instanceof Map<?, ?> map)) {
            throw unreadable("must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /** {@return the failure of reading this place: {@code problem} says what it must be} */
    RemoteFailureException unreadable(String problem) {
        return new RemoteFailureException(ErrorCode.INTERNAL_ERROR, "The server's answer (" + what + ") is not one"
                + " this command understands: " + (path.isEmpty() ? "the answer" : path) + " " + problem
                + ". Is the server an offline-vault of the same version as this command?");
    }
}

package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.SecretValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Replaces the {@code {{ VAULT.<key> }}} placeholders of a plain JSON value tree by the values of their
 * entries, in one pass: a substituted value is never scanned again, so a value that itself looks like a
 * placeholder stays literal (API.md 2.2). All or nothing: when a key is unknown, nothing is substituted
 * and the {@link Resolution} lists the unknown keys (a key that can never be an entry key is always unknown). Stateless and thread-safe.
 */
public final class PlaceholderResolver {
    private PlaceholderResolver() {
    }

    /**
     * The outcome of a resolution: the resolved tree when every key was known, else the unknown keys.
     * {@link #value()} throws {@link IllegalStateException} unless {@link #isComplete()}, so a caller can
     * never use a partly resolved tree; {@code toString} never shows the value.
     *
     * @param value        the tree with every placeholder replaced (deeply unmodifiable maps and lists), or
     *                     the input tree untouched when a key is unknown
     * @param unknownKeys  the keys the lookup did not know, sorted and distinct; empty when complete
     */
    public record Resolution(Object value, List<ReferencedKey> unknownKeys) {
        public Resolution {
            unknownKeys = List.copyOf(new TreeSet<>(requireNonNull(unknownKeys, "unknownKeys")));
        }

        /** {@return whether every key was known, so that {@link #value()} may be read} */
        public boolean isComplete() {
            return unknownKeys.isEmpty();
        }

        /** {@return the fully resolved tree} Throws {@link IllegalStateException} when a key was unknown. */
        @Override
        public Object value() {
            if (!isComplete()) {
                throw new IllegalStateException(unknownKeys.size()
                        + " placeholder key(s) are unknown: nothing was resolved; see unknownKeys()");
            }
            return value;
        }

        @Override
        public String toString() {
            return "Resolution[value=****, unknownKeys=" + unknownKeys + "]";
        }
    }

    /**
     * {@return {@code tree} with every placeholder in its string values replaced by the value that
     * {@code lookup} gives for its key} Maps, lists and strings are rebuilt; object keys and other values
     * are left as they are. {@code lookup} is called once per distinct entry key and must not return null;
     * a key that can never be an entry key is unknown without asking it.
     */
    public static Resolution resolve(Object tree, Function<EntryKey, Optional<SecretValue>> lookup) {
        requireNonNull(lookup, "lookup");
        Map<ReferencedKey, Optional<SecretValue>> values = new LinkedHashMap<>();
        collectKeys(tree, values);
        List<ReferencedKey> unknown = new ArrayList<>();
        for (Map.Entry<ReferencedKey, Optional<SecretValue>> entry : values.entrySet()) {
            Optional<SecretValue> value = entry.getKey().entryKey()
                    .flatMap(key -> requireNonNull(lookup.apply(key), "lookup result"));
            entry.setValue(value);
            if (value.isEmpty()) {
                unknown.add(entry.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            return new Resolution(tree, unknown);
        }
        return new Resolution(substitute(tree, values), List.of());
    }

    private static void collectKeys(Object value, Map<ReferencedKey, Optional<SecretValue>> keys) {
        if (value instanceof String text) {
            for (PlaceholderScanner.Match match : PlaceholderScanner.matches(text)) {
                keys.putIfAbsent(match.key(), Optional.empty());
            }
        } else if (value instanceof Map<?, ?> object) {
            for (Object element : object.values()) {
                collectKeys(element, keys);
            }
        } else if (value instanceof List<?> array) {
            for (Object element : array) {
                collectKeys(element, keys);
            }
        }
    }

    private static Object substitute(Object value, Map<ReferencedKey, Optional<SecretValue>> values) {
        if (value instanceof String text) {
            return substituteText(text, values);
        }
        if (value instanceof Map<?, ?> object) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            object.forEach((name, element) -> copy.put(name, substitute(element, values)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> array) {
            List<Object> copy = new ArrayList<>(array.size());
            for (Object element : array) {
                copy.add(substitute(element, values));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    // One left-to-right pass over the original text: what is appended is never matched again.
    private static String substituteText(String text, Map<ReferencedKey, Optional<SecretValue>> values) {
        List<PlaceholderScanner.Match> matches = PlaceholderScanner.matches(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder resolved = new StringBuilder(text.length());
        int from = 0;
        for (PlaceholderScanner.Match match : matches) {
            resolved.append(text, from, match.start()).append(values.get(match.key()).orElseThrow().reveal());
            from = match.end();
        }
        return resolved.append(text, from, text.length()).toString();
    }
}

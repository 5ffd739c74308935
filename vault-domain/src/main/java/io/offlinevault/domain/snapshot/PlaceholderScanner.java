package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.JsonPath;
import io.offlinevault.domain.entry.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code {{ VAULT.<key> }}} placeholders of a snapshot (API.md 2.4): every match in every
 * string value of a resource's {@code model} and {@code parents}, whole or embedded, in document order
 * (types in content order, resources in array order, the model depth-first, then the parents). Object
 * keys are not scanned. A captured key that breaks the key rules of API.md 2.1 is still a reference: its
 * {@link ReferencedKey} can never be an entry key, so every consumer reports it as missing (API.md 6).
 * Stateless and thread-safe.
 */
public final class PlaceholderScanner {
    // API.md: \{\{[ \t]*VAULT\.([^\s{}]{1,512})[ \t]*\}\} where 512 counts code points, not chars, so the
    // length is checked after matching. Possessive: a key holds no space, tab or brace, so nothing to give back.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[ \\t]*+VAULT\\.([^\\s{}]++)[ \\t]*+\\}\\}");

    private PlaceholderScanner() {
    }

    /** {@return every reference of {@code content}, in document order, duplicates included} */
    public static List<VaultReference> scan(SnapshotContent content) {
        requireNonNull(content, "content");
        List<VaultReference> references = new ArrayList<>();
        for (List<SnapshotResource> resources : content.resources().values()) {
            for (SnapshotResource resource : resources) {
                scanInto(resource, references);
            }
        }
        return List.copyOf(references);
    }

    /** {@return every reference of {@code resource}: its model depth-first, then its parents} */
    public static List<VaultReference> scan(SnapshotResource resource) {
        requireNonNull(resource, "resource");
        List<VaultReference> references = new ArrayList<>();
        scanInto(resource, references);
        return List.copyOf(references);
    }

    /** {@return the distinct keys of {@code references}, sorted as strings ({@link ReferencedKey#compareTo})} */
    public static List<ReferencedKey> distinctKeys(List<VaultReference> references) {
        TreeSet<ReferencedKey> keys = new TreeSet<>();
        for (VaultReference reference : references) {
            keys.add(reference.key());
        }
        return List.copyOf(keys);
    }

    /**
     * {@return the first reference of each key, in the order the keys first appear in {@code references}}
     * A missing key is reported with the {@code jsonPath} and {@code in} of its first occurrence.
     */
    public static Map<ReferencedKey, VaultReference> firstOccurrences(List<VaultReference> references) {
        Map<ReferencedKey, VaultReference> first = new LinkedHashMap<>();
        for (VaultReference reference : references) {
            first.putIfAbsent(reference.key(), reference);
        }
        return Collections.unmodifiableMap(first);
    }

    /** A placeholder found in a string: where it starts and ends, and its key. */
    record Match(int start, int end, ReferencedKey key) {
    }

    /** {@return the placeholders of {@code text}, left to right} Shared with {@link PlaceholderResolver}. */
    static List<Match> matches(String text) {
        if (text.indexOf("{{") < 0) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            String raw = matcher.group(1);
            if (raw.codePointCount(0, raw.length()) > EntryKey.MAX_CODE_POINTS) {
                // The grammar's {1,512} would not have matched here at all: look again one char further.
                from = matcher.start() + 1;
                continue;
            }
            matches.add(new Match(matcher.start(), matcher.end(), ReferencedKey.of(raw)));
            from = matcher.end();
        }
        return matches;
    }

    private static void scanInto(SnapshotResource resource, List<VaultReference> references) {
        Walk model = new Walk(resource, ReferenceLocation.MODEL, references);
        model.object(resource.model());
        Walk parents = new Walk(resource, ReferenceLocation.PARENTS, references);
        parents.object(resource.parents());
    }

    // One depth-first walk of a model or parents; the path is kept as raw segments and turned into a
    // JsonPath only where a placeholder is found, so that large models without placeholders stay cheap.
    private static final class Walk {
        private final ResourceType type;
        private final String resourceName;
        private final ReferenceLocation in;
        private final List<VaultReference> references;
        private final Deque<Object> segments = new ArrayDeque<>();

        Walk(SnapshotResource resource, ReferenceLocation in, List<VaultReference> references) {
            this.type = resource.type();
            this.resourceName = resource.resourceName();
            this.in = in;
            this.references = references;
        }

        void object(Map<?, ?> object) {
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                segments.addLast(String.valueOf(entry.getKey()));
                value(entry.getValue());
                segments.removeLast();
            }
        }

        private void value(Object value) {
            if (value instanceof String text) {
                List<Match> found = matches(text);
                if (!found.isEmpty()) {
                    JsonPath path = path();
                    for (Match match : found) {
                        references.add(new VaultReference(match.key(), type, resourceName, path, in));
                    }
                }
            } else if (value instanceof Map<?, ?> object) {
                object(object);
            } else if (value instanceof List<?> array) {
                for (int i = 0; i < array.size(); i++) {
                    segments.addLast(i);
                    value(array.get(i));
                    segments.removeLast();
                }
            }
        }

        private JsonPath path() {
            Iterator<Object> it = segments.iterator();
            JsonPath path = JsonPath.root((String) it.next());
            while (it.hasNext()) {
                Object segment = it.next();
                path = segment instanceof Integer index ? path.index(index) : path.child((String) segment);
            }
            return path;
        }
    }
}

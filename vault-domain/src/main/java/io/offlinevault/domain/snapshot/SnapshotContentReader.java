package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.InvalidSnapshotException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link SnapshotContent} from the plain JSON values an adapter's parser produces
 * ({@code Map} in document order, {@code List}, {@code String}, {@code Number}, {@code Boolean},
 * {@code null}), applying the shape rules of API.md 3; the result is deeply immutable and thread-safe.
 * Every failure is an {@link InvalidSnapshotException} whose message names the file and the place,
 * and never quotes a string value of the content.
 */
public final class SnapshotContentReader {
    /** The only {@code metadata.schemaVersion} accepted. */
    public static final String SCHEMA_VERSION = "v1";

    private static final String RESOURCES = "resources";
    private static final String METADATA = "metadata";
    private static final String SCHEMA_VERSION_FIELD = "schemaVersion";
    private static final String RESOURCE_NAME = "resourceName";
    private static final String MODEL = "model";
    private static final String PARENTS = "parents";
    private static final int LONGEST_NAME_IN_MESSAGE = 80;

    private SnapshotContentReader() {
    }

    /**
     * {@return the content of the JSON document {@code root} read from {@code fileName}} Throws
     * {@link InvalidSnapshotException} when it breaks a shape rule, and {@link IllegalArgumentException}
     * when {@code root} holds something that is not a plain JSON value (a bug of the caller).
     */
    public static SnapshotContent read(Object root, String fileName) {
        requireNonNull(fileName, "fileName");
        if (!(root instanceof Map<?, ?> document)) {
            throw invalid(fileName, "the document", "must be a JSON object, not " + describe(root));
        }
        Builder builder = new Builder(fileName);
        for (Map.Entry<?, ?> field : document.entrySet()) {
            String name = key(field.getKey());
            if (!name.equals(RESOURCES)) {
                builder.member(name, field.getValue());
            } else if (field.getValue() instanceof Map<?, ?> byType) {
                builder.resources();
                for (Map.Entry<?, ?> typeEntry : byType.entrySet()) {
                    builder.type(key(typeEntry.getKey()));
                    if (!(typeEntry.getValue() instanceof List<?> list)) {
                        throw builder.notAnArray(typeEntry.getValue());
                    }
                    list.forEach(builder::resource);
                }
            } else {
                throw builder.resourcesNotAnObject(field.getValue());
            }
        }
        return builder.build();
    }

    /**
     * Reads a snapshot document piece by piece, with the rules of {@link #read}, so that a caller can
     * stream a large file and hold one resource's raw JSON at a time: the top-level fields, then within
     * {@code resources} each type and its resources in document order. Not thread-safe; one per document.
     */
    public static final class Builder {
        private final String fileName;
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private final Map<ResourceType, List<SnapshotResource>> resources = new LinkedHashMap<>();
        private final Map<ResourceType, String> typePlaces = new HashMap<>();
        private final Map<String, String> namePlaces = new HashMap<>();
        private Map<String, Object> metadata = Map.of();
        private boolean sawResources;
        private ResourceType type;
        private String typePlace;
        private List<SnapshotResource> ofType;

        public Builder(String fileName) {
            this.fileName = requireNonNull(fileName, "fileName");
        }

        /** Takes a top-level field other than {@code resources} ({@code metadata} or one kept for export). */
        public void member(String name, Object value) {
            if (name.equals(METADATA)) {
                metadata = readMetadata(value, fileName);
            } else if (value != null) {
                extra.put(name, copy(value));
            }
        }

        /** Marks the start of {@code resources}, an object of types. */
        public void resources() {
            sawResources = true;
        }

        /** {@return the error for a {@code resources} field that is not an object} */
        public InvalidSnapshotException resourcesNotAnObject(Object value) {
            return invalid(fileName, RESOURCES, "is required and must be an object of resource types, not "
                    + describe(value));
        }

        /** Starts the array of the resource type {@code rawType}; the resources that follow belong to it. */
        public void type(String rawType) {
            String place = field(RESOURCES, rawType);
            ResourceType parsed = ResourceType.parse(rawType).orElseThrow(() -> invalid(fileName, place,
                    "is not a resource type: a type is [A-Z][A-Z0-9_]{0,63} once upper-cased"));
            String earlier = typePlaces.putIfAbsent(parsed, place);
            if (earlier != null) {
                throw invalid(fileName, place, "names the type " + parsed + " again (first at " + earlier
                        + "); each type may appear once");
            }
            type = parsed;
            typePlace = place;
            ofType = new ArrayList<>();
            resources.put(parsed, ofType);
        }

        /** {@return the error for the current type's value when it is not an array} */
        public InvalidSnapshotException notAnArray(Object value) {
            return invalid(fileName, typePlace, "must be an array of resources, not " + describe(value));
        }

        /** Adds the next resource of the current type, given as its raw JSON value. */
        public void resource(Object raw) {
            if (type == null) {
                throw new IllegalStateException("a resource comes after its type");
            }
            String place = typePlace + "[" + ofType.size() + "]";
            SnapshotResource resource = readResource(type, raw, place, fileName);
            String first = namePlaces.putIfAbsent(identity(type, resource.resourceName()), place);
            if (first != null) {
                throw invalid(fileName, place + "." + RESOURCE_NAME, "names the resource " + type + " "
                        + quotedName(resource.resourceName()) + " again (first at " + first
                        + "); a (type, resourceName) may appear once per snapshot");
            }
            ofType.add(resource);
        }

        /** {@return the content read} Throws when the document had no {@code resources}. */
        public SnapshotContent build() {
            if (!sawResources) {
                throw resourcesNotAnObject(null);
            }
            return new SnapshotContent(metadata, resources, extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(extra));
        }
    }

    /**
     * {@return the union of {@code parts}, read from the files {@code fileNames} (same order) of one ZIP}
     * Types keep the order of their first appearance and resources their order within each part;
     * {@code metadata} and other top-level fields are those of the first part that has them. Throws
     * {@link InvalidSnapshotException}, naming both files, when a (type, resourceName) appears twice.
     */
    public static SnapshotContent merge(List<SnapshotContent> parts, List<String> fileNames) {
        requireNonNull(parts, "parts");
        requireNonNull(fileNames, "fileNames");
        if (parts.isEmpty() || parts.size() != fileNames.size()) {
            throw new IllegalArgumentException("merge needs at least one part and one file name per part");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<ResourceType, List<SnapshotResource>> resources = new LinkedHashMap<>();
        Map<String, String> firstFile = new HashMap<>();
        Map<String, String> firstPlace = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            SnapshotContent part = requireNonNull(parts.get(p), "part");
            String fileName = requireNonNull(fileNames.get(p), "fileName");
            part.metadata().forEach(metadata::putIfAbsent);
            part.extra().forEach(extra::putIfAbsent);
            for (Map.Entry<ResourceType, List<SnapshotResource>> typeEntry : part.resources().entrySet()) {
                ResourceType type = typeEntry.getKey();
                List<SnapshotResource> merged = resources.computeIfAbsent(type, t -> new ArrayList<>());
                List<SnapshotResource> list = typeEntry.getValue();
                for (int i = 0; i < list.size(); i++) {
                    SnapshotResource resource = list.get(i);
                    String id = identity(type, resource.resourceName());
                    String place = field(RESOURCES, type.name()) + "[" + i + "]";
                    String otherFile = firstFile.putIfAbsent(id, fileName);
                    if (otherFile != null) {
                        throw invalid(fileName, place, "names the resource " + type + " "
                                + quotedName(resource.resourceName()) + " that " + otherFile + " already names (at "
                                + firstPlace.get(id) + "); a (type, resourceName) may appear once per snapshot");
                    }
                    firstPlace.put(id, place);
                    merged.add(resource);
                }
            }
        }
        return new SnapshotContent(Collections.unmodifiableMap(metadata), resources,
                Collections.unmodifiableMap(extra));
    }

    private static Map<String, Object> readMetadata(Object raw, String fileName) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> metadata)) {
            throw invalid(fileName, METADATA, "must be an object, not " + describe(raw));
        }
        // API.md 3: metadata, when present, says which version of the format it is, and only v1 is read
        Object version = metadata.get(SCHEMA_VERSION_FIELD);
        if (!SCHEMA_VERSION.equals(version)) {
            throw invalid(fileName, METADATA + "." + SCHEMA_VERSION_FIELD, version == null
                    ? "is required when metadata is present: this server reads only version \"" + SCHEMA_VERSION
                    + "\" of the snapshot format"
                    : "must be \"" + SCHEMA_VERSION + "\": this server reads only that version of the snapshot format");
        }
        return copyObject(metadata);
    }

    private static SnapshotResource readResource(ResourceType type, Object raw, String place, String fileName) {
        if (!(raw instanceof Map<?, ?> resource)) {
            throw invalid(fileName, place, "must be an object, not " + describe(raw));
        }
        if (!(resource.get(RESOURCE_NAME) instanceof String name) || name.isEmpty()) {
            throw invalid(fileName, place + "." + RESOURCE_NAME, "must be a non-empty string");
        }
        if (!(resource.get(MODEL) instanceof Map<?, ?> model)) {
            throw invalid(fileName, place + "." + MODEL, "is required and must be an object, not "
                    + describe(resource.get(MODEL)));
        }
        return new SnapshotResource(type, name, readParents(resource.get(PARENTS), place, fileName),
                copyObject(model), extra(resource, List.of(RESOURCE_NAME, MODEL, PARENTS)));
    }

    private static Map<String, Object> readParents(Object raw, String place, String fileName) {
        if (raw == null) {
            return Map.of();
        }
        String parentsPlace = place + "." + PARENTS;
        if (!(raw instanceof Map<?, ?> parents)) {
            throw invalid(fileName, parentsPlace, "must be an object of strings, not " + describe(raw));
        }
        for (Map.Entry<?, ?> entry : parents.entrySet()) {
            String name = key(entry.getKey());
            if (!(entry.getValue() instanceof String)) {
                throw invalid(fileName, field(parentsPlace, name), "must be a string, not "
                        + describe(entry.getValue()));
            }
        }
        return parents.isEmpty() ? Map.of() : copyObject(parents);
    }

    // The fields a reader does not know, kept for export; a null field is absent.
    private static Map<String, Object> extra(Map<?, ?> object, List<String> known) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String name = key(entry.getKey());
            if (!known.contains(name) && entry.getValue() != null) {
                extra.put(name, copy(entry.getValue()));
            }
        }
        return extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(extra);
    }

    private static Map<String, Object> copyObject(Map<?, ?> object) {
        List<String> keys = new ArrayList<>(object.size());
        List<Object> values = new ArrayList<>(object.size());
        object.forEach((name, value) -> {
            keys.add(key(name));
            values.add(copy(value));
        });
        return JsonObject.of(keys, values);
    }

    // A deep, immutable and compact copy, so that a content can be shared across threads; JSON null survives.
    private static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return canonicalNumber(number);
        }
        if (value instanceof Map<?, ?> object) {
            return copyObject(object);
        }
        if (value instanceof List<?> array) {
            Object[] copy = new Object[array.size()];
            int i = 0;
            for (Object element : array) {
                copy[i++] = copy(element);
            }
            return Collections.unmodifiableList(Arrays.asList(copy));
        }
        throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
    }

    /**
     * One Java type per kind of JSON number, whichever parser produced it, so that a content reads back
     * equal from any source: integers as {@code Long} (or {@code BigInteger} beyond it), other numbers
     * as {@code BigDecimal} keeping the digits as written.
     */
    private static Object canonicalNumber(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if ((number instanceof Double || number instanceof Float) && Double.isFinite(number.doubleValue())) {
            return new BigDecimal(number.toString());
        }
        throw new IllegalArgumentException("not a JSON number: " + number.getClass().getName());
    }

    private static String key(Object name) {
        if (!(name instanceof String string)) {
            throw new IllegalArgumentException("a JSON object key must be a String, not "
                    + (name == null ? "null" : name.getClass().getName()));
        }
        return string;
    }

    private static String identity(ResourceType type, String resourceName) {
        return type.name() + "\u0000" + resourceName;
    }

    private static InvalidSnapshotException invalid(String fileName, String place, String problem) {
        return new InvalidSnapshotException(fileName + ": " + place + " " + problem);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof Map ? "an object" : "a " + value.getClass().getSimpleName();
    }

    // A field of a place, written as in a jsonPath; names are shown, control characters escaped, long ones cut.
    private static String field(String place, String name) {
        return plain(name) ? place + "." + name : place + "[" + quotedName(name) + "]";
    }

    private static boolean plain(String name) {
        return !name.isEmpty() && name.codePointCount(0, name.length()) <= LONGEST_NAME_IN_MESSAGE
                && name.codePoints().noneMatch(c -> c == '.' || c == '[' || c == ']' || c == '\'' || c == '\\'
                        || isOdd(c));
    }

    private static String quotedName(String name) {
        StringBuilder quoted = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < name.length(); shown++) {
            if (shown == LONGEST_NAME_IN_MESSAGE) {
                quoted.append("...");
                break;
            }
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\' || c == '\'') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c != ' ' && isOdd(c)) {
                for (char unit : Character.toChars(c)) {
                    quoted.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                quoted.appendCodePoint(c);
            }
        }
        return quoted.append('\'').toString();
    }

    private static boolean isOdd(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE
                || !Character.isDefined(c);
    }
}

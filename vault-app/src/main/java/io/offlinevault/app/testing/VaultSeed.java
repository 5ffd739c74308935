package io.offlinevault.app.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.offlinevault.app.serve.EphemeralServer;
import io.offlinevault.domain.error.InvalidJsonException;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.WireJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a test server starts with, and goes back to before each test: the seed file of {@code serve --seed} (see the
 * README, "The seed file"), read from a file or built in code, or both (a file, then more in code). Each
 * {@code with...} method returns a copy with one more item; nothing is checked until the server starts, which then
 * reports every problem at once with its place ({@code organizations[0].entries[1].value}) and never a value. Entry
 * and token values never appear in {@link #toString()}. Immutable and thread-safe.
 */
public final class VaultSeed {
    private static final VaultSeed EMPTY = new VaultSeed(Map.of(), Path.of("").toAbsolutePath(), "The seed");

    // The seed file's document, as the JSON reader gives it; copied on every change, never changed in place.
    private final Map<String, Object> document;
    private final Path directory;
    private final String name;

    private VaultSeed(Map<String, Object> document, Path directory, String name) {
        this.document = document;
        this.directory = directory;
        this.name = name;
    }

    /** {@return a seed with nothing in it: the vault holds its admin token only} */
    public static VaultSeed empty() {
        return EMPTY;
    }

    /**
     * {@return the seed file {@code file}, read now} Snapshot {@code file} paths in it are relative to its directory.
     *
     * @throws IllegalArgumentException when the file cannot be read, is over 64 MiB, is not JSON or not a JSON
     *         object, with a message that names the file and never quotes it
     */
    public static VaultSeed fromFile(Path file) {
        EphemeralServer.SeedDocument read = EphemeralServer.readSeedFile(file);
        if (!(read.json() instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException(read.name() + " must hold a JSON object: {\"organizations\": [...],"
                    + " \"tokens\": [...]}.");
        }
        return new VaultSeed(copy(object), read.directory(), read.name());
    }

    /**
     * {@return this seed with one more entry in {@code organizationId}} {@code entry} is a {@code POST /vaultentries}
     * body: {@code key}, {@code value}, and optionally {@code valueType}, {@code vaultVisibilityType},
     * {@code attributeReferences}, {@code scopes}, with the API's defaults and rules.
     */
    public VaultSeed withEntry(String organizationId, Map<String, ?> entry) {
        requireNonNull(entry, "entry");
        return withItem(organizationId, "entries", copy(entry));
    }

    /** {@return this seed with one more entry in {@code organizationId}: a STRING value, STRICT (the API's defaults)} */
    public VaultSeed withEntry(String organizationId, String key, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", requireNonNull(key, "key"));
        entry.put("value", requireNonNull(value, "value"));
        return withEntry(organizationId, entry);
    }

    /**
     * {@return this seed with one more snapshot in {@code organizationId}, registered with a new id as by
     * {@code POST /snapshots/file}} {@code file} is a JSON or ZIP snapshot file.
     */
    public VaultSeed withSnapshot(String organizationId, Path file) {
        return withSnapshot(organizationId, Optional.empty(), "file", file.toAbsolutePath().toString());
    }

    /**
     * {@return this seed with one more snapshot in {@code organizationId}, registered under {@code snapshotId}
     * ({@code <organizationId>-} and 26 characters of {@code a-z2-7}), so that tests can name it} {@code file} is a
     * JSON or ZIP snapshot file.
     */
    public VaultSeed withSnapshot(String organizationId, String snapshotId, Path file) {
        return withSnapshot(organizationId, Optional.of(requireNonNull(snapshotId, "snapshotId")), "file",
                file.toAbsolutePath().toString());
    }

    /**
     * {@return this seed with one more snapshot in {@code organizationId}, registered with a new id} {@code json} is
     * a snapshot document as Coveo exports it ({@code {"resources": {"SOURCE": [...]}}}).
     *
     * @throws IllegalArgumentException when {@code json} is not JSON (the message does not quote it)
     */
    public VaultSeed withSnapshotContent(String organizationId, String json) {
        requireNonNull(json, "json");
        Object content;
        try {
            content = WireJson.read(json.getBytes(UTF_8), SnapshotFiles.MAX_UPLOAD, "the snapshot content");
        } catch (InvalidJsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return withSnapshot(organizationId, Optional.empty(), "content", content);
    }

    /**
     * {@return this seed with one more token, whose value the tests know, holding {@code privileges}
     * ({@code VAULT_ENTRY:VIEW}, ...) in {@code organizations}} The value is 32 to 512 printable ASCII characters
     * without spaces, and is stored as its SHA-256 like any token.
     */
    public VaultSeed withToken(String name, String value, List<String> privileges, List<String> organizations) {
        Map<String, Object> token = token(name, value, privileges);
        token.put("organizations", List.copyOf(organizations));
        return withToken(token);
    }

    /** {@return this seed with one more token holding {@code privileges} in every organization} */
    public VaultSeed withTokenForAllOrganizations(String name, String value, List<String> privileges) {
        Map<String, Object> token = token(name, value, privileges);
        token.put("allOrganizations", true);
        return withToken(token);
    }

    /** {@return whether the seed holds nothing} */
    boolean isEmpty() {
        return document.isEmpty();
    }

    /** {@return the document the server reads, with the directory its file paths are relative to} */
    EphemeralServer.SeedDocument document() {
        return new EphemeralServer.SeedDocument(document, directory, name);
    }

    @Override
    public String toString() {
        return "VaultSeed[" + list(document.get("organizations")).size() + " organizations, "
                + list(document.get("tokens")).size() + " tokens]";
    }

    private VaultSeed withSnapshot(String organizationId, Optional<String> id, String field, Object value) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        id.ifPresent(given -> snapshot.put("id", given));
        snapshot.put(field, value);
        return withItem(organizationId, "snapshots", snapshot);
    }

    private static Map<String, Object> token(String name, String value, List<String> privileges) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("name", requireNonNull(name, "name"));
        token.put("privileges", List.copyOf(privileges));
        token.put("value", requireNonNull(value, "value"));
        return token;
    }

    private VaultSeed withToken(Map<String, Object> token) {
        Map<String, Object> changed = new LinkedHashMap<>(document);
        changed.put("tokens", append(document.get("tokens"), token));
        return new VaultSeed(changed, directory, name);
    }

    // Adds the item to the organization's list, adding the organization when the seed does not name it yet.
    private VaultSeed withItem(String organizationId, String field, Object item) {
        requireNonNull(organizationId, "organizationId");
        List<Object> organizations = new ArrayList<>(list(document.get("organizations")));
        int index = -1;
        for (int i = 0; i < organizations.size() && index < 0; i++) {
            if (organizations.get(i) instanceof Map<?, ?> organization && organizationId.equals(organization.get("id"))) {
                index = i;
            }
        }
        Map<String, Object> organization = new LinkedHashMap<>();
        if (index < 0) {
            organization.put("id", organizationId);
            organizations.add(organization);
        } else {
            organization.putAll(copy((Map<?, ?>) organizations.get(index)));
            organizations.set(index, organization);
        }
        organization.put(field, append(organization.get(field), item));
        Map<String, Object> changed = new LinkedHashMap<>(document);
        changed.put("organizations", organizations);
        return new VaultSeed(changed, directory, name);
    }

    // A list that is not a list (a mistake in a seed file) stays as it is for the seed's checks to report.
    private static Object append(Object list, Object item) {
        if (list != null && !(list instanceof List<?>)) {
            return list;
        }
        List<Object> items = new ArrayList<>(list(list));
        items.add(item);
        return items;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }

    private static Map<String, Object> copy(Map<?, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}

package io.offlinevault.http.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.offlinevault.domain.entry.AttributeReference;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.ValueType;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.entry.Visibility;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.snapshot.ReferencedKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vault entries in the wire shape of API.md 2.1. The {@code value} is present only for a
 * {@code PUBLIC} entry: OBFUSCATED and STRICT values never leave through this class.
 */
public final class EntryJson {
    private static final SerializableString ORGANIZATION_ID = new SerializedString("organizationId");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString ATTRIBUTE_REFERENCES = new SerializedString("attributeReferences");
    private static final SerializableString SCOPES = new SerializedString("scopes");
    // What follows the key (and a PUBLIC entry's value) is decided by the entry's value type and visibility alone:
    // its three fields, pre-encoded as one segment per pair and written raw (a page writes them a hundred times;
    // field by field they were a third of a page's JSON). Indexed [valueType.ordinal()][visibility.ordinal()].
    private static final SerializableString[][] TYPE_AND_VISIBILITY = typeAndVisibility();
    // The usual end of an entry: neither references nor scopes, written raw too.
    private static final SerializableString NO_REFERENCES_NOR_SCOPES =
            new SerializedString(",\"attributeReferences\":[],\"scopes\":[]");

    private EntryJson() {
    }

    /** {@return API.md 6's {@code warnings}: code, message, key and expected keys of each; never a value} */
    public static List<Map<String, Object>> warnings(List<EntryWarning> warnings) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (EntryWarning warning : warnings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", warning.code());
            item.put("message", warning.message());
            item.put("key", warning.key().value());
            item.put("expectedKeys", warning.expectedKeys());
            json.add(item);
        }
        return json;
    }

    /** {@return the wire form of {@code entry} in {@code organization}} */
    public static Map<String, Object> of(OrganizationId organization, VaultEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("organizationId", organization.value());
        json.put("key", entry.key().value());
        if (entry.isPublic()) {
            json.put("value", entry.value().reveal());
        }
        json.put("valueType", entry.valueType().name());
        json.put("vaultVisibilityType", entry.visibility().name());
        json.put("public", entry.isPublic());
        json.put("attributeReferences", entry.attributeReferences().stream().map(EntryJson::reference).toList());
        json.put("scopes", entry.scopes().stream().map(EntryJson::scope).toList());
        return json;
    }

    /** {@return the wire form of a page: {@code items}, {@code totalEntries}, {@code totalPages}} */
    public static Map<String, Object> page(OrganizationId organization, EntryPage page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(entry -> of(organization, entry)).toList());
        json.put("totalEntries", page.totalEntries());
        json.put("totalPages", page.totalPages());
        return json;
    }

    /**
     * {@return the wire form of {@code entry} in {@code organization}, written directly: the same bytes as
     * {@link #of} with API.md 6's {@code warnings} added when there are some (no warning, no field)}
     */
    public static WireJson.Body body(OrganizationId organization, VaultEntry entry, List<EntryWarning> warnings) {
        return out -> write(out, new SerializedString(organization.value()), entry, warnings);
    }

    /** {@return the wire form of a page, written directly: the same bytes as {@link #page}} */
    public static WireJson.Body pageBody(OrganizationId organization, EntryPage page) {
        return out -> {
            SerializableString organizationId = new SerializedString(organization.value()); // escaped once a page
            out.writeStartObject();
            out.writeArrayFieldStart("items");
            for (VaultEntry entry : page.items()) {
                write(out, organizationId, entry, List.of());
            }
            out.writeEndArray();
            out.writeNumberField("totalEntries", page.totalEntries());
            out.writeNumberField("totalPages", page.totalPages());
            out.writeEndObject();
        };
    }

    private static void write(JsonGenerator out, SerializableString organizationId, VaultEntry entry,
                              List<EntryWarning> warnings) throws IOException {
        // The names as pre-encoded UTF-8: a page writes each of them a hundred times.
        out.writeStartObject();
        out.writeFieldName(ORGANIZATION_ID);
        out.writeString(organizationId);
        out.writeFieldName(KEY);
        out.writeString(entry.key().value());
        if (entry.isPublic()) {
            out.writeFieldName(VALUE);
            out.writeString(entry.value().reveal());
        }
        // a raw segment leaves the generator's context as the value before it left it: a field after it gets its comma
        out.writeRaw(TYPE_AND_VISIBILITY[entry.valueType().ordinal()][entry.visibility().ordinal()]);
        if (entry.attributeReferences().isEmpty() && entry.scopes().isEmpty()) {
            out.writeRaw(NO_REFERENCES_NOR_SCOPES);
        } else {
            writeReferencesAndScopes(out, entry);
        }
        if (!warnings.isEmpty()) {
            out.writeArrayFieldStart("warnings");
            for (EntryWarning warning : warnings) {
                out.writeStartObject();
                out.writeStringField("code", warning.code());
                out.writeStringField("message", warning.message());
                out.writeStringField("key", warning.key().value());
                out.writeArrayFieldStart("expectedKeys");
                for (String expected : warning.expectedKeys()) {
                    out.writeString(expected);
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static void writeReferencesAndScopes(JsonGenerator out, VaultEntry entry) throws IOException {
        out.writeFieldName(ATTRIBUTE_REFERENCES);
        out.writeStartArray();
        for (AttributeReference reference : entry.attributeReferences()) {
            out.writeStartObject();
            out.writeStringField("jsonPath", reference.jsonPath().value());
            out.writeStringField("resourceName", reference.resourceName());
            out.writeStringField("resourceType", reference.resourceType().name());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeFieldName(SCOPES);
        out.writeStartArray();
        for (Scope scope : entry.scopes()) {
            out.writeStartObject();
            out.writeStringField("id", scope.id());
            out.writeStringField("resourceType", scope.resourceType().name());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    // "public" follows VaultEntry.isPublic's rule (the visibility is PUBLIC); EntryJsonTest holds the two together.
    private static SerializableString[][] typeAndVisibility() {
        SerializableString[][] segments = new SerializableString[ValueType.values().length][Visibility.values().length];
        for (ValueType type : ValueType.values()) {
            for (Visibility visibility : Visibility.values()) {
                segments[type.ordinal()][visibility.ordinal()] = new SerializedString(",\"valueType\":\"" + type.name()
                        + "\",\"vaultVisibilityType\":\"" + visibility.name() + "\",\"public\":"
                        + (visibility == Visibility.PUBLIC));
            }
        }
        return segments;
    }

    private static Map<String, Object> reference(AttributeReference reference) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jsonPath", reference.jsonPath().value());
        json.put("resourceName", reference.resourceName());
        json.put("resourceType", reference.resourceType().name());
        return json;
    }

    private static Map<String, Object> scope(Scope scope) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", scope.id());
        json.put("resourceType", scope.resourceType().name());
        return json;
    }

    /** {@return the answer of a bulk import: counts, and the warnings when there are any} */
    public static Map<String, Object> imported(ImportResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", result.created());
        json.put("updated", result.updated());
        if (!result.warnings().isEmpty()) {
            json.put("warnings", warnings(result.warnings()));
        }
        return json;
    }

    /** {@return the answer of a dry-run fetch: what it would copy, overwrite and skip, and what the source lacks} */
    public static Map<String, Object> fetched(FetchResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("copied", result.copied().stream().map(EntryKey::value).toList());
        json.put("overwritten", result.overwritten().stream().map(EntryKey::value).toList());
        json.put("skipped", result.skipped().stream().map(EntryKey::value).toList());
        json.put("missingInSource", result.missingInSource().stream().map(ReferencedKey::value).toList());
        // (ext) the source organization holds no entry at all: a wrong id, most likely
        json.put("sourceEmpty", result.sourceEmpty());
        return json;
    }
}

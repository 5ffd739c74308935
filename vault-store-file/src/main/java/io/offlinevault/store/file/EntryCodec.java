package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.offlinevault.domain.entry.AttributeReference;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link VaultEntry} streamed in the store's JSON ({@code key}, {@code value}, {@code valueType},
 * {@code visibility}, {@code attributeReferences}, {@code scopes}; names of the file format): written field by field and read without a tree of the whole document, which a checkpoint of 100,000 entries and
 * every journal record would otherwise build. Reading accepts the fields in any order and ignores unknown ones, as
 * the tree decoder does; a value of the wrong shape is a {@link RecordCodec.MalformedRecordException}.
 */
final class EntryCodec {
    private EntryCodec() {
    }

    /** Writes {@code entry} as the generator's next value. */
    static void write(JsonGenerator out, VaultEntry entry) throws IOException {
        out.writeStartObject();
        out.writeStringField("key", entry.key().value());
        out.writeStringField("value", entry.value().reveal());
        out.writeStringField("valueType", entry.valueType().name());
        out.writeStringField("visibility", entry.visibility().name());
        out.writeArrayFieldStart("attributeReferences");
        for (AttributeReference reference : entry.attributeReferences()) {
            out.writeStartObject();
            out.writeStringField("jsonPath", reference.jsonPath().value());
            out.writeStringField("resourceName", reference.resourceName());
            out.writeStringField("resourceType", reference.resourceType().name());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("scopes");
        for (Scope scope : entry.scopes()) {
            out.writeStartObject();
            out.writeStringField("id", scope.id());
            out.writeStringField("resourceType", scope.resourceType().name());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** {@return the entry at the parser's current token, which it consumes through the entry's end} */
    static VaultEntry read(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordCodec.MalformedRecordException("entry is not an object");
        }
        Object key = null;
        Object value = null;
        Object valueType = null;
        Object visibility = null;
        Object references = null;
        Object scopes = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "key" -> key = scalar(in);
                case "value" -> value = scalar(in);
                case "valueType" -> valueType = scalar(in);
                case "visibility" -> visibility = scalar(in);
                case "attributeReferences" -> references = list(in);
                case "scopes" -> scopes = list(in);
                default -> in.skipChildren();
            }
        }
        return RecordCodec.entry(key, value, valueType, visibility, references, scopes);
    }

    // A string as a string; anything else as its tree, which the decoder then refuses with the tree decoder's words.
    private static Object scalar(JsonParser in) throws IOException {
        return in.currentToken() == JsonToken.VALUE_STRING ? in.getText() : StoreJson.value(in);
    }

    // An array item by item, the usual empty one without the tree reader; anything else as its tree.
    private static Object list(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return StoreJson.value(in);
        }
        List<Object> items = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            items.add(StoreJson.value(in));
        }
        return items;
    }
}

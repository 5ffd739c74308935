package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.offlinevault.domain.entry.AttributeReference;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link VaultEntry} streamed in the store's JSON ({@code key}, {@code value}, {@code valueType},
 * {@code visibility}, {@code attributeReferences}, {@code scopes}; names of the file format): written field by field and read without a tree of the whole document, which a checkpoint of 100,000 entries and
 * every journal record would otherwise build. Reading accepts the fields in any order and ignores unknown ones, as
 * the tree decoder does; a value of the wrong shape is a {@link RecordCodec.MalformedRecordException}.
 */
final class EntryCodec {
    // the fields in the order written; the last two are lists
    private static final List<String> FIELDS = List.of("key", "value", "valueType", "visibility", "attributeReferences",
            "scopes");
    private static final int LISTS = 4;

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

    /**
     * {@return the entry at the parser's current token, which it consumes through the entry's end} A field named
     * twice is refused as the parser refuses it elsewhere; the parser's own check, a hash set per object, is
     * off inside the entry (a tenth of a cold open's CPU) and done here with a bit per known field.
     */
    static VaultEntry read(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordCodec.MalformedRecordException("entry is not an object");
        }
        boolean strict = in.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        in.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Object[] values = new Object[FIELDS.size()];
        int seen = 0;
        Set<String> unknown = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            int index = FIELDS.indexOf(field);
            if (index >= 0 ? (seen & (1 << index)) != 0 : unknown != null && unknown.contains(field)) {
                throw new JsonParseException(in, "a field named twice");
            }
            in.nextToken();
            if (index < 0) {
                unknown = unknown == null ? new HashSet<>() : unknown;
                unknown.add(field);
                in.skipChildren();
                continue;
            }
            seen |= 1 << index;
            values[index] = index < LISTS ? scalar(in, strict) : list(in, strict);
        }
        if (strict) {
            in.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        }
        return RecordCodec.entry(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    // A string as a string; anything else as its tree, which the decoder then refuses with the tree decoder's words.
    private static Object scalar(JsonParser in, boolean strict) throws IOException {
        return in.currentToken() == JsonToken.VALUE_STRING ? in.getText() : tree(in, strict);
    }

    // An array item by item, the usual empty one without the tree reader; anything else as its tree.
    private static Object list(JsonParser in, boolean strict) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return tree(in, strict);
        }
        List<Object> items = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            items.add(tree(in, strict));
        }
        return items;
    }

    // A nested value, read with the parser's check of duplicate names when the document has it.
    private static Object tree(JsonParser in, boolean strict) throws IOException {
        if (!strict || !in.currentToken().isStructStart()) {
            return StoreJson.value(in);
        }
        in.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return StoreJson.value(in);
        } finally {
            in.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        }
    }
}

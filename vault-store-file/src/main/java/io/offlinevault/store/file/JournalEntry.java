package io.offlinevault.store.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One committed batch as a journal record holds it: the changes the domain's state applies, then what the
 * batch did to the {@link BlobIndex} (snapshot contents and applied resources live in blobs, written before
 * the record, and the record names them by id). The writer and the replay at open apply it through the one
 * method {@link #applyTo}. Field names are part of the file format.
 * <pre>{"changes": [{"op": "putEntry", "organization", "entry"} | {"op": "deleteEntry", "organization", "key"}
 *   | {"op": "putSnapshot", "snapshot"} | {"op": "deleteSnapshot", "organization", "snapshotId"}
 *   | {"op": "putToken", "token"} | {"op": "deleteToken", "name"}],
 *  "blobs": [{"kind": "CONTENT" | "SNAPSHOT_DELETED" | "APPLIED", "organization", "snapshotId"?, "blobId"?}]}</pre>
 */
record JournalEntry(List<Change> stateChanges, List<BlobIndex.Update> blobUpdates) {
    // one create's record, so that the buffer is not grown on the hot path
    private static final int RECORD_BYTES = 512;
    private static final String NOT_OURS = "decrypted but its content is not what this store writes";

    JournalEntry {
        stateChanges = List.copyOf(stateChanges);
        blobUpdates = List.copyOf(blobUpdates);
    }

    /** {@return the entry of {@code batch}, whose payload changes went to the blobs named in {@code written}} */
    static JournalEntry of(Batch batch, Map<Change, String> written) {
        return new JournalEntry(batch.changes().stream()
                .filter(change -> !BlobEffect.of(change).replacesStateChange()).toList(),
                BlobIndex.Update.of(batch, written));
    }

    /** {@return one entry with the changes of {@code entries}, in order: applied, the same as each in turn} */
    static JournalEntry concat(List<JournalEntry> entries) {
        List<Change> changes = new ArrayList<>();
        List<BlobIndex.Update> updates = new ArrayList<>();
        for (JournalEntry entry : entries) {
            changes.addAll(entry.stateChanges());
            updates.addAll(entry.blobUpdates());
        }
        return new JournalEntry(changes, updates);
    }

    /** {@return {@code view} after this entry} */
    FileView applyTo(FileView view) {
        return new FileView(view.state().apply(new Batch(List.of(), stateChanges)), view.blobs().after(blobUpdates),
                view.reader());
    }

    /**
     * {@return this entry as the record's JSON payload} Written field by field, a new entry straight from the
     * domain's value: the commit path of every create runs through here.
     */
    byte[] toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(RECORD_BYTES);
        writeJson(bytes);
        return bytes.toByteArray();
    }

    /** Writes {@link #toJson()} to {@code stream}, which is not closed: the journal reuses one buffer for every record. */
    void writeJson(OutputStream stream) {
        try (JsonGenerator out = StoreJson.generator(stream)) {
            out.writeStartObject();
            out.writeArrayFieldStart("changes");
            for (Change change : stateChanges) {
                if (change instanceof Change.PutEntry put) {
                    out.writeStartObject();
                    out.writeStringField("op", "putEntry");
                    out.writeStringField("organization", put.organization().value());
                    out.writeFieldName("entry");
                    EntryCodec.write(out, put.entry());
                    out.writeEndObject();
                } else {
                    StoreJson.value(out, change.accept(ENCODER));
                }
            }
            out.writeEndArray();
            out.writeArrayFieldStart("blobs");
            for (BlobIndex.Update update : blobUpdates) {
                StoreJson.value(out, encode(update));
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
    }

    /**
     * {@return the entry of the record payload {@code payload}}, read as a stream: a new entry goes straight into
     * its change, without a tree of the record. JSON that {@link StoreJson#read} would refuse is STORE_CORRUPT
     * naming {@code what}.
     *
     * @throws RecordCodec.MalformedRecordException when the JSON is not of the shape {@link #toJson} writes
     */
    static JournalEntry read(byte[] payload, String what) {
        try (JsonParser in = StoreJson.parser(payload)) {
            if (in.nextToken() == null) {
                throw StoreErrors.damaged(what, NOT_OURS);
            }
            JournalEntry entry = read(in);
            if (in.nextToken() != null) {
                throw StoreErrors.damaged(what, NOT_OURS);
            }
            return entry;
        } catch (IOException e) {
            throw StoreErrors.damaged(what, NOT_OURS);
        }
    }

    private static JournalEntry read(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordCodec.MalformedRecordException("journal record is not an object");
        }
        List<Change> changes = null;
        Map<String, Object> blobs = new HashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "changes" -> changes = changes(in);
                case "blobs" -> blobs.put(field, items(in));
                default -> in.skipChildren();
            }
        }
        if (changes == null) {
            throw new RecordCodec.MalformedRecordException("changes is not an array");
        }
        return new JournalEntry(changes, RecordCodec.list(blobs, "blobs", JournalEntry::update));
    }

    private static List<Change> changes(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            throw new RecordCodec.MalformedRecordException("changes is not an array");
        }
        List<Change> changes = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            changes.add(change(in));
        }
        return changes;
    }

    // An array item by item (the usual empty one without the tree reader); any other value as its tree.
    private static Object items(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return StoreJson.value(in);
        }
        List<Object> items = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            items.add(StoreJson.value(in));
        }
        return items;
    }

    // A putEntry's entry, once its op is known (toJson writes the op first), streamed; any other field as a tree.
    private static Change change(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordCodec.MalformedRecordException("change is not an object");
        }
        Map<String, Object> tree = new HashMap<>();
        VaultEntry entry = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            if (field.equals("entry") && "putEntry".equals(tree.get("op")) && in.currentToken() == JsonToken.START_OBJECT) {
                entry = EntryCodec.read(in);
            } else {
                tree.put(field, in.currentToken() == JsonToken.VALUE_STRING ? in.getText() : StoreJson.value(in));
            }
        }
        return entry != null ? new Change.PutEntry(organization(tree), entry) : change(tree);
    }

    private static Map<String, Object> encode(BlobIndex.Update update) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("kind", update.kind().name());
        tree.put("organization", update.organization().value());
        if (update.snapshotId() != null) {
            tree.put("snapshotId", update.snapshotId());
        }
        if (update.blobId() != null) {
            tree.put("blobId", update.blobId());
        }
        return tree;
    }

    private static BlobIndex.Update update(Object raw) {
        Map<String, Object> tree = RecordCodec.object(raw, "blob update");
        BlobEffect.Kind kind = switch (RecordCodec.string(tree, "kind")) {
            case "CONTENT" -> BlobEffect.Kind.CONTENT;
            case "SNAPSHOT_DELETED" -> BlobEffect.Kind.SNAPSHOT_DELETED;
            case "APPLIED" -> BlobEffect.Kind.APPLIED;
            default -> throw new RecordCodec.MalformedRecordException("blob update kind");
        };
        String snapshotId = kind == BlobEffect.Kind.APPLIED ? null : RecordCodec.string(tree, "snapshotId");
        String blobId = tree.containsKey("blobId") || kind == BlobEffect.Kind.CONTENT ? RecordCodec.blobId(tree.get("blobId")) : null;
        if (kind == BlobEffect.Kind.SNAPSHOT_DELETED && blobId != null) {
            throw new RecordCodec.MalformedRecordException("blob update");
        }
        return new BlobIndex.Update(kind, organization(tree), snapshotId, blobId);
    }

    private static Change change(Map<String, Object> tree) {
        return switch (RecordCodec.string(tree, "op")) {
            case "putEntry" -> new Change.PutEntry(organization(tree), RecordCodec.entry(tree.get("entry")));
            case "deleteEntry" -> new Change.DeleteEntry(organization(tree), entryKey(RecordCodec.string(tree, "key")));
            case "putSnapshot" -> new Change.PutSnapshot(RecordCodec.snapshot(tree.get("snapshot")));
            case "deleteSnapshot" -> new Change.DeleteSnapshot(organization(tree), RecordCodec.string(tree, "snapshotId"));
            case "putToken" -> new Change.PutToken(RecordCodec.token(tree.get("token")));
            case "deleteToken" -> new Change.DeleteToken(RecordCodec.string(tree, "name"));
            default -> throw new RecordCodec.MalformedRecordException("change kind");
        };
    }

    private static OrganizationId organization(Map<String, Object> tree) {
        return RecordCodec.organizationId(tree.get("organization"));
    }

    private static EntryKey entryKey(String raw) {
        try {
            return EntryKey.of(raw);
        } catch (RuntimeException e) {
            throw new RecordCodec.MalformedRecordException("entry key");
        }
    }

    private static Map<String, Object> tree(String op, Object... fields) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            tree.put((String) fields[i], fields[i + 1]);
        }
        return tree;
    }

    private static final Change.Visitor<Map<String, Object>> ENCODER = new Change.Visitor<>() {
        @Override
        public Map<String, Object> putEntry(Change.PutEntry change) {
            throw new IllegalArgumentException("toJson streams a new entry");
        }

        @Override
        public Map<String, Object> deleteEntry(Change.DeleteEntry change) {
            return tree("deleteEntry", "organization", change.organization().value(), "key", change.key().value());
        }

        @Override
        public Map<String, Object> putSnapshot(Change.PutSnapshot change) {
            return tree("putSnapshot", "snapshot", RecordCodec.snapshot(change.snapshot()));
        }

        @Override
        public Map<String, Object> deleteSnapshot(Change.DeleteSnapshot change) {
            return tree("deleteSnapshot", "organization", change.organization().value(), "snapshotId",
                    change.snapshotId());
        }

        @Override
        public Map<String, Object> putToken(Change.PutToken change) {
            return tree("putToken", "token", RecordCodec.token(change.token()));
        }

        @Override
        public Map<String, Object> deleteToken(Change.DeleteToken change) {
            return tree("deleteToken", "name", change.name());
        }

        @Override
        public Map<String, Object> putSnapshotContent(Change.PutSnapshotContent change) {
            throw new IllegalArgumentException("a snapshot content goes to a blob, not to a journal record");
        }

        @Override
        public Map<String, Object> putAppliedResources(Change.PutAppliedResources change) {
            throw new IllegalArgumentException("applied resources go to a blob, not to a journal record");
        }
    };
}

package io.offlinevault.store.file;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import java.util.ArrayList;
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

    Map<String, Object> encode() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("changes", stateChanges.stream().map(change -> change.accept(ENCODER)).toList());
        tree.put("blobs", blobUpdates.stream().map(JournalEntry::encode).toList());
        return tree;
    }

    /**
     * {@return the entry of a decoded record payload}
     *
     * @throws RecordCodec.MalformedRecordException when the tree is not of the shape {@link #encode} writes
     */
    static JournalEntry decode(Object raw) {
        Map<String, Object> tree = RecordCodec.object(raw, "journal record");
        return new JournalEntry(RecordCodec.list(tree, "changes", JournalEntry::change),
                RecordCodec.list(tree, "blobs", JournalEntry::update));
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

    private static Change change(Object raw) {
        Map<String, Object> tree = RecordCodec.object(raw, "change");
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
            return tree("putEntry", "organization", change.organization().value(), "entry",
                    RecordCodec.entry(change.entry()));
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

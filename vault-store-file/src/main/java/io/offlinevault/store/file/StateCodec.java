package io.offlinevault.store.file;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.memory.VaultState;
import io.offlinevault.domain.port.out.Batch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint's payload: the whole state as a plain JSON tree; snapshot contents and applied
 * resources are not in it, only the ids of the blobs that hold them.
 * <pre>{"tokens": [..], "organizations": [{"id", "entries": [..], "snapshots": [..],
 *   "contents": {snapshotId: blobId}, "applied": blobId}], "previousBlobs": [blobId..]}</pre>
 * {@code previousBlobs}, when present, names the blobs of the checkpoint this one replaced (then
 * {@code checkpoint.prev}), so that an open need not read that file to know which blobs to keep.
 */
final class StateCodec {
    private StateCodec() {
    }

    static Map<String, Object> encode(VaultState state, BlobIndex blobs, Optional<Set<String>> previousBlobs) {
        List<Object> organizations = new ArrayList<>();
        for (OrganizationId organization : state.organizations()) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("id", organization.value());
            tree.put("entries", state.allEntries(organization).map(RecordCodec::entry).toList());
            tree.put("snapshots", state.snapshots(organization).stream().map(RecordCodec::snapshot).toList());
            tree.put("contents", blobs.contents().getOrDefault(organization, Map.of()));
            String applied = blobs.applied().get(organization);
            if (applied != null) {
                tree.put("applied", applied);
            }
            organizations.add(tree);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tokens", state.tokens().stream().map(RecordCodec::token).toList());
        root.put("organizations", organizations);
        previousBlobs.ifPresent(ids -> root.put("previousBlobs", new TreeSet<>(ids).stream().toList()));
        return root;
    }

    /** A decoded checkpoint payload: the state, the blob index it was written with, and its previous blobs if known. */
    record Decoded(VaultState state, BlobIndex blobs, Optional<Set<String>> previousBlobs) {
    }

    /**
     * {@return the state of {@code raw} and the blobs it references (not read here)}
     *
     * @throws RecordCodec.MalformedRecordException when the tree is not of the shape {@link #encode} writes
     */
    static Decoded decode(Object raw) {
        Map<String, Object> root = RecordCodec.object(raw, "checkpoint");
        Batch.Builder batch = Batch.builder();
        RecordCodec.list(root, "tokens", RecordCodec::token).forEach(batch::putToken);
        Map<OrganizationId, Map<String, String>> contents = new TreeMap<>();
        Map<OrganizationId, String> applied = new TreeMap<>();
        for (Map<String, Object> tree : RecordCodec.list(root, "organizations", o -> RecordCodec.object(o, "organization"))) {
            OrganizationId organization = RecordCodec.organizationId(tree.get("id"));
            RecordCodec.list(tree, "entries", RecordCodec::entry).forEach(entry -> batch.putEntry(organization, entry));
            RecordCodec.list(tree, "snapshots", RecordCodec::snapshot).forEach(batch::putSnapshot);
            Map<String, String> byId = new TreeMap<>();
            RecordCodec.object(tree.get("contents"), "contents").forEach((snapshotId, blobId) -> {
                byId.put(snapshotId, RecordCodec.blobId(blobId));
            });
            contents.put(organization, byId);
            if (tree.containsKey("applied")) {
                applied.put(organization, RecordCodec.blobId(tree.get("applied")));
            }
        }
        Optional<Set<String>> previousBlobs = root.containsKey("previousBlobs")
                ? Optional.of(Set.copyOf(RecordCodec.list(root, "previousBlobs", RecordCodec::blobId)))
                : Optional.empty();
        return new Decoded(VaultState.empty().apply(batch.build()), new BlobIndex(contents, applied), previousBlobs);
    }
}

package io.offlinevault.store.file;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which blob holds each snapshot content and each organization's applied resources: the part of a
 * checkpoint that the domain's state does not know. Immutable; a change copies the small maps.
 */
record BlobIndex(Map<OrganizationId, Map<String, String>> contents, Map<OrganizationId, String> applied) {
    BlobIndex {
        Map<OrganizationId, Map<String, String>> copy = new TreeMap<>();
        contents.forEach((organization, byId) -> {
            if (!byId.isEmpty()) {
                copy.put(organization, Collections.unmodifiableMap(new TreeMap<>(byId)));
            }
        });
        contents = Collections.unmodifiableMap(copy);
        applied = Collections.unmodifiableMap(new TreeMap<>(applied));
    }

    static BlobIndex empty() {
        return new BlobIndex(Map.of(), Map.of());
    }

    /** {@return every blob id this index references} */
    Set<String> ids() {
        Set<String> ids = new HashSet<>(applied.values());
        contents.values().forEach(byId -> ids.addAll(byId.values()));
        return ids;
    }

    /**
     * {@return this index after {@code batch}, with the blob id (in {@code written}) of every content
     * and applied-resource set the batch puts; an applied set without a blob was cleared}
     */
    BlobIndex after(Batch batch, Map<Change, String> written) {
        Map<OrganizationId, Map<String, String>> newContents = new TreeMap<>(contents);
        Map<OrganizationId, String> newApplied = new TreeMap<>(applied);
        for (Change change : batch.changes()) {
            BlobEffect effect = BlobEffect.of(change);
            switch (effect.kind()) {
                case CONTENT -> {
                    Map<String, String> byId = new TreeMap<>(newContents.getOrDefault(effect.organization(), Map.of()));
                    byId.put(effect.snapshotId(), written.get(change));
                    newContents.put(effect.organization(), byId);
                }
                case SNAPSHOT_DELETED -> {
                    Map<String, String> byId = new TreeMap<>(newContents.getOrDefault(effect.organization(), Map.of()));
                    byId.remove(effect.snapshotId());
                    newContents.put(effect.organization(), byId);
                }
                case APPLIED -> {
                    String id = written.get(change);
                    if (id == null) {
                        newApplied.remove(effect.organization());
                    } else {
                        newApplied.put(effect.organization(), id);
                    }
                }
                case NONE -> {
                    // the state keeps it
                }
            }
        }
        return new BlobIndex(newContents, newApplied);
    }
}

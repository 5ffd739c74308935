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
     * {@return this index after {@code batch}, with a fresh blob id (in {@code written}) for every
     * content and applied-resource set the batch puts}
     */
    BlobIndex after(Batch batch, Map<Change, String> written) {
        Map<OrganizationId, Map<String, String>> newContents = new TreeMap<>(contents);
        Map<OrganizationId, String> newApplied = new TreeMap<>(applied);
        for (Change change : batch.changes()) {
            change.accept(new Change.Visitor<Void>() {
                @Override
                public Void putSnapshotContent(Change.PutSnapshotContent c) {
                    Map<String, String> byId = new TreeMap<>(newContents.getOrDefault(c.organization(), Map.of()));
                    byId.put(c.snapshotId(), written.get(c));
                    newContents.put(c.organization(), byId);
                    return null;
                }

                @Override
                public Void deleteSnapshot(Change.DeleteSnapshot c) {
                    Map<String, String> byId = new TreeMap<>(newContents.getOrDefault(c.organization(), Map.of()));
                    byId.remove(c.snapshotId());
                    newContents.put(c.organization(), byId);
                    return null;
                }

                @Override
                public Void putAppliedResources(Change.PutAppliedResources c) {
                    if (c.resources().byType().isEmpty()) {
                        newApplied.remove(c.organization());
                    } else {
                        newApplied.put(c.organization(), written.get(c));
                    }
                    return null;
                }

                @Override
                public Void putEntry(Change.PutEntry c) {
                    return null;
                }

                @Override
                public Void deleteEntry(Change.DeleteEntry c) {
                    return null;
                }

                @Override
                public Void putSnapshot(Change.PutSnapshot c) {
                    return null;
                }

                @Override
                public Void putToken(Change.PutToken c) {
                    return null;
                }

                @Override
                public Void deleteToken(Change.DeleteToken c) {
                    return null;
                }
            });
        }
        return new BlobIndex(newContents, newApplied);
    }
}

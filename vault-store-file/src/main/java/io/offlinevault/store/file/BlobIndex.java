package io.offlinevault.store.file;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Change;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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
     * What a committed change did to the index: a snapshot content now in {@code blobId}
     * ({@link BlobEffect.Kind#CONTENT}), a snapshot's content gone ({@code SNAPSHOT_DELETED}), or an
     * organization's applied resources now in {@code blobId} or cleared when it is null ({@code APPLIED}).
     */
    record Update(BlobEffect.Kind kind, OrganizationId organization, String snapshotId, String blobId) {
        Update {
            if (kind == BlobEffect.Kind.NONE) {
                throw new IllegalArgumentException("a change without a blob effect does not update the index");
            }
        }

        /**
         * {@return the updates of {@code batch}, in order, given the id of the blob written for each change
         * that has a payload}
         */
        static List<Update> of(Batch batch, Map<Change, String> written) {
            List<Update> updates = new ArrayList<>();
            for (Change change : batch.changes()) {
                BlobEffect effect = BlobEffect.of(change);
                if (effect.kind() != BlobEffect.Kind.NONE) {
                    updates.add(new Update(effect.kind(), effect.organization(), effect.snapshotId(), written.get(change)));
                }
            }
            return List.copyOf(updates);
        }
    }

    /** {@return this index after {@code updates}, applied in order} */
    BlobIndex after(List<Update> updates) {
        if (updates.isEmpty()) {
            return this;
        }
        Map<OrganizationId, Map<String, String>> newContents = new TreeMap<>(contents);
        Map<OrganizationId, String> newApplied = new TreeMap<>(applied);
        for (Update update : updates) {
            switch (update.kind()) {
                case CONTENT -> {
                    Map<String, String> byId = new TreeMap<>(newContents.getOrDefault(update.organization(), Map.of()));
                    byId.put(update.snapshotId(), update.blobId());
                    newContents.put(update.organization(), byId);
                }
                case SNAPSHOT_DELETED -> {
                    Map<String, String> byId = new TreeMap<>(newContents.getOrDefault(update.organization(), Map.of()));
                    byId.remove(update.snapshotId());
                    newContents.put(update.organization(), byId);
                }
                case APPLIED -> {
                    if (update.blobId() == null) {
                        newApplied.remove(update.organization());
                    } else {
                        newApplied.put(update.organization(), update.blobId());
                    }
                }
                case NONE -> throw new IllegalStateException("checked by Update");
            }
        }
        return new BlobIndex(newContents, newApplied);
    }
}

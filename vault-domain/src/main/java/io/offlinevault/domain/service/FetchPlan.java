package io.offlinevault.domain.service;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.FetchStrategy;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.ReferencedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a fetch writes, decided from one view: the sorted result lists and the one batch that
 * copies them. The batch requires every key it read, on both sides, to be unchanged at commit. A key that can
 * never be an entry key is absent from both sides, so it is a conflict or missing in the source, as API.md 6 says.
 */
record FetchPlan(FetchResult result, Batch batch) {

    /**
     * Plans copying {@code keys} (sorted) from {@code source} into {@code destination}.
     *
     * @throws FetchConflictException when {@code ALL_OR_NOTHING} finds keys missing on both sides
     */
    static FetchPlan of(VaultView view, OrganizationId source, OrganizationId destination, List<ReferencedKey> keys,
                        FetchStrategy strategy) {
        List<EntryKey> copied = new ArrayList<>();
        List<EntryKey> overwritten = new ArrayList<>();
        List<EntryKey> skipped = new ArrayList<>();
        List<ReferencedKey> missingInSource = new ArrayList<>();
        List<ReferencedKey> conflicts = new ArrayList<>();
        Batch.Builder batch = Batch.builder();
        for (ReferencedKey referenced : keys) {
            Optional<EntryKey> entryKey = referenced.entryKey();
            Optional<VaultEntry> there = entryKey.flatMap(key -> view.entry(destination, key));
            Optional<VaultEntry> from = entryKey.flatMap(key -> view.entry(source, key));
            entryKey.ifPresent(key -> batch.require(Precondition.entryUnchanged(destination, key, there))
                    .require(Precondition.entryUnchanged(source, key, from)));
            boolean writes = switch (strategy) {
                case ALL_OR_NOTHING, ONLY_MISSING -> there.isEmpty();
                case OVERWRITE -> true;
            };
            if (!writes) {
                skipped.add(there.get().key());
            } else if (from.isEmpty()) {
                (strategy == FetchStrategy.ALL_OR_NOTHING ? conflicts : missingInSource).add(referenced);
            } else if (there.isEmpty()) {
                copied.add(from.get().key());
                batch.putEntry(destination, from.get().withScopes(List.of()));
            } else {
                overwritten.add(from.get().key());
                batch.putEntry(destination, from.get().withScopes(there.get().scopes()));
            }
        }
        boolean sourceEmpty = view.entryCount(source) == 0;
        if (!conflicts.isEmpty()) {
            throw new FetchConflictException(conflicts.stream().map(ReferencedKey::value).toList(), sourceEmpty);
        }
        return new FetchPlan(new FetchResult(copied, overwritten, skipped, missingInSource, sourceEmpty),
                batch.build());
    }
}

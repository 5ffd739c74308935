package io.offlinevault.domain.service;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.PlaceholderScanner;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SimilarKeys;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.VaultReference;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one check of a snapshot content against an organization's vault, shared by the snapshot check, the
 * {@code /missing} route and the dry run and apply, so that they never disagree. Access is checked by the
 * callers. Stateless and thread-safe.
 */
final class Prerequisites {
    // how often the scan for similar keys reports, in entries
    private static final int PROGRESS_EVERY = 1000;

    private Prerequisites() {
    }

    /**
     * {@return the check of {@code content} against {@code organization} in {@code view}} Similar keys are
     * looked for only when {@code withSimilarKeys} (callers that may view the vault) and some key is missing:
     * that is the only step that reads every key of the organization. A key that can never be an entry key
     * is missing without a look-up and gets no similar keys.
     */
    static SnapshotCheck check(VaultView view, OrganizationId organization, SnapshotContent content,
                               boolean withSimilarKeys, SnapshotChecks.Progress progress) {
        List<VaultReference> references = PlaceholderScanner.scan(content);
        List<ReferencedKey> keys = PlaceholderScanner.distinctKeys(references);
        progress.checking(keys.size(), references.size());
        TreeSet<ReferencedKey> missing = new TreeSet<>();
        for (ReferencedKey key : keys) {
            if (!key.foundIn(entryKey -> view.entry(organization, entryKey).isPresent())) {
                missing.add(key);
            }
        }
        List<EntryKey> lookAlikesOf = withSimilarKeys
                ? missing.stream().map(ReferencedKey::entryKey).flatMap(Optional::stream).toList() : List.of();
        SimilarKeys similar = SimilarKeys.find(lookAlikesOf, keysOf(view, organization, progress));
        return SnapshotCheck.of(organization, references, missing, similar);
    }

    // Iterated only if a similar key is looked for; the count comes from the same immutable view.
    private static Iterable<EntryKey> keysOf(VaultView view, OrganizationId organization,
                                             SnapshotChecks.Progress progress) {
        return () -> new Iterator<>() {
            private final Iterator<VaultEntry> entries = view.allEntries(organization).iterator();
            private final long total = view.entryCount(organization);
            private long read;

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public EntryKey next() {
                EntryKey key = entries.next().key();
                read++;
                if (read % PROGRESS_EVERY == 0 || read == total) {
                    progress.scanned(read, total);
                }
                return key;
            }
        };
    }
}

package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.PlaceholderScanner;
import io.offlinevault.domain.snapshot.SimilarKeys;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.VaultReference;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a snapshot content needs from an organization's vault: every reference in document order, the
 * referenced keys the vault lacks (sorted) and the existing keys that look like each missing one.
 */
record SnapshotCheck(OrganizationId organization, List<VaultReference> references, Set<EntryKey> missing,
                     SimilarKeys similarKeys) {
    // How many entries one read of the view takes while looking for similar keys.
    private static final int CHUNK = 1000;

    SnapshotCheck {
        requireNonNull(organization, "organization");
        references = List.copyOf(references);
        missing = Set.copyOf(missing);
        requireNonNull(similarKeys, "similarKeys");
    }

    /** {@return the check of {@code content} against {@code organization} in {@code view}} */
    static SnapshotCheck of(SnapshotContent content, OrganizationId organization, VaultView view,
                            Consumer<String> progress) {
        List<VaultReference> references = PlaceholderScanner.scan(content);
        List<EntryKey> keys = PlaceholderScanner.distinctKeys(references);
        progress.accept("checking " + keys.size() + " referenced keys (" + references.size() + " references) in "
                + organization.value());
        TreeSet<EntryKey> missing = new TreeSet<>();
        for (EntryKey key : keys) {
            if (view.entry(organization, key).isEmpty()) {
                missing.add(key);
            }
        }
        SimilarKeys similar = SimilarKeys.find(missing, keysOf(view, organization, progress));
        return new SnapshotCheck(organization, references, missing, similar);
    }

    /** {@return the missing keys, sorted} */
    List<EntryKey> missingKeys() {
        return List.copyOf(new TreeSet<>(missing));
    }

    /** {@return whether {@code key} is in the vault} */
    boolean found(EntryKey key) {
        return !missing.contains(key);
    }

    /** {@return the existing keys that look like {@code key}, empty for a key that exists} */
    List<String> similarTo(EntryKey key) {
        return found(key) ? List.of() : similarKeys.of(key);
    }

    // The organization's keys read lazily a chunk at a time, so that a large vault is never held at once.
    private static Iterable<EntryKey> keysOf(VaultView view, OrganizationId organization, Consumer<String> progress) {
        long total = view.entryCount(organization);
        return () -> new Iterator<>() {
            private long offset;
            private Iterator<VaultEntry> chunk = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && offset < total) {
                    List<VaultEntry> entries = view.entries(organization, offset, CHUNK);
                    if (entries.isEmpty()) {
                        return false;
                    }
                    offset += entries.size();
                    chunk = entries.iterator();
                    if (total > CHUNK) {
                        progress.accept("looking for similar keys: " + offset + " of " + total + " entries");
                    }
                }
                return chunk.hasNext();
            }

            @Override
            public EntryKey next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next().key();
            }
        };
    }
}

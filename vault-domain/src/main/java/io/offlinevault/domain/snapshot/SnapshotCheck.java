package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a snapshot content needs from an organization's vault: every reference in document order, whether
 * the vault has its key, the referenced keys it lacks (sorted as strings) and the existing keys that look like
 * each missing one. A key that can never be an entry key ({@link ReferencedKey#violation()}) is always missing
 * and has no similar keys. Holds key names only, never a value. Immutable and thread-safe.
 */
public final class SnapshotCheck {
    private final OrganizationId organization;
    private final List<VaultReference> references;
    private final List<ReferencedKey> missing;
    private final Set<ReferencedKey> missingSet;
    private final SimilarKeys similarKeys;

    private SnapshotCheck(OrganizationId organization, List<VaultReference> references, Collection<ReferencedKey> missing,
                          SimilarKeys similarKeys) {
        this.organization = requireNonNull(organization, "organization");
        this.references = List.copyOf(references);
        this.missing = List.copyOf(new TreeSet<>(missing));
        this.missingSet = Set.copyOf(missing);
        this.similarKeys = requireNonNull(similarKeys, "similarKeys");
    }

    /**
     * {@return the check of {@code references} (document order) against {@code organization}, where
     * {@code missing} are the referenced keys it lacks and {@code similarKeys} was found for them}
     */
    public static SnapshotCheck of(OrganizationId organization, List<VaultReference> references,
                                   Collection<ReferencedKey> missing, SimilarKeys similarKeys) {
        return new SnapshotCheck(organization, references, missing, similarKeys);
    }

    /** One reference with what the check found for its key. */
    public record CheckedReference(VaultReference reference, boolean found, List<String> similarKeys) {
        public CheckedReference {
            requireNonNull(reference, "reference");
            similarKeys = List.copyOf(similarKeys);
        }
    }

    /** {@return the organization checked} */
    public OrganizationId organization() {
        return organization;
    }

    /** {@return every reference of the content in document order, duplicates included} */
    public List<VaultReference> references() {
        return references;
    }

    /** {@return every reference with whether its key was found and, if missing, its similar keys} */
    public List<CheckedReference> checkedReferences() {
        List<CheckedReference> checked = new ArrayList<>(references.size());
        for (VaultReference reference : references) {
            checked.add(new CheckedReference(reference, found(reference.key()), similarTo(reference.key())));
        }
        return List.copyOf(checked);
    }

    /** {@return the distinct referenced keys, sorted} */
    public List<ReferencedKey> referencedKeys() {
        return PlaceholderScanner.distinctKeys(references);
    }

    /**
     * {@return the referenced keys the organization lacks, distinct and sorted as strings} Keys that can never be
     * entry keys are among them.
     */
    public List<ReferencedKey> missing() {
        return missing;
    }

    /** {@return whether nothing referenced is missing} */
    public boolean complete() {
        return missing.isEmpty();
    }

    /** {@return whether {@code key} is in the vault, or is not referenced at all} */
    public boolean found(ReferencedKey key) {
        return !missingSet.contains(key);
    }

    /**
     * {@return the existing keys that look like {@code key}, empty for a key that was found} Empty too when
     * the check was made without looking for similar keys, and for a key that can never be an entry key.
     */
    public List<String> similarTo(ReferencedKey key) {
        return found(key) ? List.of() : key.entryKey().map(similarKeys::of).orElse(List.of());
    }

    /** {@return the similar keys of every missing key, as dry-run reports carry them} */
    public SimilarKeys similarKeys() {
        return similarKeys;
    }

    @Override
    public String toString() {
        return "SnapshotCheck[organization=" + organization + ", references=" + references.size() + ", missing="
                + missing.size() + "]";
    }
}

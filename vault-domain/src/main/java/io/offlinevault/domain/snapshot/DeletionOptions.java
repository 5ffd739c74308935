package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

/**
 * The {@code deleteMissingResources} and {@code deletionScope} parameters of a dry run or apply. Without
 * {@code deleteMissingResources}, the scope changes nothing. It lives with the snapshot model rather than
 * in {@code port.in} because {@link SnapshotPlan}, pure domain logic, reads it.
 */
public record DeletionOptions(boolean deleteMissingResources, DeletionScope scope) {
    public DeletionOptions {
        requireNonNull(scope, "scope");
    }

    /** {@return the defaults: delete nothing, scope {@link DeletionScope#ONLY_TYPES_FROM_SNAPSHOT}} */
    public static DeletionOptions keepMissing() {
        return new DeletionOptions(false, DeletionScope.ONLY_TYPES_FROM_SNAPSHOT);
    }

    /** {@return options that delete the applied resources the snapshot lacks, within {@code scope}} */
    public static DeletionOptions deleteMissing(DeletionScope scope) {
        return new DeletionOptions(true, scope);
    }
}

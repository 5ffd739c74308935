package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;

/**
 * The prerequisite check of a snapshot content against an organization's vault, without storing anything
 * (the command line's {@code snapshot check}, API.md 6 {@code POST .../snapshots/check}); the
 * {@code /missing} route and the dry run use the same check. Thread-safe.
 */
public interface SnapshotChecks {
    /**
     * {@return every {@code {{ VAULT.<key> }}} reference of {@code content} with its resource, JSON path and
     * place, whether {@code organization} has its key, and the similar keys of each missing one}; needs
     * {@code SNAPSHOTS:VIEW} and {@code VAULT_ENTRY:VIEW}. Reports its steps to {@code progress}.
     */
    SnapshotCheck check(Caller caller, OrganizationId organization, SnapshotContent content, Progress progress);

    /** {@return the check of {@link #check(Caller, OrganizationId, SnapshotContent, Progress)}, without progress} */
    default SnapshotCheck check(Caller caller, OrganizationId organization, SnapshotContent content) {
        return check(caller, organization, content, Progress.NONE);
    }

    /** Told the steps of a long check, for a command line to show; called on the checking thread. */
    interface Progress {
        /** Tells nothing. */
        Progress NONE = new Progress() {
        };

        /** Called once the content is scanned: {@code keys} distinct keys in {@code references} references. */
        default void checking(int keys, int references) {
        }

        /**
         * Called while the organization's keys are read to find similar keys (only when a key is missing):
         * after every thousandth entry and after the last, {@code read} of {@code total}.
         */
        default void scanned(long read, long total) {
        }
    }
}

package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.OrganizationId;
import java.util.List;

/**
 * Bulk import of vault entries into one organization in one atomic commit (the command line's
 * {@code entry import}, API.md 6 {@code POST .../vaultentries/import}). Thread-safe.
 */
public interface EntryImports {
    /**
     * Validates every item with the rules of create (and, for an existing key, of update), then commits
     * them all in one batch; needs {@code VAULT_ENTRY:CREATE}, and {@code VAULT_ENTRY:EDIT} too in
     * {@link ImportMode#UPSERT}. Throws {@link io.offlinevault.domain.error.InvalidEntryException} listing
     * every broken rule of every item under {@code items[i].<field>} (a key given twice is
     * {@code items[i].key}, {@code key.duplicate}); else, in {@link ImportMode#CREATE_ONLY}, an
     * {@link io.offlinevault.domain.error.AlreadyExistsException} naming every existing key; in both cases
     * nothing is written. Reports its steps to {@code progress}.
     */
    ImportResult importEntries(Caller caller, OrganizationId organization, List<EntryDraft> items, ImportMode mode,
                               Progress progress);

    /** {@return what {@link #importEntries(Caller, OrganizationId, List, ImportMode, Progress)} does, without progress} */
    default ImportResult importEntries(Caller caller, OrganizationId organization, List<EntryDraft> items,
                                       ImportMode mode) {
        return importEntries(caller, organization, items, mode, Progress.NONE);
    }

    /** Told the steps of a long import, for a command line to show; called on the importing thread. */
    interface Progress {
        /** Tells nothing. */
        Progress NONE = new Progress() {
        };

        /** Called after each item is validated: {@code checked} of {@code total} items. */
        default void checked(int checked, int total) {
        }

        /** Called once every item is valid, just before the one commit of {@code items} items. */
        default void committing(int items) {
        }
    }
}

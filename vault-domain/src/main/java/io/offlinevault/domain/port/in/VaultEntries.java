package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import java.util.List;

/**
 * The vault-entry use cases (routes V1-V7 of API.md). Each checks its caller's privilege in the
 * organization first and throws a {@link io.offlinevault.domain.error.VaultException} on failure.
 * Thread-safe.
 */
public interface VaultEntries {
    /** Creates an entry; needs {@code VAULT_ENTRY:CREATE}. */
    SavedEntry create(Caller caller, OrganizationId organization, EntryDraft draft);

    /** {@return the entry of that key}; needs {@code VAULT_ENTRY:VIEW}. */
    VaultEntry get(Caller caller, OrganizationId organization, EntryKey key);

    /** Updates an existing entry; absent fields keep their stored values. Needs {@code VAULT_ENTRY:EDIT}. */
    SavedEntry replace(Caller caller, OrganizationId organization, EntryKey key, EntryDraft draft);

    /**
     * Renames an existing entry to {@code newKey} in one atomic commit, keeping its value (a STRICT one never
     * leaves the vault), type, visibility, references and scopes; needs {@code VAULT_ENTRY:EDIT} and
     * {@code VAULT_ENTRY:CREATE}. {@return the renamed entry} Throws {@link
     * io.offlinevault.domain.error.NotFoundException} when {@code key} is absent, {@link
     * io.offlinevault.domain.error.InvalidEntryException} with violations on {@code newKey} (codes
     * {@code newKey.<rule>}, {@code newKey.unchanged}), {@link io.offlinevault.domain.error.AlreadyExistsException}
     * when {@code newKey} exists.
     */
    SavedEntry rename(Caller caller, OrganizationId organization, EntryKey key, Object newKey);

    /** Deletes an existing entry; needs {@code VAULT_ENTRY:EDIT}. */
    void delete(Caller caller, OrganizationId organization, EntryKey key);

    /** {@return one page of the entries sorted by key}; needs {@code VAULT_ENTRY:VIEW}. */
    EntryPage list(Caller caller, OrganizationId organization, PageRequest page);

    /**
     * {@return the check of the snapshot's references against the organization: the keys it lacks
     * ({@link SnapshotCheck#missing()}, sorted) and the existing keys that look like each}; needs
     * {@code VAULT_ENTRY:VIEW}.
     */
    SnapshotCheck missing(Caller caller, OrganizationId organization, String snapshotId);

    /**
     * Copies referenced entries from the source organization in one atomic commit (or, with
     * {@code dryRun}, only says what it would do). Needs {@code VAULT_ENTRY:EDIT} in the destination
     * and {@code VAULT_ENTRY:VIEW} in the source.
     */
    FetchResult fetch(Caller caller, OrganizationId destination, FetchRequest request);
}

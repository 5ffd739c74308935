package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import java.util.List;

/**
 * The vault-entry use cases (routes V1-V7 of API.md). Each checks its caller's privilege in the
 * organization first and throws a {@link io.offlinevault.domain.error.VaultException} on failure.
 * Thread-safe.
 */
public interface VaultEntries {
    /** Creates an entry; needs {@code VAULT_ENTRY:CREATE}. */
    VaultEntry create(Caller caller, OrganizationId organization, EntryDraft draft);

    /** {@return the entry of that key}; needs {@code VAULT_ENTRY:VIEW}. */
    VaultEntry get(Caller caller, OrganizationId organization, EntryKey key);

    /** Updates an existing entry; absent fields keep their stored values. Needs {@code VAULT_ENTRY:EDIT}. */
    VaultEntry replace(Caller caller, OrganizationId organization, EntryKey key, EntryDraft draft);

    /** Deletes an existing entry; needs {@code VAULT_ENTRY:EDIT}. */
    void delete(Caller caller, OrganizationId organization, EntryKey key);

    /** {@return one page of the entries sorted by key}; needs {@code VAULT_ENTRY:VIEW}. */
    EntryPage list(Caller caller, OrganizationId organization, PageRequest page);

    /** {@return the keys the snapshot references that the organization lacks, sorted}; needs {@code VAULT_ENTRY:VIEW}. */
    List<EntryKey> missing(Caller caller, OrganizationId organization, String snapshotId);

    /**
     * Copies referenced entries from the source organization in one atomic commit (or, with
     * {@code dryRun}, only says what it would do). Needs {@code VAULT_ENTRY:EDIT} in the destination
     * and {@code VAULT_ENTRY:VIEW} in the source.
     */
    FetchResult fetch(Caller caller, OrganizationId destination, FetchRequest request);
}

package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.EntryPage;
import io.offlinevault.domain.port.in.FetchRequest;
import io.offlinevault.domain.port.in.FetchResult;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.PageRequest;
import io.offlinevault.domain.port.in.SavedEntry;
import io.offlinevault.domain.port.in.ScopedEntries;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import io.offlinevault.domain.snapshot.PlaceholderScanner;
import io.offlinevault.domain.snapshot.ReferencedKey;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The vault-entry use cases, the bulk import and the scoped entries on a {@link VaultRepository}. Thread-safe. */
public final class VaultEntryService implements VaultEntries, EntryImports, ScopedEntries {
    private final VaultRepository repository;

    public VaultEntryService(VaultRepository repository) {
        this.repository = requireNonNull(repository, "repository");
    }

    @Override
    public SavedEntry create(Caller caller, OrganizationId organization, EntryDraft draft) {
        caller.require(organization, Privilege.VAULT_ENTRY_CREATE);
        VaultEntry entry = EntryValidator.validateCreate(organization, draft);
        repository.commit(Batch.builder()
                .require(Precondition.entryAbsent(organization, entry.key()))
                .putEntry(organization, entry)
                .build());
        return new SavedEntry(entry, EntryWarning.referenceMismatch(entry).stream().toList());
    }

    @Override
    public VaultEntry get(Caller caller, OrganizationId organization, EntryKey key) {
        caller.require(organization, Privilege.VAULT_ENTRY_VIEW);
        return existing(repository.view(), organization, key);
    }

    @Override
    public SavedEntry replace(Caller caller, OrganizationId organization, EntryKey key, EntryDraft draft) {
        caller.require(organization, Privilege.VAULT_ENTRY_EDIT);
        return Retry.optimistically(() -> {
            VaultEntry stored = existing(repository.view(), organization, key);
            VaultEntry updated = EntryValidator.validateUpdate(organization, key, stored, draft);
            repository.commit(Batch.builder()
                    .require(Precondition.entryUnchanged(organization, key, Optional.of(stored)))
                    .putEntry(organization, updated)
                    .build());
            return new SavedEntry(updated, EntryWarning.referenceMismatch(updated, draft).stream().toList());
        });
    }

    @Override
    public SavedEntry rename(Caller caller, OrganizationId organization, EntryKey key, Object newKey) {
        caller.require(organization, Privilege.VAULT_ENTRY_EDIT);
        caller.require(organization, Privilege.VAULT_ENTRY_CREATE);
        return Retry.optimistically(() -> {
            VaultEntry stored = existing(repository.view(), organization, key);
            VaultEntry renamed = EntryValidator.validateRename(stored, newKey);
            repository.commit(Batch.builder()
                    .require(Precondition.entryUnchanged(organization, key, Optional.of(stored)))
                    .require(Precondition.entryAbsent(organization, renamed.key()))
                    .deleteEntry(organization, key)
                    .putEntry(organization, renamed)
                    .build());
            return new SavedEntry(renamed, EntryWarning.referenceMismatch(renamed).stream().toList());
        });
    }

    @Override
    public void delete(Caller caller, OrganizationId organization, EntryKey key) {
        caller.require(organization, Privilege.VAULT_ENTRY_EDIT);
        Retry.optimistically(() -> {
            VaultEntry stored = existing(repository.view(), organization, key);
            repository.commit(Batch.builder()
                    .require(Precondition.entryUnchanged(organization, key, Optional.of(stored)))
                    .deleteEntry(organization, key)
                    .build());
            return stored;
        });
    }

    @Override
    public EntryPage list(Caller caller, OrganizationId organization, PageRequest page) {
        caller.require(organization, Privilege.VAULT_ENTRY_VIEW);
        VaultView view = repository.view();
        long total = view.entryCount(organization);
        List<VaultEntry> items = view.entries(organization, page.offset(), page.pageSize());
        return new EntryPage(items, total, page.totalPages(total));
    }

    @Override
    public SnapshotCheck missing(Caller caller, OrganizationId organization, String snapshotId) {
        caller.require(organization, Privilege.VAULT_ENTRY_VIEW);
        VaultView view = repository.view();
        return Prerequisites.check(view, organization, content(view, organization, snapshotId), true,
                SnapshotChecks.Progress.NONE);
    }

    @Override
    public ImportResult importEntries(Caller caller, OrganizationId organization, List<EntryDraft> items,
                                      ImportMode mode, EntryImports.Progress progress) {
        requireNonNull(mode, "mode");
        caller.require(organization, Privilege.VAULT_ENTRY_CREATE);
        switch (mode) {
            case CREATE_ONLY -> { }
            case UPSERT -> caller.require(organization, Privilege.VAULT_ENTRY_EDIT);
        }
        List<EntryDraft> drafts = List.copyOf(items);
        requireNonNull(progress, "progress");
        return Retry.optimistically(() -> {
            ImportPlan plan = ImportPlan.of(repository.view(), organization, drafts, mode, progress);
            progress.committing(drafts.size());
            if (!plan.batch().isEmpty()) {
                repository.commit(plan.batch());
            }
            return plan.result();
        });
    }

    @Override
    public List<VaultEntry> scopedTo(Caller caller, OrganizationId organization, Scope scope) {
        caller.require(organization, Privilege.VAULT_ENTRY_VIEW);
        requireNonNull(scope, "scope");
        try (Stream<VaultEntry> entries = repository.view().allEntries(organization)) {
            return entries.filter(entry -> entry.scopes().contains(scope)).toList();
        }
    }

    @Override
    public FetchResult fetch(Caller caller, OrganizationId destination, FetchRequest request) {
        if (request.source().equals(destination)) {
            // a bad query parameter is answered before a missing privilege (API.md section 1, precedence)
            throw new InvalidParameterException("sourceOrganizationId must differ from the destination organization.");
        }
        caller.require(destination, Privilege.VAULT_ENTRY_EDIT);
        caller.require(request.source(), Privilege.VAULT_ENTRY_VIEW);
        return Retry.optimistically(() -> {
            VaultView view = repository.view();
            List<ReferencedKey> keys = referencedKeys(view, destination, request.snapshotId());
            FetchPlan plan = FetchPlan.of(view, request.source(), destination, keys, request.strategy());
            if (!request.dryRun() && !plan.batch().isEmpty()) {
                repository.commit(plan.batch());
            }
            return plan.result();
        });
    }

    static List<ReferencedKey> referencedKeys(VaultView view, OrganizationId organization, String snapshotId) {
        return PlaceholderScanner.distinctKeys(PlaceholderScanner.scan(content(view, organization, snapshotId)));
    }

    private static SnapshotContent content(VaultView view, OrganizationId organization, String snapshotId) {
        return view.snapshotContent(organization, snapshotId)
                .orElseThrow(() -> NotFoundException.snapshot(organization, snapshotId));
    }

    private static VaultEntry existing(VaultView view, OrganizationId organization, EntryKey key) {
        return view.entry(organization, key).orElseThrow(() -> NotFoundException.entry(organization, key));
    }
}

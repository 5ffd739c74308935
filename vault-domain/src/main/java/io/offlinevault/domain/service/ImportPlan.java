package io.offlinevault.domain.service;

import io.offlinevault.domain.entry.EntryDraft;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.domain.entry.EntryValidator;
import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.VaultEntry;
import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.Violation;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.ImportMode;
import io.offlinevault.domain.port.in.ImportResult;
import io.offlinevault.domain.port.in.ItemViolation;
import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.Precondition;
import io.offlinevault.domain.port.out.VaultView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a bulk import writes, decided from one view: every item validated, then the counts and the one
 * batch that writes them all. The batch requires every key it read to be unchanged at commit, so a
 * concurrent create or update makes the import read again instead of overwriting it.
 */
record ImportPlan(ImportResult result, Batch batch) {

    /**
     * Plans importing {@code items} into {@code organization}.
     *
     * @throws InvalidEntryException listing every broken rule of every item under {@code items[i].<field>}
     * @throws AlreadyExistsException in {@link ImportMode#CREATE_ONLY}, when every item is valid but some
     *                                keys exist, naming all of them in item order
     */
    static ImportPlan of(VaultView view, OrganizationId organization, List<EntryDraft> items, ImportMode mode,
                         EntryImports.Progress progress) {
        Batch.Builder batch = Batch.builder();
        List<Violation> violations = new ArrayList<>();
        List<EntryKey> conflicts = new ArrayList<>();
        Set<EntryKey> seen = new HashSet<>();
        int created = 0;
        int updated = 0;
        List<EntryWarning> warnings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            EntryDraft draft = items.get(i);
            Optional<EntryKey> key = EntryKey.check(draft.key()).isEmpty()
                    ? Optional.of(EntryKey.of((String) draft.key())) : Optional.empty();
            if (key.isPresent() && !seen.add(key.get())) {
                // the first item of that key is the one validated; a second one would overwrite it in the batch
                violations.add(new ItemViolation(i, new Violation("key", "key.duplicate",
                        "appears more than once in the file")).inImport());
            } else {
                try {
                    Optional<VaultEntry> stored = key.flatMap(k -> view.entry(organization, k));
                    boolean updates = switch (mode) {
                        case CREATE_ONLY -> false;
                        case UPSERT -> true;
                    };
                    if (stored.isPresent() && !updates) {
                        conflicts.add(stored.get().key());
                        // still validated as the update it would be, so that one run reports every problem
                        EntryValidator.validateUpdate(organization, stored.get().key(), stored.get(), draft);
                    } else if (stored.isPresent()) {
                        VaultEntry entry = EntryValidator.validateUpdate(organization, stored.get().key(),
                                stored.get(), draft);
                        batch.require(Precondition.entryUnchanged(organization, entry.key(), stored))
                                .putEntry(organization, entry);
                        EntryWarning.referenceMismatch(entry, draft).ifPresent(warnings::add);
                        updated++;
                    } else {
                        VaultEntry entry = EntryValidator.validateCreate(organization, draft);
                        batch.require(Precondition.entryUnchanged(organization, entry.key(), Optional.empty()))
                                .putEntry(organization, entry);
                        EntryWarning.referenceMismatch(entry).ifPresent(warnings::add);
                        created++;
                    }
                } catch (InvalidEntryException e) {
                    for (Violation violation : e.violations()) {
                        violations.add(new ItemViolation(i, violation).inImport());
                    }
                }
            }
            progress.checked(i + 1, items.size());
        }
        if (!violations.isEmpty()) {
            throw new InvalidEntryException(violations);
        }
        if (!conflicts.isEmpty()) {
            throw AlreadyExistsException.entries(organization, conflicts.stream().map(EntryKey::value).toList());
        }
        return new ImportPlan(new ImportResult(created, updated, warnings), batch.build());
    }
}

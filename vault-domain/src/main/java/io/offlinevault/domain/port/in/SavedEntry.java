package io.offlinevault.domain.port.in;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.EntryWarning;
import io.offlinevault.domain.entry.VaultEntry;
import java.util.List;

/**
 * An entry as a create, update or rename saved it, and the remarks on it ({@link EntryWarning}); the save
 * happened whatever the warnings say. Immutable.
 */
public record SavedEntry(VaultEntry entry, List<EntryWarning> warnings) {
    public SavedEntry {
        requireNonNull(entry, "entry");
        warnings = List.copyOf(warnings);
    }
}

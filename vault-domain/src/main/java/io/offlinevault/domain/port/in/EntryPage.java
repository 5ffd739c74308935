package io.offlinevault.domain.port.in;

import io.offlinevault.domain.entry.VaultEntry;
import java.util.List;

/** One page of an organization's entries, sorted by key, with the true totals. */
public record EntryPage(List<VaultEntry> items, long totalEntries, long totalPages) {
    public EntryPage {
        items = List.copyOf(items);
    }
}

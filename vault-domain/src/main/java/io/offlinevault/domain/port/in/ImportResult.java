package io.offlinevault.domain.port.in;

import io.offlinevault.domain.entry.EntryWarning;
import java.util.List;

/**
 * What a committed bulk import did: how many entries it created and how many it updated, and the remarks on the
 * entries it saved ({@link EntryWarning}), in item order.
 */
public record ImportResult(int created, int updated, List<EntryWarning> warnings) {
    public ImportResult {
        if (created < 0 || updated < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        warnings = List.copyOf(warnings);
    }

    /** {@return how many items were imported: every item is either created or updated} */
    public int total() {
        return created + updated;
    }
}

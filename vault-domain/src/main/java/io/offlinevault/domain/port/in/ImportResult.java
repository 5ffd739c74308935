package io.offlinevault.domain.port.in;

/** What a committed bulk import did: how many entries it created and how many it updated. */
public record ImportResult(int created, int updated) {
    public ImportResult {
        if (created < 0 || updated < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** {@return how many items were imported: every item is either created or updated} */
    public int total() {
        return created + updated;
    }
}

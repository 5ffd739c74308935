package io.offlinevault.domain.operation;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;
import java.util.List;
import java.util.Optional;

/**
 * What a vault holds, for its administrator: the version serving it and for how long, where its store stands
 * (none for an ephemeral vault, which keeps nothing on disk) and how many entries and snapshots each
 * organization has. Never a value, a digest or a path. Immutable.
 */
public record VaultInfo(String version, long uptimeMillis, Optional<StorePosition> store,
                        List<OrganizationSummary> organizations) {
    public VaultInfo {
        requireNonNull(version, "version");
        requireNonNull(store, "store");
        organizations = List.copyOf(organizations);
    }

    /** Where a store stands: the generation of its newest checkpoint and the key term new data is sealed under. */
    public record StorePosition(long generation, int keyTerm) {
    }

    /** One organization: how many vault entries and snapshots it holds. */
    public record OrganizationSummary(OrganizationId id, long entries, int snapshots) {
        public OrganizationSummary {
            requireNonNull(id, "id");
        }
    }

    /** {@return whether the vault is ephemeral: it keeps nothing on disk} */
    public boolean ephemeral() {
        return store.isEmpty();
    }
}

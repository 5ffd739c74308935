package io.offlinevault.domain.port.in;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;

/** Copy the entries that {@code snapshotId} (of the destination) references from {@code source}. */
public record FetchRequest(OrganizationId source, String snapshotId, FetchStrategy strategy, boolean dryRun) {
    public FetchRequest {
        requireNonNull(source, "source");
        requireNonNull(snapshotId, "snapshotId");
        requireNonNull(strategy, "strategy");
    }
}

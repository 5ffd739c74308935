package io.offlinevault.domain.snapshot;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registered snapshot's metadata and its reports (oldest first). Its content is kept apart
 * ({@link SnapshotContent}), so listing snapshots never loads content.
 */
public record Snapshot(String id, OrganizationId organizationId, String createdBy, long createdDate,
                       String developerNote, Map<ResourceType, Integer> contentSummary,
                       List<SnapshotReport> reports) {
    public Snapshot {
        requireNonNull(id, "id");
        requireNonNull(organizationId, "organizationId");
        requireNonNull(createdBy, "createdBy");
        requireNonNull(developerNote, "developerNote");
        contentSummary = Collections.unmodifiableMap(new TreeMap<>(contentSummary));
        reports = List.copyOf(reports);
    }

    /** {@return a copy with {@code report} appended} */
    public Snapshot withReport(SnapshotReport report) {
        List<SnapshotReport> more = new ArrayList<>(reports);
        more.add(report);
        return new Snapshot(id, organizationId, createdBy, createdDate, developerNote, contentSummary, more);
    }

    /** {@return a copy without reports, as snapshot listings show it} */
    public Snapshot withoutReports() {
        return new Snapshot(id, organizationId, createdBy, createdDate, developerNote, contentSummary, List.of());
    }

    /** {@return a copy whose reports carry no {@code similarKeys}} */
    public Snapshot withoutSimilarKeys() {
        return new Snapshot(id, organizationId, createdBy, createdDate, developerNote, contentSummary,
                reports.stream().map(SnapshotReport::withoutSimilarKeys).toList());
    }

    /** {@return the greatest {@code updatedDate} of any report, or {@code Long.MIN_VALUE} when there is none} */
    public long lastReportDate() {
        return reports.stream().mapToLong(SnapshotReport::updatedDate).max().orElse(Long.MIN_VALUE);
    }
}

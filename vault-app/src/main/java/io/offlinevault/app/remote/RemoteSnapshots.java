package io.offlinevault.app.remote;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotCheck;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.domain.snapshot.SnapshotReport;
import io.offlinevault.http.codec.SnapshotFiles;
import java.util.List;
import java.util.Optional;

/**
 * {@link Snapshots} and {@link SnapshotChecks} over a running server's snapshot routes. A snapshot content travels
 * as the ZIP that {@code GET .../content} gives (one {@code snapshot.json}), so the server reads exactly what the
 * command line read. The caller argument is not sent: the server knows the caller from the token.
 */
final class RemoteSnapshots implements Snapshots, SnapshotChecks {
    private final VaultClient client;

    RemoteSnapshots(VaultClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public Snapshot register(Caller caller, OrganizationId organization, SnapshotContent content,
                             String developerNote) {
        return RemoteSnapshotJson.snapshot(client.post(snapshots(organization) + "/file").query("snapshotFileType", "ZIP")
                .query("developerNotes", developerNote).body(zip(content)).answer());
    }

    @Override
    public Snapshot get(Caller caller, OrganizationId organization, String snapshotId) {
        return RemoteSnapshotJson.snapshot(client.get(snapshot(organization, snapshotId)).answer());
    }

    @Override
    public List<Snapshot> list(Caller caller, OrganizationId organization) {
        return RemoteSnapshotJson.snapshots(client.get(snapshots(organization)).answer());
    }

    @Override
    public SnapshotContent content(Caller caller, OrganizationId organization, String snapshotId) {
        byte[] zip = client.get(snapshot(organization, snapshotId) + "/content").query("contentFormat", "FLAT").send();
        return SnapshotFiles.read(zip, Optional.of(SnapshotFiles.FileType.ZIP), snapshotId + ".zip");
    }

    @Override
    public void delete(Caller caller, OrganizationId organization, String snapshotId) {
        client.delete(snapshot(organization, snapshotId)).send();
    }

    @Override
    public SnapshotReport dryRun(Caller caller, OrganizationId organization, String snapshotId,
                                 DeletionOptions options) {
        return RemoteSnapshotJson.report(deletion(client.put(snapshot(organization, snapshotId) + "/dryrun"), options)
                .answer());
    }

    @Override
    public SnapshotReport apply(Caller caller, OrganizationId organization, String snapshotId,
                                DeletionOptions options) {
        return RemoteSnapshotJson.report(deletion(client.put(snapshot(organization, snapshotId) + "/apply"), options)
                .answer());
    }

    @Override
    public SnapshotCheck check(Caller caller, OrganizationId organization, SnapshotContent content,
                               Progress progress) {
        return RemoteSnapshotJson.check(client.post(snapshots(organization) + "/check").query("snapshotFileType", "ZIP")
                .body(zip(content)).answer());
    }

    private static VaultClient.Call deletion(VaultClient.Call call, DeletionOptions options) {
        return call.query("deleteMissingResources", options.deleteMissingResources())
                .query("deletionScope", options.scope().name());
    }

    private static VaultClient.Body zip(SnapshotContent content) {
        return new VaultClient.Body("application/zip", SnapshotFiles.writeZip(content,
                SnapshotFiles.ContentFormat.FLAT));
    }

    private static String snapshots(OrganizationId organization) {
        return "/rest/organizations/" + VaultClient.segment(organization.value()) + "/snapshots";
    }

    private static String snapshot(OrganizationId organization, String snapshotId) {
        return snapshots(organization) + "/" + VaultClient.segment(snapshotId);
    }
}

package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.ResourceType;
import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.error.InvalidSnapshotException;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.snapshot.DeletionOptions;
import io.offlinevault.domain.snapshot.DeletionScope;
import io.offlinevault.domain.snapshot.Snapshot;
import io.offlinevault.domain.snapshot.SnapshotContent;
import io.offlinevault.http.MultipartForm.MalformedMultipartException;
import io.offlinevault.http.codec.SnapshotFiles;
import io.offlinevault.http.codec.SnapshotJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The snapshot routes of API.md section 3: upload, models with reports, content export, dry run, apply. */
final class SnapshotRoutes {
    static final String SNAPSHOTS = "/rest/organizations/{organizationId}/snapshots";
    static final String FILE = SNAPSHOTS + "/file";
    static final String SNAPSHOT = SNAPSHOTS + "/{snapshotId}";
    static final String CONTENT = SNAPSHOT + "/content";
    static final String ACCESS = SNAPSHOT + "/access";
    static final String RESOURCE_ACCESS = SNAPSHOTS + "/access/resource";
    static final String DRY_RUN = SNAPSHOT + "/dryrun";
    static final String APPLY = SNAPSHOT + "/apply";
    static final String CHECK = SNAPSHOTS + "/check";

    private final Snapshots snapshots;
    private final SnapshotChecks checks;

    SnapshotRoutes(Snapshots snapshots, SnapshotChecks checks) {
        this.snapshots = requireNonNull(snapshots, "snapshots");
        this.checks = requireNonNull(checks, "checks");
    }

    void register(RouteTable.Builder routes) {
        routes.add(new Route("POST", FILE, true, new Route.InOrganization(Privilege.SNAPSHOTS_CREATE),
                        SnapshotFiles.MAX_UPLOAD, SnapshotRoutes::declaredType, this::upload))
                .add("GET", SNAPSHOTS, Privilege.SNAPSHOTS_VIEW, RouteTable.Builder.noCheck(), this::list)
                .add("GET", SNAPSHOT, Privilege.SNAPSHOTS_VIEW, SnapshotRoutes::includeReports, this::get)
                .add("GET", CONTENT, Privilege.SNAPSHOTS_VIEW, SnapshotRoutes::contentFormat, this::content)
                .add("GET", ACCESS, Privilege.SNAPSHOTS_VIEW, SnapshotRoutes::accessType, this::access)
                .add("GET", RESOURCE_ACCESS, Privilege.SNAPSHOTS_CREATE, RouteTable.Builder.noCheck(), this::resourceTypes)
                .add("PUT", DRY_RUN, Privilege.SNAPSHOTS_EDIT, SnapshotRoutes::deletion, this::dryRun)
                .add("PUT", APPLY, Privilege.SNAPSHOTS_EDIT, SnapshotRoutes::deletion, this::apply)
                .add("DELETE", SNAPSHOT, Privilege.SNAPSHOTS_EDIT, RouteTable.Builder.noCheck(), this::delete)
                .add(new Route("POST", CHECK, true, new Route.InOrganization(Set.of(Privilege.SNAPSHOTS_VIEW,
                        Privilege.VAULT_ENTRY_VIEW)), SnapshotFiles.MAX_UPLOAD, SnapshotRoutes::declaredType,
                        this::check));
    }

    private Response upload(Request request) {
        SnapshotContent content = readUpload(request);
        // the body (up to 64 MiB) is not needed any more: let it go before the snapshot is stored
        request.releaseBody();
        String note = request.query().string("developerNotes").orElse("");
        Snapshot snapshot = snapshots.register(request.caller(), request.organization(), content, note);
        return Response.json(201, SnapshotJson.of(snapshot));
    }

    // The prerequisite check of a snapshot file against the path organization; nothing is stored.
    private Response check(Request request) {
        SnapshotContent content = readUpload(request);
        request.releaseBody();
        return Response.json(200, SnapshotJson.check(checks.check(request.caller(), request.organization(), content)));
    }

    private static SnapshotContent readUpload(Request request) {
        Optional<SnapshotFiles.FileType> declared = declaredType(request);
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            if (declared.isEmpty()) {
                throw new InvalidParameterException("snapshotFileType (JSON or ZIP) is required with a multipart upload.");
            }
            List<MultipartForm.Part> files;
            try {
                files = MultipartForm.parse(request.header("Content-Type").orElse(""), request.body(),
                        MultipartForm.MAX_PARTS).named("file");
            } catch (MalformedMultipartException e) {
                throw new InvalidSnapshotException("The upload is not valid multipart/form-data: " + e.getMessage());
            }
            if (files.size() != 1) {
                throw new InvalidSnapshotException("The upload must hold exactly one part named file, not " + files.size()
                        + ".");
            }
            MultipartForm.Part file = files.get(0);
            return SnapshotFiles.read(file.content(), declared, file.filename().orElse("file"));
        }
        if (contentType.startsWith("application/json") || contentType.startsWith("application/zip")) {
            SnapshotFiles.FileType fromHeader = contentType.startsWith("application/zip") ? SnapshotFiles.FileType.ZIP
                    : SnapshotFiles.FileType.JSON;
            return SnapshotFiles.read(request.body(), declared.or(() -> Optional.of(fromHeader)), "the request body");
        }
        throw new InvalidSnapshotException("Upload the snapshot as multipart/form-data (one part named file), or as"
                + " a raw application/json or application/zip body.");
    }

    private Response list(Request request) {
        return Response.json(200, snapshots.list(request.caller(), request.organization()).stream()
                .map(SnapshotJson::of).toList());
    }

    private Response get(Request request) {
        Snapshot snapshot = snapshots.get(request.caller(), request.organization(), snapshotId(request));
        return Response.json(200, SnapshotJson.of(includeReports(request) ? snapshot : snapshot.withoutReports()));
    }

    private Response content(Request request) {
        String id = snapshotId(request);
        SnapshotContent content = snapshots.content(request.caller(), request.organization(), id);
        byte[] zip = SnapshotFiles.writeZip(content, contentFormat(request));
        return new Response(200, Map.of("Content-Type", "application/zip",
                "Content-Disposition", "attachment; filename=\"" + id + ".zip\""), zip);
    }

    private Response access(Request request) {
        OrganizationId organization = request.organization();
        AccessType type = accessType(request);
        snapshots.get(request.caller(), organization, snapshotId(request));
        Privilege needed = type == AccessType.WRITE ? Privilege.SNAPSHOTS_EDIT : Privilege.SNAPSHOTS_VIEW;
        return Response.json(200, Map.of("allowed", request.caller().holds(organization, needed)));
    }

    private Response resourceTypes(Request request) {
        return Response.json(200, ResourceType.KNOWN.stream().filter(type -> !type.equals(ResourceType.UNKNOWN))
                .map(ResourceType::name).toList());
    }

    private Response dryRun(Request request) {
        DeletionOptions options = deletion(request);
        request.ignoreJsonBody();
        return Response.json(200, SnapshotJson.report(snapshots.dryRun(request.caller(), request.organization(),
                snapshotId(request), options)));
    }

    private Response apply(Request request) {
        DeletionOptions options = deletion(request);
        request.ignoreJsonBody();
        return Response.json(200, SnapshotJson.report(snapshots.apply(request.caller(), request.organization(),
                snapshotId(request), options)));
    }

    private Response delete(Request request) {
        snapshots.delete(request.caller(), request.organization(), snapshotId(request));
        return Response.noContent();
    }

    private static String snapshotId(Request request) {
        return request.pathParameter("snapshotId");
    }

    /** The kinds of access a client may ask about. */
    enum AccessType {
        READ, WRITE
    }

    static Optional<SnapshotFiles.FileType> declaredType(Request request) {
        return Optional.ofNullable(request.query().choice("snapshotFileType", SnapshotFiles.FileType.class, null));
    }

    static boolean includeReports(Request request) {
        return request.query().bool("includeReports", true);
    }

    static SnapshotFiles.ContentFormat contentFormat(Request request) {
        return request.query().choice("contentFormat", SnapshotFiles.ContentFormat.class, SnapshotFiles.ContentFormat.FLAT);
    }

    static AccessType accessType(Request request) {
        return request.query().choice("snapshotAccessType", AccessType.class);
    }

    static DeletionOptions deletion(Request request) {
        return new DeletionOptions(request.query().bool("deleteMissingResources", false),
                request.query().choice("deletionScope", DeletionScope.class, DeletionScope.ONLY_TYPES_FROM_SNAPSHOT));
    }
}

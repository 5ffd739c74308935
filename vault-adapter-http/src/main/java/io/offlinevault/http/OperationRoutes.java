package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.InvalidParameterException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.http.codec.OperationJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The admin routes of API.md 6 that operate the vault: {@code GET /_offline-vault/info} always; verify and rotate
 * for a vault on disk; backup where the server has a place for backups ({@code serve --backup-dir}). A route the
 * vault does not offer is not registered, so it answers 404 like any unknown route. Each needs the admin token.
 */
final class OperationRoutes {
    static final String INFO = "/_offline-vault/info";
    static final String BACKUP = "/_offline-vault/backup";
    static final String VERIFY = "/_offline-vault/verify";
    static final String ROTATE = "/_offline-vault/rotate";

    private final Operations operations;

    OperationRoutes(Operations operations) {
        this.operations = requireNonNull(operations, "operations");
    }

    void register(RouteTable.Builder routes) {
        Set<Operations.Operation> available = operations.available();
        routes.addForEverything("GET", INFO, this::info);
        if (available.contains(Operations.Operation.VERIFY)) {
            routes.addForEverything("POST", VERIFY, this::verify);
        }
        if (available.contains(Operations.Operation.BACKUP)) {
            routes.addForEverything("POST", BACKUP, this::backup);
        }
        if (available.contains(Operations.Operation.ROTATE)) {
            routes.addForEverything("POST", ROTATE, this::rotate);
        }
    }

    private Response info(Request request) {
        return Response.json(200, OperationJson.info(operations.info(request.caller())));
    }

    private Response verify(Request request) {
        request.ignoreJsonBody();
        return Response.json(200, OperationJson.verify(operations.verify(request.caller())));
    }

    // The body names a new directory under the server's backup dir; the answer names it back, never a path.
    private Response backup(Request request) {
        if (!(request.jsonObject().get("name") instanceof String name)) {
            throw new InvalidParameterException("The body must be {\"name\": NAME}: the new backup directory's name.");
        }
        BackupReport report = operations.backup(request.caller(), name);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("generation", report.generation());
        json.put("lastRecord", report.lastSeq());
        // (ext) what the command line prints of a backup; never a path
        json.put("checkpointWrittenAt", report.writtenAt());
        json.put("segments", report.segments());
        json.put("blobs", report.blobs());
        json.put("bytes", report.bytes());
        json.put("keyFileApart", report.keyFile().isPresent());
        return Response.json(200, json);
    }

    private Response rotate(Request request) {
        request.ignoreJsonBody();
        return Response.json(200, Map.of("keyTerm", operations.rotate(request.caller())));
    }
}

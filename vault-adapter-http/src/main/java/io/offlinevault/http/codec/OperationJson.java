package io.offlinevault.http.codec;

import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON of the admin routes that operate a vault (API.md 6): its info and the report of a verify. */
public final class OperationJson {
    private OperationJson() {
    }

    /**
     * {@return {@code {"version","mode","uptimeMs","store":{"generation","keyTerm"}|null,"organizations":[..]}}}
     * Never a value, a digest or a path.
     */
    public static Map<String, Object> info(VaultInfo info) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", info.version());
        json.put("mode", info.ephemeral() ? "EPHEMERAL" : "PERSISTENT");
        json.put("uptimeMs", info.uptimeMillis());
        json.put("store", info.store().<Object>map(store -> {
            // in the documented order on every run: Map.of's iteration order changes from one JVM to the next
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("generation", store.generation());
            position.put("keyTerm", store.keyTerm());
            return position;
        }).orElse(null));
        List<Object> organizations = new ArrayList<>();
        for (VaultInfo.OrganizationSummary organization : info.organizations()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", organization.id().value());
            item.put("entries", organization.entries());
            item.put("snapshots", organization.snapshots());
            organizations.add(item);
        }
        json.put("organizations", organizations);
        return json;
    }

    /**
     * {@return the verify report: every file checked with its part, outcome, error code (for an error) and what was
     * found, then whether the vault and its fallback are intact} Messages name files and numbers, never a secret.
     */
    public static Map<String, Object> verify(VerifyReport report) {
        List<Object> files = new ArrayList<>();
        for (VerifyReport.FileCheck check : report.checks()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", check.file());
            item.put("part", check.part().name().toLowerCase(Locale.ROOT));
            item.put("outcome", check.outcome().name());
            check.code().ifPresent(code -> item.put("code", code.name()));
            item.put("message", check.message());
            files.add(item);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", files);
        json.put("currentIntact", report.currentIntact());
        json.put("previousIntact", report.previousIntact());
        return json;
    }
}

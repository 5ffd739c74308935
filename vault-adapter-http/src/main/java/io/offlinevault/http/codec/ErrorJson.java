package io.offlinevault.http.codec;

import io.offlinevault.domain.error.AlreadyExistsException;
import io.offlinevault.domain.error.FetchConflictException;
import io.offlinevault.domain.error.InvalidEntryException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error body of API.md section 1: {@code errorCode}, {@code message}, {@code requestID}, and per
 * kind of error {@code violations}, {@code keys} (of a fetch conflict or of existing vault entries) or
 * {@code storeError}. Messages are the domain's, which never hold a value.
 */
public final class ErrorJson {
    private ErrorJson() {
    }

    /** {@return the body for {@code error} answered to the request {@code requestId}} */
    public static Map<String, Object> of(VaultException error, String requestId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errorCode", error.code().name());
        json.put("message", error instanceof StoreUnavailableException sealed ? sealedMessage(sealed) : error.getMessage());
        json.put("requestID", requestId);
        if (error instanceof InvalidEntryException invalid) {
            json.put("violations", invalid.violations().stream().map(v -> {
                Map<String, Object> violation = new LinkedHashMap<>();
                violation.put("field", v.field());
                violation.put("code", v.code());
                violation.put("message", v.message());
                return violation;
            }).toList());
        }
        if (error instanceof FetchConflictException conflict) {
            json.put("keys", conflict.keys());
        }
        // (ext) the existing keys of a refused create, rename or import, so that a client can name them all
        if (error instanceof AlreadyExistsException exists && !exists.keys().isEmpty()) {
            json.put("keys", exists.keys());
        }
        if (error instanceof StoreUnavailableException sealed) {
            json.put("storeError", sealed.reason().name());
        }
        return json;
    }

    /**
     * {@return what a client is told about a sealed store: the reason and where to look, never a path}
     * The store's own message, with its paths and recovery command, goes to the server's log.
     */
    public static String sealedMessage(StoreUnavailableException sealed) {
        return "The vault store is sealed (" + sealed.reason().name() + ") and refuses every request until it is"
                + " repaired and the server restarted; the server log says how to recover.";
    }

    /** {@return the body of an unexpected failure, which says nothing of its cause} */
    public static Map<String, Object> internal(String requestId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errorCode", "INTERNAL_ERROR");
        json.put("message", "An unexpected error occurred; the server log has its request id.");
        json.put("requestID", requestId);
        return json;
    }
}

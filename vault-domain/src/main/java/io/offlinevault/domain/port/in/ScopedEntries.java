package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.entry.Scope;
import io.offlinevault.domain.entry.VaultEntry;
import java.util.List;

/**
 * The entries a resource may use: those whose scopes name it, such as the {@code vault_parameters} an
 * indexing pipeline extension receives (the command line's {@code ipe-params}). Thread-safe.
 */
public interface ScopedEntries {
    /**
     * {@return the organization's entries whose scopes include {@code scope}, sorted by key, values
     * included}; needs {@code VAULT_ENTRY:VIEW}. Adapters decide which values they show.
     */
    List<VaultEntry> scopedTo(Caller caller, OrganizationId organization, Scope scope);
}

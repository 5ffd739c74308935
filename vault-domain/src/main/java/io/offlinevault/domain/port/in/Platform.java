package io.offlinevault.domain.port.in;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import java.util.List;

/** The platform questions clients ask around the vault (API.md section 4). Thread-safe. */
public interface Platform {
    /**
     * {@return the organizations the caller may see that hold data or that its token names, sorted}
     * A token of every organization sees every organization that holds data.
     */
    List<OrganizationId> organizations(Caller caller);

    /**
     * {@return whether the caller holds the requested privilege in the organization} A {@code LINK}
     * privilege (of any type) is approved when the caller holds {@code SNAPSHOTS:EDIT}; a
     * {@code VAULT_ENTRY} or {@code SNAPSHOTS} privilege when the caller holds it; anything else is
     * not approved.
     */
    boolean evaluate(Caller caller, OrganizationId organization, String targetDomain, String type);
}

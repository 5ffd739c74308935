package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.access.Privilege;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.port.in.Platform;
import io.offlinevault.domain.port.out.VaultRepository;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/** The platform questions answered from a {@link VaultRepository}. Thread-safe. */
public final class PlatformService implements Platform {
    private final VaultRepository repository;

    public PlatformService(VaultRepository repository) {
        this.repository = requireNonNull(repository, "repository");
    }

    @Override
    public List<OrganizationId> organizations(Caller caller) {
        SortedSet<OrganizationId> organizations = new TreeSet<>(caller.grant().organizations());
        repository.view().organizations().stream().filter(caller.grant()::covers).forEach(organizations::add);
        return List.copyOf(organizations);
    }

    @Override
    public boolean evaluate(Caller caller, OrganizationId organization, String targetDomain, String type) {
        String domain = targetDomain == null ? "" : targetDomain.toUpperCase(Locale.ROOT);
        if (domain.equals("LINK")) {
            return caller.holds(organization, Privilege.SNAPSHOTS_EDIT);
        }
        return Privilege.parse(domain + ":" + (type == null ? "" : type))
                .map(privilege -> caller.holds(organization, privilege))
                .orElse(false);
    }
}

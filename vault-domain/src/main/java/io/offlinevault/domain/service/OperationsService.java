package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.out.Maintenance;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Operations} over a repository and, for a vault on disk, its store's {@link Maintenance}; an ephemeral
 * vault has none. Every operation needs every privilege in every organization. Thread-safe.
 */
public final class OperationsService implements Operations {
    private final VaultRepository repository;
    private final Optional<Maintenance> maintenance;

    public OperationsService(VaultRepository repository, Optional<Maintenance> maintenance) {
        this.repository = requireNonNull(repository, "repository");
        this.maintenance = requireNonNull(maintenance, "maintenance");
    }

    @Override
    public VaultInfo info(Caller caller) {
        caller.requireEverything("read what the vault holds");
        VaultView view = repository.view();
        List<VaultInfo.OrganizationSummary> organizations = new ArrayList<>();
        for (OrganizationId organization : view.organizations()) {
            organizations.add(new VaultInfo.OrganizationSummary(organization, view.entryCount(organization),
                    view.snapshots(organization).size()));
        }
        return new VaultInfo(maintenance.map(Maintenance::position), organizations);
    }

    @Override
    public VerifyReport verify(Caller caller) {
        caller.requireEverything("verify the vault's files");
        return onDisk("verify").verify();
    }

    @Override
    public BackupReport backup(Caller caller, String destination) {
        requireNonNull(destination, "destination");
        caller.requireEverything("back up the vault");
        return onDisk("backup").backup(destination);
    }

    @Override
    public int rotate(Caller caller) {
        caller.requireEverything("rotate the data key");
        return onDisk("rotate").rotate();
    }

    private Maintenance onDisk(String operation) {
        return maintenance.orElseThrow(() -> NotFoundException.route("an ephemeral vault keeps nothing on disk: "
                + operation + " needs a vault in a data dir"));
    }
}

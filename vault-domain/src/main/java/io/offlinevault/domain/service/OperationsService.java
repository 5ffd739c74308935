package io.offlinevault.domain.service;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.error.NotFoundException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.Maintenance;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.port.out.VaultView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Operations} over a repository and, for a vault on disk, its store's {@link Maintenance}; an ephemeral
 * vault has none. Every operation needs every privilege in every organization. Thread-safe.
 */
public final class OperationsService implements Operations {
    private final VaultRepository repository;
    private final Optional<Maintenance> maintenance;
    private final String version;
    private final Clock clock;
    private final long startedAt;

    /** Serves {@code version} from now on, as {@code clock} tells the time. */
    public OperationsService(VaultRepository repository, Optional<Maintenance> maintenance, String version,
                             Clock clock) {
        this.repository = requireNonNull(repository, "repository");
        this.maintenance = requireNonNull(maintenance, "maintenance");
        this.version = requireNonNull(version, "version");
        this.clock = requireNonNull(clock, "clock");
        this.startedAt = clock.millis();
    }

    @Override
    public Set<Operation> available() {
        return maintenance.map(Maintenance::available).orElse(Set.of());
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
        return new VaultInfo(version, Math.max(0, clock.millis() - startedAt), maintenance.map(Maintenance::position),
                organizations);
    }

    @Override
    public VerifyReport verify(Caller caller) {
        caller.requireEverything("verify the vault's files");
        return offering(Operation.VERIFY).verify();
    }

    @Override
    public BackupReport backup(Caller caller, String destination) {
        requireNonNull(destination, "destination");
        caller.requireEverything("back up the vault");
        return offering(Operation.BACKUP).backup(destination);
    }

    @Override
    public int rotate(Caller caller) {
        caller.requireEverything("rotate the data key");
        return offering(Operation.ROTATE).rotate();
    }

    private Maintenance offering(Operation operation) {
        Maintenance store = maintenance.orElseThrow(() -> NotFoundException.route("An ephemeral vault keeps nothing"
                + " on disk: " + name(operation) + " needs a vault in a data dir."));
        if (!store.available().contains(operation)) {
            throw NotFoundException.route("This server offers no " + name(operation) + (operation == Operation.BACKUP
                    ? ": start it with serve --backup-dir DIR to take backups under DIR." : "."));
        }
        return store;
    }

    private static String name(Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }
}

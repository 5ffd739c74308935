package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.port.in.EntryImports;
import io.offlinevault.domain.port.in.Operations;
import io.offlinevault.domain.port.in.Platform;
import io.offlinevault.domain.port.in.Reset;
import io.offlinevault.domain.port.in.ScopedEntries;
import io.offlinevault.domain.port.in.SnapshotChecks;
import io.offlinevault.domain.port.in.Snapshots;
import io.offlinevault.domain.port.in.Tokens;
import io.offlinevault.domain.port.in.VaultEntries;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Maintenance;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.OperationsService;
import io.offlinevault.domain.service.PlatformService;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.http.VaultHttpServer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The composition root: the domain's inbound ports, built once over one vault's repository (an opened store, or
 * the in-memory one of an ephemeral server) with the system clock and secure ids. {@code serve} hands them to
 * the HTTP adapter and every command calls them, so a use case runs the same code whichever adapter drives it.
 * Thread-safe.
 */
public final class Ports {
    private final VaultEntryService entries;
    private final SnapshotService snapshots;
    private final TokenService tokens;
    private final PlatformService platform;
    private final OperationsService operations;

    private Ports(VaultRepository repository, Optional<Maintenance> maintenance, Clock clock, IdGenerator ids) {
        requireNonNull(repository, "repository");
        this.entries = new VaultEntryService(repository);
        this.snapshots = new SnapshotService(repository, clock, ids);
        this.tokens = new TokenService(repository, ids, clock);
        this.platform = new PlatformService(repository);
        this.operations = new OperationsService(repository, maintenance, AppVersion.get(), clock);
    }

    /**
     * {@return the ports over {@code repository} and, for a store on disk, its {@code maintenance} (none for an
     * ephemeral vault), with the system clock and secure ids}
     */
    public static Ports over(VaultRepository repository, Optional<Maintenance> maintenance) {
        return new Ports(repository, maintenance, Clock.system(), IdGenerator.secure());
    }

    /** {@return create, read, list, update, delete, fetch and the missing entries of a snapshot} */
    public VaultEntries entries() {
        return entries;
    }

    /** {@return the bulk import of entries into one organization} */
    public EntryImports imports() {
        return entries;
    }

    /** {@return the entries a resource may use (an extension's {@code vault_parameters})} */
    public ScopedEntries scopedEntries() {
        return entries;
    }

    /** {@return snapshots: register, list, dry run, apply, and the rest of section 3} */
    public Snapshots snapshots() {
        return snapshots;
    }

    /** {@return the prerequisite check of a snapshot content against an organization} */
    public SnapshotChecks checks() {
        return snapshots;
    }

    /** {@return tokens: create, list, revoke} */
    public Tokens tokens() {
        return tokens;
    }

    /** {@return the organizations a caller may see, and privilege checks} */
    public Platform platform() {
        return platform;
    }

    /** {@return what the vault holds, and the operations of its store: verify, backup, rotate} */
    public Operations operations() {
        return operations;
    }

    /** {@return what the HTTP adapter serves: these ports, the store's health and, for a test vault, its reset} */
    public VaultHttpServer.Services http(Supplier<Optional<StoreUnavailableException>> sealed, Optional<Reset> reset) {
        return new VaultHttpServer.Services(entries, entries, snapshots, snapshots, tokens, platform, operations,
                sealed, reset);
    }
}

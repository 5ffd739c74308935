package io.offlinevault.app.serve;

import static java.util.Objects.requireNonNull;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.NewVaultOptions;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.OfflineVault;
import io.offlinevault.app.cli.OpenStore;
import io.offlinevault.app.cli.Ports;
import io.offlinevault.app.cli.Recovery;
import io.offlinevault.app.cli.Terminal;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.Reset;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.Maintenance;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.ResetService;
import io.offlinevault.domain.service.Seed;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.http.VaultHttpServer;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.VaultKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import picocli.CommandLine.ParameterException;

/**
 * The vault behind a server: an ephemeral one in memory, or the store (opened, or created on the first start),
 * with the seed loaded into it; why it is sealed (if it is), how to go back to its start (an ephemeral one only),
 * and how to close it.
 */
final class Backend {
    private final VaultRepository repository;
    private final Optional<Maintenance> maintenance;
    private final Supplier<Optional<StoreUnavailableException>> sealed;
    private final Optional<Reset> reset;
    private final Runnable close;
    private final Optional<Path> dataDir;

    private Backend(VaultRepository repository, Optional<Maintenance> maintenance,
                    Supplier<Optional<StoreUnavailableException>> sealed, Optional<Reset> reset, Runnable close,
                    Optional<Path> dataDir) {
        this.dataDir = requireNonNull(dataDir, "dataDir");
        this.repository = requireNonNull(repository, "repository");
        this.maintenance = requireNonNull(maintenance, "maintenance");
        this.sealed = requireNonNull(sealed, "sealed");
        this.reset = requireNonNull(reset, "reset");
        this.close = requireNonNull(close, "close");
    }

    /** {@return what the HTTP adapter serves over this vault} */
    VaultHttpServer.Services services() {
        return Ports.over(repository, maintenance).http(sealed, reset);
    }

    /**
     * Closes the vault: a store removes its {@code server.json}, then finishes its commits and releases its lock.
     */
    void close() {
        dataDir.ifPresent(Readiness::removeServerFile);
        close.run();
    }

    /** {@return the data dir of a vault on disk; none for an ephemeral one} */
    Optional<Path> dataDir() {
        return dataDir;
    }

    /**
     * {@return a new vault in memory, with {@code knownToken} (else a generated one) as its admin token and
     * {@code seed} loaded} Says so on {@code out}; a generated admin token shows on the console only.
     */
    static Backend ephemeral(ServeOptions options, Optional<SecretValue> knownToken, Optional<Seed> seed,
                             Terminal terminal, PrintWriter out) {
        SecretValue adminToken = knownToken.orElseGet(IdGenerator.secure()::newToken);
        Backend backend = inMemory(adminToken, seed);
        seed.ifPresent(loaded -> describe(loaded, options.seedFile(), out));
        out.println("ephemeral: nothing is written to disk; everything is lost when the server stops");
        out.println("reset: POST /_offline-vault/reset with the admin token puts the vault back to how it started");
        if (knownToken.isPresent()) {
            out.println("admin token: the known one (" + options.knownTokenSource() + ")");
        } else {
            Optional<PrintWriter> console = terminal.console();
            if (console.isPresent()) {
                console.get().println("admin token (shown once, on this console only): " + adminToken.reveal());
                console.get().flush();
                out.println("admin token: generated and shown on the console only");
            } else {
                out.println("admin token: generated and shown nowhere (no console); to know it, set "
                        + KnownAdminToken.VARIABLE + " or use " + KnownAdminToken.FROM_FLAG + " FILE");
            }
        }
        out.flush();
        return backend;
    }

    /**
     * {@return a new vault in memory with {@code adminToken} as its admin token and {@code seed} loaded, and the reset
     * back to that state} Prints nothing: {@code serve --ephemeral} and the in-process server of {@code app.testing}
     * share it.
     *
     * @throws io.offlinevault.domain.error.InvalidParameterException when {@code adminToken} breaks the rule of a
     *         supplied token (the message never holds it)
     */
    static Backend inMemory(SecretValue adminToken, Optional<Seed> seed) {
        InMemoryVaultRepository repository = InMemoryVaultRepository.create(
                TokenService.firstCommit(adminToken, Clock.system().millis()));
        seed.ifPresent(loaded -> commit(repository, loaded));
        // saved once the admin token and the seed are in: what POST /_offline-vault/reset goes back to
        Reset reset = new ResetService(repository);
        return new Backend(repository, Optional.empty(), Optional::empty, Optional.of(reset), () -> { },
                Optional.empty());
    }

    /** {@return how to go back to the start: an ephemeral vault's reset; none for a store} */
    Optional<Reset> reset() {
        return reset;
    }

    /**
     * {@return the store that {@code command}'s options locate, opened or created (protected as {@code newVault}
     * says, with {@code knownToken} as a new vault's admin token and {@code seed} loaded into a new vault)} A store
     * that does not open is served sealed, and {@code err} says why and how to recover.
     *
     * @throws ParameterException for a known admin token or a seed given for an existing vault (exit 2)
     * @throws CommandFailedException when the data dir is locked (exit 4) or the seed does not load
     */
    static Backend persistent(OfflineCommand command, NewVaultOptions newVault, ServeOptions options,
                              Optional<SecretValue> knownToken, Optional<Seed> seed, PrintWriter out, PrintWriter err) {
        StoreLocation location = command.storeOptions().location(command.surroundings());
        VaultKeys keys = command.storeOptions().vaultKeys(command.surroundings(), newVault);
        FileVaultStore store = open(location, keys, options, knownToken, seed, command.surroundings().terminal(), out);
        OfflineVault.warnAboutLeftoverKeyFile(store, location, err);
        store.sealedBecause().ifPresent(reason -> {
            err.println("the vault in " + location.dataDir() + " did not open (" + reason.reason() + "): "
                    + reason.getMessage());
            err.println(Recovery.of(reason.reason(), location));
            err.println("until then every route but /health answers 503 " + ErrorCode.STORE_UNAVAILABLE);
        });
        Optional<Maintenance> operations = Optional.of(new OpenStore(store, options.backupDir(command.surroundings())));
        return new Backend(store.repository(), operations, store::sealedBecause, Optional.empty(), store::close,
                Optional.of(location.dataDir()));
    }

    private static FileVaultStore open(StoreLocation location, VaultKeys keys, ServeOptions options,
                                       Optional<SecretValue> knownToken, Optional<Seed> seed, Terminal terminal,
                                       PrintWriter out) {
        FileVaultStore.Opening opening;
        AtomicBoolean knownTokenUsed = new AtomicBoolean();
        Supplier<SecretValue> newAdminToken = knownToken.<Supplier<SecretValue>>map(token -> () -> {
            knownTokenUsed.set(true);
            return token;
        }).orElse(IdGenerator.secure()::newToken);
        try {
            opening = FileVaultStore.openOrCreate(location, newAdminToken,
                    OpenOptions.of(Clock.system()).withKeys(keys));
        } catch (StoreException e) {
            if (ExitStatus.forError(e.code()) != ExitStatus.STORE_SEALED) {
                throw new CommandFailedException(ExitStatus.forError(e.code()), e.getMessage());
            }
            if (seed.isPresent()) {
                throw notANewVault(options, location);
            }
            // Not even a sealed store object (the data dir cannot be listed, say): serve sealed all the same.
            return FileVaultStore.unopened(e);
        }
        if (knownToken.isPresent() && !knownTokenUsed.get()) {
            opening.store().close();
            throw alreadyHasAdminToken(options, location);
        }
        if (seed.isPresent() && opening.created().isEmpty()) {
            opening.store().close();
            throw notANewVault(options, location);
        }
        opening.created().ifPresent(created -> {
            OfflineVault.announceCreation(created, location, opening.store().keysInUse(), out);
            if (knownToken.isEmpty()) {
                terminal.console().ifPresent(console -> {
                    console.println("admin token (shown once, on this console only): " + created.adminToken().reveal());
                    console.flush();
                });
            }
        });
        if (seed.isPresent()) {
            try {
                load(opening.store().repository(), seed.get(), options.seedFile(), out);
            } catch (VaultException e) {
                opening.store().close();
                throw new CommandFailedException(ExitStatus.forError(e.code()), "The vault in " + location.dataDir()
                        + " was created, but its seed could not be loaded: " + e.getMessage() + " Remove "
                        + location.dataDir() + " (it holds nothing else) and start again.");
            }
        }
        out.flush();
        return opening.store();
    }

    private static void load(VaultRepository repository, Seed seed, String seedFile, PrintWriter out) {
        commit(repository, seed);
        describe(seed, seedFile, out);
    }

    // One commit: the whole seed or, on any failure, none of it.
    private static void commit(VaultRepository repository, Seed seed) {
        repository.commit(seed.batch(Clock.system().millis(), IdGenerator.secure()));
    }

    private static void describe(Seed seed, String seedFile, PrintWriter out) {
        long entries = seed.organizations().stream().mapToLong(organization -> organization.entries().size()).sum();
        long snapshots = seed.organizations().stream().mapToLong(organization -> organization.snapshots().size()).sum();
        out.println("seed: loaded " + entries + (entries == 1 ? " entry" : " entries") + " and " + snapshots
                + (snapshots == 1 ? " snapshot" : " snapshots") + " in " + seed.organizations().size()
                + (seed.organizations().size() == 1 ? " organization" : " organizations") + ", and "
                + seed.tokens().size() + (seed.tokens().size() == 1 ? " token" : " tokens") + ", from " + seedFile);
    }

    private static ParameterException notANewVault(ServeOptions options, StoreLocation location) {
        return options.usage("the vault in " + location.dataDir() + " is not a new vault: " + SeedFile.OPTION
                + " loads only a new vault (a data dir that does not exist or is empty) or an --ephemeral one, so that"
                + " it never mixes with data it would not reset. Drop " + SeedFile.OPTION + " to serve this vault, or"
                + " use another --data-dir.");
    }

    private static ParameterException alreadyHasAdminToken(ServeOptions options, StoreLocation location) {
        return options.usage("the vault in " + location.dataDir() + " already has its admin token: a known admin"
                + " token (" + KnownAdminToken.VARIABLE + " or " + KnownAdminToken.FROM_FLAG + ") only sets the admin"
                + " token of a new or an --ephemeral vault. Unset it to serve this vault, or use another --data-dir.");
    }
}

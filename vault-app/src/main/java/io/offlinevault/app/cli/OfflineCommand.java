package io.offlinevault.app.cli;

import static java.util.Objects.requireNonNull;

import io.offlinevault.app.remote.RemoteVault;
import io.offlinevault.app.remote.ServerUnreachableException;
import io.offlinevault.domain.access.Caller;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.operation.BackupReport;
import io.offlinevault.domain.operation.VaultInfo;
import io.offlinevault.domain.operation.VerifyReport;
import io.offlinevault.domain.port.in.Operations;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that opens the vault itself shares, as a picocli mixin: the {@link StoreOptions}, the
 * {@link Surroundings}, the command's streams, and the vault opened for one use and closed after it. A command
 * creates its instance with the surroundings and what it does with the vault ({@link VaultUse}) in its constructor;
 * picocli adds the store options for that use where the field stands, so the help lists them there. Taking a way to
 * the vault that its use does not allow (creating one, or going through a server) is a programming error.
 */
public final class OfflineCommand {
    private final Surroundings surroundings;
    private final VaultUse use;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Mixin
    private StoreOptions storeOptions;

    /** The mixin of a command that opens an existing vault, or runs through a server ({@link VaultUse}'s default). */
    public OfflineCommand(Surroundings surroundings) {
        this(surroundings, VaultUse.OPENS_OR_REACHES_ITS_SERVER);
    }

    public OfflineCommand(Surroundings surroundings, VaultUse use) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
        this.use = requireNonNull(use, "use");
        this.storeOptions = StoreOptions.of(use);
    }

    /**
     * {@return what {@code use} returns from the ports of the vault, wherever it is} With {@code --server} (or
     * {@code OFFLINE_VAULT_ADDR}) those of that server; else those of the local vault, opened (never created) for
     * this use and closed after it; else, when a server holds the data dir and its {@code server.json} is trusted,
     * that server's, called with the data dir's admin token.
     *
     * @throws CommandFailedException exit 4 when the data dir is locked by a server the command cannot reach, 5 when
     *         the vault is missing or sealed, 1 when a server named does not answer
     */
    public <T> T withPorts(ServerOptions server, Function<VaultPorts, T> use) {
        return withPorts(server, () -> open(ServerOptions.WHILE_LOCKED), use);
    }

    /**
     * {@return what {@code use} returns from the ports of the vault, wherever it is, as
     * {@link #withPorts(ServerOptions, Function)} finds it; a local vault is created first when the data dir does
     * not exist or is empty, as {@code newVault} says}
     */
    public <T> T withPortsOrNewVault(ServerOptions server, NewVaultOptions newVault, Function<VaultPorts, T> use) {
        require(this.use == VaultUse.CREATES_OR_REACHES_ITS_SERVER);
        return withPorts(server, () -> OfflineVault.openOrCreate(storeOptions, newVault, surroundings,
                ServerOptions.WHILE_LOCKED, err()), use);
    }

    private <T> T withPorts(ServerOptions server, Supplier<OfflineVault> opening, Function<VaultPorts, T> use) {
        require(this.use.reachesServer());
        Optional<RemoteVault> named = server.named(surroundings);
        if (named.isPresent()) {
            return remotely(named.get(), use);
        }
        OfflineVault vault;
        try {
            vault = opening.get();
        } catch (CommandFailedException e) {
            return remotely(holdingServer(e), use);
        }
        try (vault) {
            return use.apply(VaultPorts.of(vault.ports()));
        }
    }

    /** Runs {@code use} on the ports of the vault, wherever it is, as {@link #withPorts(ServerOptions, Function)}. */
    public void runWithPorts(ServerOptions server, Consumer<VaultPorts> use) {
        withPorts(server, ports -> {
            use.accept(ports);
            return null;
        });
    }

    /**
     * {@return what {@code use} returns from the ports of the local vault, opened (never created) for this use and
     * closed after it} For the commands that never run through a server: those that read values the API never
     * returns.
     *
     * @param whileLocked what to do when a server holds the data dir, after the store's message that names its pid
     * @throws CommandFailedException exit 4 when the data dir is locked, 5 when the vault is missing or sealed
     */
    public <T> T withLocalPorts(String whileLocked, Function<Ports, T> use) {
        try (OfflineVault vault = open(whileLocked)) {
            return use.apply(vault.ports());
        }
    }

    /**
     * {@return the operations of the vault, wherever it is, as {@link #withPorts(ServerOptions, Function)}
     * finds it} Locally, each call reads the data dir's files (or opens the vault) under its lock; a call that finds
     * the lock held goes to the server that holds it, when its server.json is trusted.
     */
    public Operations operations(ServerOptions server) {
        require(use.reachesServer());
        Optional<RemoteVault> named = server.named(surroundings);
        OfflineOperations local = operations(ServerOptions.WHILE_LOCKED);
        return new ForwardingOperations() {
            @Override
            <T> T call(Function<Operations, T> operation) {
                if (named.isPresent()) {
                    return remotely(named.get(), ports -> operation.apply(ports.operations()));
                }
                RemoteVault holder;
                try {
                    return operation.apply(local);
                } catch (CommandFailedException e) {
                    holder = holdingServer(e);
                } catch (StoreException e) {
                    if (e.code() != ErrorCode.STORE_LOCKED) {
                        throw e;
                    }
                    holder = RunningServer.holding(storeOptions.location(surroundings), surroundings, err())
                            .orElseThrow(() -> new CommandFailedException(ExitStatus.STORE_LOCKED, e.getMessage()
                                    + System.lineSeparator() + ServerOptions.WHILE_LOCKED));
                }
                return remotely(holder, ports -> operation.apply(ports.operations()));
            }
        };
    }

    /** {@link Operations} that hand every call to one place, chosen per call. */
    private abstract static class ForwardingOperations implements Operations {
        abstract <T> T call(Function<Operations, T> operation);

        @Override
        public Set<Operation> available() {
            return call(Operations::available);
        }

        @Override
        public VaultInfo info(Caller caller) {
            return call(operations -> operations.info(caller));
        }

        @Override
        public VerifyReport verify(Caller caller) {
            return call(operations -> operations.verify(caller));
        }

        @Override
        public BackupReport backup(Caller caller, String destination) {
            return call(operations -> operations.backup(caller, destination));
        }

        @Override
        public int rotate(Caller caller) {
            return call(operations -> operations.rotate(caller));
        }
    }

    /** {@return the vault, opened (never created) as {@link OfflineVault#open(StoreOptions, Surroundings, String)} says} */
    public OfflineVault open(String whileLocked) {
        return OfflineVault.open(storeOptions, surroundings, whileLocked);
    }

    /** {@return the operations of the local vault, which open it (or read its files) for each call} */
    public OfflineOperations operations(String whileLocked) {
        return OfflineOperations.of(storeOptions, surroundings, whileLocked);
    }

    // The server that holds the data dir, when a local opening failed because it is locked and its server.json is
    // trusted; any other failure, or an untrusted server.json, is the opening's own failure.
    private RemoteVault holdingServer(CommandFailedException failure) {
        if (failure.status() != ExitStatus.STORE_LOCKED) {
            throw failure;
        }
        return RunningServer.holding(storeOptions.location(surroundings), surroundings, err())
                .orElseThrow(() -> failure);
    }

    private static <T> T remotely(RemoteVault server, Function<VaultPorts, T> use) {
        try {
            return use.apply(VaultPorts.of(server));
        } catch (ServerUnreachableException e) {
            throw new CommandFailedException(ExitStatus.FAILURE, e.getMessage());
        }
    }

    // A command whose VaultUse does not allow the way it takes would show store options that do not describe it.
    private void require(boolean allowed) {
        if (!allowed) {
            throw new IllegalStateException("this way to the vault is not allowed for " + use);
        }
    }

    /** {@return the store options of this command} */
    public StoreOptions storeOptions() {
        return storeOptions;
    }

    /** {@return the process around this command} */
    public Surroundings surroundings() {
        return surroundings;
    }

    /** {@return the command this mixin is part of} */
    public CommandSpec spec() {
        return command;
    }

    /** {@return the command's standard output} */
    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** {@return the command's standard error} */
    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** {@return the exit code 0, once {@code line} is printed on standard output} */
    public int succeeded(String line) {
        PrintWriter out = out();
        out.println(line);
        out.flush();
        return ExitStatus.OK.code();
    }

    /** {@return a usage error (exit 2) of this command, saying {@code message}} */
    public ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}

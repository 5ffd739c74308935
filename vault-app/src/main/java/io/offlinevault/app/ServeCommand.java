package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.PlatformService;
import io.offlinevault.domain.service.SnapshotService;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.domain.service.VaultEntryService;
import io.offlinevault.http.VaultHttpServer;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.StoreLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code offline-vault serve}: opens (or, on the first start, creates) the vault and serves the Vault API
 * until SIGINT or SIGTERM. A store that does not open is served sealed: 503 on every route but {@code /health}.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves the Coveo-compatible Vault API over HTTP until SIGINT or SIGTERM.",
            "The first start creates the vault (and its key file unless one exists), writes the admin token"
                + " to the admin token file and shows it only on an interactive console.",
            "A vault that does not open is served sealed: /health says why, every other route answers 503."
        })
final class ServeCommand implements Callable<Integer> {
    static final String PORT_VARIABLE = "OFFLINE_VAULT_PORT";
    static final int DEFAULT_PORT = 8787;
    static final String DEFAULT_HOST = "127.0.0.1";

    private final Surroundings surroundings;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--port", paramLabel = "PORT", description = {
        "The TCP port to listen on; 0 binds any free port (the listening line names it).",
        "Env: " + PORT_VARIABLE, "Default: " + DEFAULT_PORT})
    private String port;

    @Option(names = "--host", paramLabel = "HOST", description = {
        "The address to listen on. Anything but a loopback address needs --allow-remote.",
        "Default: " + DEFAULT_HOST})
    private String host = DEFAULT_HOST;

    @Option(names = "--allow-remote", description = {
        "Allow a --host that other machines can reach. Plain HTTP: bearer tokens travel in clear text."})
    private boolean allowRemote;

    ServeCommand(Surroundings surroundings) {
        this.surroundings = requireNonNull(surroundings, "surroundings");
    }

    /** {@return 0, once a stop signal has stopped the server and then the store} Serves until then. */
    @Override
    public Integer call() {
        Serving serving = start();
        surroundings.signals().onStop(serving::stop);
        try {
            serving.awaitStopped();
        } catch (InterruptedException e) {
            serving.stop();
            Thread.currentThread().interrupt();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("stopped");
        out.flush();
        return ExitStatus.OK.code();
    }

    /**
     * {@return the running server} Checks the options, opens or creates the vault, then starts the server.
     *
     * @throws ParameterException for a bad port, or a remote host without {@code --allow-remote} (exit 2)
     * @throws CommandFailedException when the data dir is locked (exit 4) or the port cannot be bound (exit 1)
     */
    Serving start() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VaultHttpServer.Settings settings = settings();
        StoreLocation location = storeOptions.location(surroundings);
        VaultHttpServer.configureJdkServer();
        FileVaultStore store = open(location, out);
        store.sealedBecause().ifPresent(reason -> {
            err.println("the vault in " + location.dataDir() + " did not open (" + reason.reason() + "): "
                    + reason.getMessage());
            err.println(Recovery.of(reason.reason(), location));
            err.println("until then every route but /health answers 503 " + ErrorCode.STORE_UNAVAILABLE);
        });
        if (!isLoopback(settings.host())) {
            err.println("warning: listening on " + settings.host() + " with --allow-remote: other machines can reach"
                    + " this server over plain HTTP, where bearer tokens (the admin token too) travel in clear text");
        }
        err.flush();
        VaultHttpServer server;
        try {
            server = VaultHttpServer.start(settings, services(store));
        } catch (IOException e) {
            store.close();
            throw new CommandFailedException(ExitStatus.FAILURE, cannotListen(settings, e));
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
        out.println("listening on http://" + urlHost(settings.host()) + ":" + server.port());
        out.flush();
        return new Serving(server, store::close);
    }

    private VaultHttpServer.Settings settings() {
        String rawPort = port != null ? port : surroundings.variable(PORT_VARIABLE).orElse(null);
        String source = port != null ? "--port" : PORT_VARIABLE;
        int number = DEFAULT_PORT;
        if (rawPort != null) {
            try {
                number = Integer.parseInt(rawPort.trim());
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > 65_535) {
                throw usage(source + " must be a port number from 0 to 65535 (0 binds any free port), not '"
                        + rawPort + "'.");
            }
        }
        if (host.isBlank()) {
            throw usage("--host must name an address, such as " + DEFAULT_HOST + ".");
        }
        InetSocketAddress address = new InetSocketAddress(host, 0);
        if (address.isUnresolved()) {
            throw usage("--host " + host + " does not resolve to an address.");
        }
        if (!address.getAddress().isLoopbackAddress() && !allowRemote) {
            throw usage("--host " + host + " is reachable from other machines, and this server speaks plain HTTP:"
                    + " bearer tokens would travel in clear text. Add --allow-remote to listen there anyway.");
        }
        return new VaultHttpServer.Settings(host, number);
    }

    private FileVaultStore open(StoreLocation location, PrintWriter out) {
        FileVaultStore.Opening opening;
        try {
            opening = FileVaultStore.openOrCreate(location, IdGenerator.secure()::newToken, Clock.system());
        } catch (StoreException e) {
            if (ExitStatus.forError(e.code()) != ExitStatus.STORE_SEALED) {
                throw new CommandFailedException(ExitStatus.forError(e.code()), e.getMessage());
            }
            // Not even a sealed store object (the data dir cannot be listed, say): serve sealed all the same.
            return FileVaultStore.unopened(e);
        }
        opening.created().ifPresent(created -> {
            OfflineVault.announceCreation(created, location, out);
            surroundings.terminal().console().ifPresent(console -> {
                console.println("admin token (shown once, on this console only): " + created.adminToken().reveal());
                console.flush();
            });
        });
        return opening.store();
    }

    private static VaultHttpServer.Services services(FileVaultStore store) {
        Clock clock = Clock.system();
        IdGenerator ids = IdGenerator.secure();
        VaultRepository repository = store.repository();
        return new VaultHttpServer.Services(new VaultEntryService(repository),
                new SnapshotService(repository, clock, ids), new TokenService(repository, ids, clock),
                new PlatformService(repository), store::sealedBecause);
    }

    private static String cannotListen(VaultHttpServer.Settings settings, IOException e) {
        String where = "cannot listen on " + urlHost(settings.host()) + ":" + settings.port();
        String reason = String.valueOf(e.getMessage());
        if (e instanceof BindException && reason.toLowerCase(Locale.ROOT).contains("in use")) {
            return where + ": address already in use. Stop the process that listens there, or choose another"
                    + " --port (" + PORT_VARIABLE + "; 0 binds any free port).";
        }
        return where + ": " + reason + ".";
    }

    private static boolean isLoopback(String host) {
        InetSocketAddress address = new InetSocketAddress(host, 0);
        return !address.isUnresolved() && address.getAddress().isLoopbackAddress();
    }

    private static String urlHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

}

package io.offlinevault.app;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.error.ErrorCode;
import io.offlinevault.domain.error.StoreException;
import io.offlinevault.domain.error.StoreUnavailableException;
import io.offlinevault.domain.error.VaultException;
import io.offlinevault.domain.memory.InMemoryVaultRepository;
import io.offlinevault.domain.port.in.Reset;
import io.offlinevault.domain.port.out.Clock;
import io.offlinevault.domain.port.out.IdGenerator;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.ResetService;
import io.offlinevault.domain.service.Seed;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.http.VaultHttpServer;
import io.offlinevault.store.file.FileVaultStore;
import io.offlinevault.store.file.OpenOptions;
import io.offlinevault.store.file.StoreLocation;
import io.offlinevault.store.file.VaultKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
            "A vault with a passphrase asks for it on the console (without echo) when the key file does not open it,"
                + " or reads it from " + Passphrases.FILE_FLAG + " / " + Passphrases.FILE_VARIABLE + "; never from an"
                + " argument (--passphrase VALUE is refused).",
            "A vault that does not open is served sealed: /health says why, every other route answers 503.",
            "--ephemeral serves a vault in memory for tests and CI: nothing is written to disk (but --port-file),"
                + " everything is lost when the server stops.",
            "A known admin token (" + KnownAdminToken.VARIABLE + " or --admin-token-from) sets the admin token of an"
                + " --ephemeral vault or of a NEW persistent vault; for an existing vault it is refused (exit 2):"
                + " that vault keeps the admin token it has. --admin-token VALUE is refused: it would sit in the"
                + " process list.",
            "--seed FILE loads organizations, entries, snapshots and tokens into an --ephemeral or a NEW vault before"
                + " the server answers; with --ephemeral, POST /_offline-vault/reset (admin token) goes back to that"
                + " state."
        },
        footerHeading = "%nExample (a test server on a free port, with a known token):%n",
        footer = {
            "  OFFLINE_VAULT_ADMIN_TOKEN=\"$(cat ci-admin.token)\" \\",
            "    offline-vault serve --ephemeral --port 0 --port-file ./vault.port --seed ./seed.json",
            "  curl -H \"Authorization: Bearer $OFFLINE_VAULT_ADMIN_TOKEN\" \\",
            "    http://127.0.0.1:$(cat ./vault.port)/rest/organizations"
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

    @Mixin
    private NewVaultOptions newVault;

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

    @Option(names = "--ephemeral", description = {
        "Serve a new vault held in memory only: no data dir, key file, admin token file or lock is written,"
            + " and everything is lost when the server stops.",
        "Cannot be combined with --data-dir, --key-file or --admin-token-file."})
    private boolean ephemeral;

    @Option(names = KnownAdminToken.FROM_FLAG, paramLabel = "FILE", description = {
        "A file holding a known admin token (UTF-8, one trailing newline ignored; 32 to 512 printable ASCII"
            + " characters without spaces) for an --ephemeral or a NEW vault; never printed.",
        "An existing vault keeps its own admin token: giving one then exits 2.",
        "Env (the token itself): " + KnownAdminToken.VARIABLE})
    private String adminTokenFrom;

    // Declared only to refuse it with a reason: a token in an argument sits in the process list.
    @Option(names = KnownAdminToken.REFUSED_FLAG, paramLabel = "VALUE", hidden = true)
    private String refusedAdminToken;

    @Option(names = SeedFile.OPTION, paramLabel = "FILE", description = {
        "Load FILE (JSON: organizations with their entries and snapshots, tokens with known values; see the README,"
            + " \"Use it in tests\") in one commit before the server answers, for an --ephemeral or a NEW vault"
            + " (an existing vault exits 2).",
        "The API's rules apply; every problem of the file is reported with its place and nothing is loaded (exit 2).",
        "With --ephemeral, POST /_offline-vault/reset goes back to the seeded state."})
    private String seedFile;

    @Option(names = "--port-file", paramLabel = "FILE", description = {
        "Once the server answers, write its port (digits and a newline) to FILE, atomically: a watcher never"
            + " sees a partial file. Useful with --port 0."})
    private String portFile;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = {
        "Let web pages from ORIGIN (scheme://host[:port], such as http://localhost:5173; no path, no trailing"
            + " slash, no '*') call this server from a browser: CORS preflights are answered without a token and"
            + " every answer to that origin carries CORS headers. Repeatable; off by default."})
    private List<String> corsOrigins = new ArrayList<>();

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
     * {@return the running server} Checks the options, opens or creates the vault (or an ephemeral one in
     * memory), starts the server, then writes the port file once the server answers.
     *
     * @throws ParameterException for a bad port, a remote host without {@code --allow-remote}, a bad CORS origin,
     *         {@code --admin-token}, a bad known admin token or one for an existing vault, {@code --seed} for an
     *         existing vault, or {@code --ephemeral} with a store flag (exit 2)
     * @throws CommandFailedException for a seed file that cannot be read or breaks a rule (exit 2)
     * @throws CommandFailedException when the data dir is locked (exit 4), the port cannot be bound or the port
     *         file cannot be written (exit 1)
     */
    Serving start() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (refusedAdminToken != null) {
            throw usage(KnownAdminToken.refusal());
        }
        VaultHttpServer.Settings settings = settings();
        Optional<Path> portFilePath = portFilePath();
        List<String> storeFlags = new ArrayList<>(storeOptions.givenFlags());
        storeFlags.addAll(newVault.givenFlags());
        if (ephemeral && !storeFlags.isEmpty()) {
            throw usage("--ephemeral keeps the vault in memory and writes no file: " + String.join(", ", storeFlags)
                    + " make no sense with it. Drop " + (storeFlags.size() == 1 ? "it" : "them")
                    + ", or drop --ephemeral to serve a vault on disk.");
        }
        Optional<SecretValue> knownToken;
        try {
            knownToken = KnownAdminToken.of(surroundings, adminTokenFrom);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Optional<Seed> seed = seedFile == null ? Optional.empty()
                : Optional.of(SeedFile.read(surroundings, seedFile, knownToken));
        VaultHttpServer.configureJdkServer();
        Backend backend = ephemeral ? ephemeral(knownToken, seed, out) : persistent(knownToken, seed, out, err);
        if (!isLoopback(settings.host())) {
            err.println("warning: listening on " + settings.host() + " with --allow-remote: other machines can reach"
                    + " this server over plain HTTP, where bearer tokens (the admin token too) travel in clear text");
        }
        err.flush();
        VaultHttpServer server;
        try {
            server = VaultHttpServer.start(settings, Ports.over(backend.repository()).http(backend.sealed(),
                    backend.reset()));
        } catch (IOException e) {
            backend.close().run();
            throw new CommandFailedException(ExitStatus.FAILURE, cannotListen(settings, e));
        } catch (RuntimeException | Error e) {
            backend.close().run();
            throw e;
        }
        Serving serving = new Serving(server, backend.close());
        if (!settings.corsOrigins().isEmpty()) {
            out.println("cors: web pages from " + String.join(", ", settings.corsOrigins())
                    + " may call this server from a browser");
        }
        out.println("listening on http://" + urlHost(settings.host()) + ":" + server.port());
        out.flush();
        if (portFilePath.isPresent()) {
            try {
                awaitAnswer(settings.host(), server.port());
                writePortFile(portFilePath.get(), server.port());
            } catch (IOException | RuntimeException e) {
                serving.stop();
                throw new CommandFailedException(ExitStatus.FAILURE, "cannot write --port-file " + portFilePath.get()
                        + " (" + e.getClass().getSimpleName() + "): check that its directory exists and is writable;"
                        + " the server was stopped.");
            }
        }
        return serving;
    }

    /**
     * The vault behind the server: its repository, why it is sealed (if it is), how to go back to its start (an
     * ephemeral one only), and how to close it.
     */
    private record Backend(VaultRepository repository, Supplier<Optional<StoreUnavailableException>> sealed,
                           Optional<Reset> reset, Runnable close) {
    }

    private Backend ephemeral(Optional<SecretValue> knownToken, Optional<Seed> seed, PrintWriter out) {
        SecretValue adminToken = knownToken.orElseGet(IdGenerator.secure()::newToken);
        InMemoryVaultRepository repository = InMemoryVaultRepository.create(
                TokenService.firstCommit(adminToken, Clock.system().millis()));
        seed.ifPresent(loaded -> load(repository, loaded, out));
        // saved once the admin token and the seed are in: what POST /_offline-vault/reset goes back to
        Reset reset = new ResetService(repository);
        out.println("ephemeral: nothing is written to disk; everything is lost when the server stops");
        out.println("reset: POST /_offline-vault/reset with the admin token puts the vault back to how it started");
        if (knownToken.isPresent()) {
            out.println("admin token: the known one (" + (adminTokenFrom != null ? KnownAdminToken.FROM_FLAG
                    : KnownAdminToken.VARIABLE) + ")");
        } else {
            Optional<PrintWriter> console = surroundings.terminal().console();
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
        return new Backend(repository, Optional::empty, Optional.of(reset), () -> { });
    }

    private Backend persistent(Optional<SecretValue> knownToken, Optional<Seed> seed, PrintWriter out,
                               PrintWriter err) {
        StoreLocation location = storeOptions.location(surroundings);
        FileVaultStore store = open(location, knownToken, seed, out);
        OfflineVault.warnAboutLeftoverKeyFile(store, location, err);
        store.sealedBecause().ifPresent(reason -> {
            err.println("the vault in " + location.dataDir() + " did not open (" + reason.reason() + "): "
                    + reason.getMessage());
            err.println(Recovery.of(reason.reason(), location));
            err.println("until then every route but /health answers 503 " + ErrorCode.STORE_UNAVAILABLE);
        });
        return new Backend(store.repository(), store::sealedBecause, Optional.empty(), store::close);
    }

    // One commit: the whole seed or, on any failure, none of it.
    private void load(VaultRepository repository, Seed seed, PrintWriter out) {
        repository.commit(seed.batch(Clock.system().millis(), IdGenerator.secure()));
        long entries = seed.organizations().stream().mapToLong(organization -> organization.entries().size()).sum();
        long snapshots = seed.organizations().stream().mapToLong(organization -> organization.snapshots().size()).sum();
        out.println("seed: loaded " + entries + (entries == 1 ? " entry" : " entries") + " and " + snapshots
                + (snapshots == 1 ? " snapshot" : " snapshots") + " in " + seed.organizations().size()
                + (seed.organizations().size() == 1 ? " organization" : " organizations") + ", and "
                + seed.tokens().size() + (seed.tokens().size() == 1 ? " token" : " tokens") + ", from " + seedFile);
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
        return new VaultHttpServer.Settings(host, number, corsOrigins());
    }

    private Set<String> corsOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        for (String raw : corsOrigins) {
            try {
                origins.add(VaultHttpServer.Settings.corsOrigin(raw));
            } catch (IllegalArgumentException e) {
                throw usage("--cors-origin " + e.getMessage());
            }
        }
        return origins;
    }

    private FileVaultStore open(StoreLocation location, Optional<SecretValue> knownToken, Optional<Seed> seed,
                                PrintWriter out) {
        VaultKeys keys = storeOptions.vaultKeys(surroundings, newVault);
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
                throw notANewVault(location);
            }
            // Not even a sealed store object (the data dir cannot be listed, say): serve sealed all the same.
            return FileVaultStore.unopened(e);
        }
        if (knownToken.isPresent() && !knownTokenUsed.get()) {
            opening.store().close();
            throw alreadyHasAdminToken(location);
        }
        if (seed.isPresent() && opening.created().isEmpty()) {
            opening.store().close();
            throw notANewVault(location);
        }
        opening.created().ifPresent(created -> {
            OfflineVault.announceCreation(created, location, opening.store().keysInUse(), out);
            if (knownToken.isEmpty()) {
                surroundings.terminal().console().ifPresent(console -> {
                    console.println("admin token (shown once, on this console only): " + created.adminToken().reveal());
                    console.flush();
                });
            }
        });
        if (seed.isPresent()) {
            try {
                load(opening.store().repository(), seed.get(), out);
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

    private ParameterException notANewVault(StoreLocation location) {
        return usage("the vault in " + location.dataDir() + " is not a new vault: " + SeedFile.OPTION + " loads only a new"
                + " vault (a data dir that does not exist or is empty) or an --ephemeral one, so that it never mixes"
                + " with data it would not reset. Drop " + SeedFile.OPTION + " to serve this vault, or use another"
                + " --data-dir.");
    }

    private ParameterException alreadyHasAdminToken(StoreLocation location) {
        return usage("the vault in " + location.dataDir() + " already has its admin token: a known admin token ("
                + KnownAdminToken.VARIABLE + " or " + KnownAdminToken.FROM_FLAG + ") only sets the admin token of a"
                + " new or an --ephemeral vault. Unset it to serve this vault, or use another --data-dir.");
    }

    private Optional<Path> portFilePath() {
        if (portFile == null) {
            return Optional.empty();
        }
        try {
            if (portFile.isBlank()) {
                throw new InvalidPathException(portFile, "empty");
            }
            return Optional.of(Path.of(surroundings.expandHome(portFile)).toAbsolutePath());
        } catch (InvalidPathException e) {
            throw usage("--port-file is not a usable path: give a file system path (a leading ~ means the home"
                    + " directory).");
        }
    }

    // The JDK server accepts once started; one request from here proves it before anyone is told the port.
    private static void awaitAnswer(String host, int port) throws IOException {
        InetAddress address = new InetSocketAddress(host, port).getAddress();
        InetAddress target = address == null || address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : address;
        String literal = target.getHostAddress();
        URL health = URI.create("http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + port
                + "/health").toURL();
        HttpURLConnection connection = (HttpURLConnection) health.openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        try {
            connection.getResponseCode();
            try (InputStream body = connection.getErrorStream() != null ? connection.getErrorStream()
                    : connection.getInputStream()) {
                body.readAllBytes();
            }
        } finally {
            connection.disconnect();
        }
    }

    private static void writePortFile(Path file, int port) throws IOException {
        Path directory = file.getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, port + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
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

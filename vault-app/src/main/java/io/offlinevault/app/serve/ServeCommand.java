package io.offlinevault.app.serve;

import io.offlinevault.app.cli.CommandFailedException;
import io.offlinevault.app.cli.ExitStatus;
import io.offlinevault.app.cli.NewVaultOptions;
import io.offlinevault.app.cli.OfflineCommand;
import io.offlinevault.app.cli.Passphrases;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.VaultUse;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.service.Seed;
import io.offlinevault.http.VaultHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

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
            "    offline-vault serve --ephemeral --port 0 --port-file ./vault.port \\",
            "    --seed ./seed.json",
            "  curl -H \"Authorization: Bearer $OFFLINE_VAULT_ADMIN_TOKEN\" \\",
            "    http://127.0.0.1:$(cat ./vault.port)/rest/organizations"
        })
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    private OfflineCommand command;

    @Mixin
    private NewVaultOptions newVault;

    @Mixin
    private ServeOptions options;

    public ServeCommand(Surroundings surroundings) {
        this.command = new OfflineCommand(surroundings, VaultUse.CREATES);
    }

    /** {@return 0, once a stop signal has stopped the server and then the store} Serves until then. */
    @Override
    public Integer call() {
        Serving serving = start();
        try {
            serving.awaitStopped();
        } catch (InterruptedException e) {
            serving.stop();
            Thread.currentThread().interrupt();
        }
        return command.succeeded("stopped");
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
        Surroundings surroundings = command.surroundings();
        PrintWriter out = command.out();
        PrintWriter err = command.err();
        options.refuseArgumentToken();
        VaultHttpServer.Settings settings = options.settings(surroundings);
        Optional<Path> portFile = options.portFile(surroundings);
        portFile.ifPresent(ServeCommand::removeStalePortFile);
        List<String> storeFlags = new ArrayList<>(command.storeOptions().givenFlags());
        storeFlags.addAll(newVault.givenFlags());
        storeFlags.addAll(options.storeFlags());
        boolean ephemeral = options.ephemeral(storeFlags);
        Optional<SecretValue> knownToken = options.knownToken(surroundings);
        Optional<Seed> seed = options.seed(surroundings, knownToken);
        seed.ifPresent(loaded -> warnAbout(loaded, options.seedFile(), err));
        VaultHttpServer.configureJdkServer();
        Backend backend = ephemeral ? Backend.ephemeral(options, knownToken, seed, surroundings.terminal(), out)
                : Backend.persistent(command, newVault, options, knownToken, seed, out, err);
        if (!ServeOptions.isLoopback(settings.host())) {
            err.println("warning: listening on " + settings.host() + " with --allow-remote: other machines can reach"
                    + " this server over plain HTTP, where bearer tokens (the admin token too) travel in clear text");
        }
        err.flush();
        Serving serving;
        try {
            serving = Serving.start(settings, backend);
        } catch (IOException e) {
            throw new CommandFailedException(ExitStatus.FAILURE, cannotListen(settings, e));
        }
        if (portFile.isPresent() || backend.dataDir().isPresent()) {
            announce(serving, settings, portFile, backend.dataDir(), err);
        }
        if (!settings.corsOrigins().isEmpty()) {
            out.println("cors: web pages from " + String.join(", ", settings.corsOrigins())
                    + " may call this server from a browser");
        }
        // last: whoever waits for this line finds the server answering and its files written
        // a stop asked for as soon as the line is read (a service manager's SIGTERM) must stop cleanly: handled first
        surroundings.signals().onStop(serving::stop);
        String url = "http://" + ServeOptions.urlHost(settings.host()) + ":" + serving.port();
        out.println("listening on " + url);
        out.flush();
        surroundings.terminal().console().ifPresent(console -> pointTheCommandLine(console, url, backend.dataDir()));
        return serving;
    }

    // A port file left by an earlier run would name an old port until this server writes its own: whoever waits
    // for the file must find it only once this server answers.
    private static void removeStalePortFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CommandFailedException(ExitStatus.FAILURE, "cannot remove the old --port-file " + file + " ("
                    + e.getClass().getSimpleName() + "): check that its directory is writable.");
        }
    }

    // On a console only (a log needs no advice): how the command line reaches this server.
    private static void pointTheCommandLine(PrintWriter console, String url, Optional<Path> dataDir) {
        if (dataDir.isPresent()) {
            console.println("the command line runs through this server by itself with --data-dir " + dataDir.get()
                    + "; from elsewhere:");
        } else {
            console.println("to run the command line against this server:");
        }
        console.println("  export OFFLINE_VAULT_ADDR=" + url + " OFFLINE_VAULT_TOKEN=\"$(cat TOKEN_FILE)\"");
        console.flush();
    }

    // Once the server answers its own /health: the port file (a failure stops the server), then server.json beside
    // a vault on disk (a failure is a warning: a sealed store's data dir may not even be a directory).
    private static void announce(Serving serving, VaultHttpServer.Settings settings, Optional<Path> portFile,
                                 Optional<Path> dataDir, PrintWriter err) {
        try {
            Readiness.awaitAnswer(settings.host(), serving.port());
            if (portFile.isPresent()) {
                Readiness.writePortFile(portFile.get(), serving.port());
            }
        } catch (IOException | RuntimeException e) {
            serving.stop();
            throw new CommandFailedException(ExitStatus.FAILURE, portFile.map(file -> "cannot write --port-file "
                    + file + " (" + e.getClass().getSimpleName() + "): check that its directory exists and is"
                    + " writable").orElse("the server did not answer its own /health (" + e.getClass().getSimpleName()
                    + ")") + "; the server was stopped.");
        }
        if (dataDir.isPresent()) {
            try {
                Readiness.writeServerFile(dataDir.get(), "http://" + ServeOptions.urlHost(settings.host()) + ":"
                        + serving.port());
            } catch (IOException | RuntimeException e) {
                err.println("warning: cannot write " + dataDir.get().resolve(Readiness.SERVER_FILE) + " ("
                        + e.getClass().getSimpleName() + "): the command line will not find this server there");
                err.flush();
            }
        }
    }

    private static String cannotListen(VaultHttpServer.Settings settings, IOException e) {
        String where = "cannot listen on " + ServeOptions.urlHost(settings.host()) + ":" + settings.port();
        String reason = String.valueOf(e.getMessage());
        if (e instanceof BindException && reason.toLowerCase(Locale.ROOT).contains("in use")) {
            return where + ": address already in use. Stop the process that listens there, or choose another"
                    + " --port (" + ServeOptions.PORT_VARIABLE + "; 0 binds any free port).";
        }
        return where + ": " + reason + ".";
    }

    // The seed loads all the same; each warning names the entry's place in the seed file, never a value.
    private static void warnAbout(Seed seed, String seedFile, PrintWriter err) {
        for (Seed.PlacedWarning placed : seed.warnings()) {
            err.println("warning: " + seedFile + " " + placed.place() + ": " + placed.warning().message() + " ("
                    + placed.warning().code() + ")");
        }
        err.flush();
    }
}

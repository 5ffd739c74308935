package io.offlinevault.app.serve;

import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.service.Seed;
import io.offlinevault.http.VaultHttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code serve} beyond where the vault lives, as a picocli mixin, and their checks: each check
 * that fails is a usage error (exit 2) that says what to give instead.
 */
final class ServeOptions {
    static final String BACKUP_DIR = "--backup-dir";
    static final String ALLOWED_HOST = "--allowed-host";
    static final String READ_TIMEOUT = "--read-timeout";
    // Digits with an optional unit (s, m, h), or ISO-8601 (PT90S).
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh]?)");

    static final String PORT_VARIABLE = "OFFLINE_VAULT_PORT";
    static final int DEFAULT_PORT = 8787;
    static final String DEFAULT_HOST = "127.0.0.1";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

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

    @Option(names = ALLOWED_HOST, paramLabel = "NAME", description = {
        "With --allow-remote: also answer requests whose Host header names NAME (a host name or address as clients"
            + " write it, any port). Repeatable. localhost, 127.x.x.x, [::1] and --host are always answered; any other"
            + " Host gets 421, so that a web page cannot reach the server by rebinding its own name (DNS rebinding)."})
    private List<String> allowedHosts = new ArrayList<>();

    @Option(names = READ_TIMEOUT, paramLabel = "DURATION", description = {
        "How long a client may take to send a whole request, headers and body; then its connection is closed, so that"
            + " slow or stalled clients hold no worker. Seconds (10, 10s), minutes (2m), hours (1h) or ISO-8601 (PT90S),"
            + " from 1s to 1h, rounded up to whole seconds. The JDK server reads it once per process.",
        "Default: 10s"})
    private String readTimeout;

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

    @Option(names = BACKUP_DIR, paramLabel = "DIR", description = {
        "Let the admin token take hot backups with POST /_offline-vault/backup {\"name\": NAME}: each one a new"
            + " directory DIR/NAME, consistent as of one commit while writers go on, never with the key file."
            + " Without it that route answers 404."})
    private String backupDir;

    @Option(names = "--console", description = {
        "Serve the browser console at /console on a --host other machines can reach too (it is always served on a"
            + " loopback address). Its files need no token; the data it shows still does."})
    private boolean console;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = {
        "Let web pages from ORIGIN (scheme://host[:port], such as http://localhost:5173; no path, no trailing"
            + " slash, no '*') call this server from a browser: CORS preflights are answered without a token and"
            + " every answer to that origin carries CORS headers. Repeatable; off by default."})
    private List<String> corsOrigins = new ArrayList<>();

    /** Refuses {@code --admin-token VALUE}, which would sit in the process list. */
    void refuseArgumentToken() {
        if (refusedAdminToken != null) {
            throw usage(KnownAdminToken.refusal());
        }
    }

    /**
     * {@return where to listen: the port from the flag, else the environment, else the default; the host; CORS; the
     * allowed host names}
     */
    VaultHttpServer.Settings settings(Surroundings surroundings) {
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
        return new VaultHttpServer.Settings(host, number, corsOrigins(), allowedHosts()).withReadTimeout(readTimeout())
                .withConsole(console);
    }

    private Duration readTimeout() {
        if (readTimeout == null) {
            return VaultHttpServer.Settings.DEFAULT_READ_TIMEOUT;
        }
        String raw = readTimeout.strip();
        Duration timeout;
        Matcher matcher = DURATION.matcher(raw);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                timeout = switch (matcher.group(2)) {
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                timeout = Duration.parse(raw.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException e) {
            throw usage(READ_TIMEOUT + " must be a duration such as 10s, 90 or 2m (or ISO-8601, PT90S), not '"
                    + readTimeout + "'.");
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0
                || timeout.compareTo(VaultHttpServer.Settings.MAX_READ_TIMEOUT) > 0) {
            throw usage(READ_TIMEOUT + " must be from 1s to 1h, not '" + readTimeout + "'.");
        }
        return timeout;
    }

    private Set<String> allowedHosts() {
        if (!allowedHosts.isEmpty() && !allowRemote) {
            throw usage(ALLOWED_HOST + " names a host that other machines call this server by: it needs --allow-remote"
                    + " (and a --host they can reach). localhost, 127.x.x.x, [::1] and --host are answered without it.");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String raw : allowedHosts) {
            try {
                names.add(VaultHttpServer.Settings.allowedHost(raw));
            } catch (IllegalArgumentException e) {
                throw usage(ALLOWED_HOST + " " + e.getMessage());
            }
        }
        return names;
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

    /** {@return the absolute path of {@code --port-file}, when given} */
    Optional<Path> portFile(Surroundings surroundings) {
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

    /** {@return the directory backups go under, when {@code --backup-dir} is given} */
    Optional<Path> backupDir(Surroundings surroundings) {
        if (backupDir == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(surroundings.expandHome(backupDir)).toAbsolutePath());
        } catch (InvalidPathException e) {
            throw usage(BACKUP_DIR + " is not a usable path: give a file system path (a leading ~ means the home"
                    + " directory).");
        }
    }

    /** {@return the flags of a vault on disk given among these options} */
    List<String> storeFlags() {
        return backupDir == null ? List.of() : List.of(BACKUP_DIR);
    }

    /** {@return whether the vault is held in memory} Refuses the store flags given with {@code --ephemeral}. */
    boolean ephemeral(List<String> storeFlags) {
        if (ephemeral && !storeFlags.isEmpty()) {
            throw usage("--ephemeral keeps the vault in memory and writes no file: " + String.join(", ", storeFlags)
                    + " make no sense with it. Drop " + (storeFlags.size() == 1 ? "it" : "them")
                    + ", or drop --ephemeral to serve a vault on disk.");
        }
        return ephemeral;
    }

    /** {@return the known admin token, from {@code --admin-token-from} or the environment, when one is given} */
    Optional<SecretValue> knownToken(Surroundings surroundings) {
        try {
            return KnownAdminToken.of(surroundings, adminTokenFrom);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** {@return where the known admin token came from, for the startup lines} */
    String knownTokenSource() {
        return adminTokenFrom != null ? KnownAdminToken.FROM_FLAG : KnownAdminToken.VARIABLE;
    }

    /** {@return the seed of {@code --seed}, when given} {@code knownToken} is the admin token no seed token may repeat. */
    Optional<Seed> seed(Surroundings surroundings, Optional<SecretValue> knownToken) {
        return seedFile == null ? Optional.empty() : Optional.of(SeedFile.read(surroundings, seedFile, knownToken));
    }

    /** {@return the seed file as given, for the startup lines} */
    String seedFile() {
        return seedFile;
    }

    /** {@return a usage error (exit 2) of {@code serve}} */
    ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    /** {@return whether {@code host} is a loopback address} */
    static boolean isLoopback(String host) {
        InetSocketAddress address = new InetSocketAddress(host, 0);
        return !address.isUnresolved() && address.getAddress().isLoopbackAddress();
    }

    /** {@return {@code host} as a URL writes it: an IPv6 literal in brackets} */
    static String urlHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}

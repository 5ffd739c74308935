package io.offlinevault.app.cli;

import io.offlinevault.app.remote.RemoteVault;
import io.offlinevault.domain.entry.SecretValue;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a command that can run against a running server, as HashiCorp Vault's command line does with
 * {@code VAULT_ADDR}: the server's URL from {@code --server} or {@code OFFLINE_VAULT_ADDR}, its token from the file
 * that {@code --token-file} names or from {@code OFFLINE_VAULT_TOKEN}, never from an argument. An {@code http://}
 * URL that is not on this machine is refused unless {@code --insecure-http} says the token may cross the network
 * in clear. The data dir's own admin token is never sent to a server named here.
 */
public final class ServerOptions {
    static final String ADDRESS_VARIABLE = "OFFLINE_VAULT_ADDR";
    static final String TOKEN_VARIABLE = "OFFLINE_VAULT_TOKEN";
    static final String TOKEN_FILE_FLAG = "--token-file";

    /**
     * What a command that can run through a server says when a server holds the data dir but its server.json is
     * not trusted (or the admin token file cannot be read), after the store's message that names its pid.
     */
    static final String WHILE_LOCKED = "Its " + RunningServer.SERVER_FILE + " is missing or not trusted, or the admin"
            + " token file cannot be read: run this command through that server with --server URL and --token-file"
            + " FILE (or " + ADDRESS_VARIABLE + " and " + TOKEN_VARIABLE + "), or stop it and run the command again.";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--server", paramLabel = "URL", description = {
        "Runs the command against the server at URL (its HTTP API) instead of a data directory.",
        "Env: " + ADDRESS_VARIABLE + ". Without either, the command runs locally, or through the server that holds"
            + " the data directory (its server.json) with the data directory's admin token."})
    private String server;

    @Option(names = TOKEN_FILE_FLAG, paramLabel = "FILE", description = {
        "A file holding the token for --server (never an argument). Env: " + TOKEN_VARIABLE + " (the token"
            + " itself)."})
    private String tokenFile;

    @Option(names = "--insecure-http", description = {
        "Allows an http:// --server that is not on this machine: the token then crosses the network in clear."})
    private boolean insecureHttp;

    // Declared only to refuse it with a reason: a token in an argument sits in the process list.
    @Option(names = "--token", paramLabel = "VALUE", arity = "0..1", hidden = true)
    private String refusedToken;

    /**
     * {@return the server that {@code --server} or {@code OFFLINE_VAULT_ADDR} names, with the token given for it;
     * empty when neither names one}
     *
     * @throws ParameterException for an unusable URL, a refused insecure one, or a token that is missing or
     *         unreadable (exit 2)
     */
    Optional<RemoteVault> named(Surroundings surroundings) {
        if (refusedToken != null) {
            throw usage("--token is refused: a value on the command line sits in the process list, where every user"
                    + " of this machine can read it. Put the token in a file (mode 0600) named by " + TOKEN_FILE_FLAG
                    + " FILE, or in the environment variable " + TOKEN_VARIABLE + ".");
        }
        String source = server != null ? "--server" : ADDRESS_VARIABLE;
        Optional<String> raw = server != null ? Optional.of(server) : surroundings.variable(ADDRESS_VARIABLE)
                .filter(value -> !value.isBlank());
        if (raw.isEmpty()) {
            if (tokenFile != null || insecureHttp) {
                throw usage((tokenFile != null ? TOKEN_FILE_FLAG : "--insecure-http") + " goes with --server URL (or "
                        + ADDRESS_VARIABLE + ").");
            }
            return Optional.empty();
        }
        URI url = url(source, raw.get());
        boolean loopback = isLoopback(url.getHost());
        if (!loopback && url.getScheme().equals("http") && !insecureHttp) {
            throw usage(source + " " + url + " is plain http:// to another machine: the token would cross the network"
                    + " in clear. Use https://, or pass --insecure-http to accept that.");
        }
        return Optional.of(RemoteVault.at(url, token(surroundings), loopback,
                surroundings.progress(command.commandLine().getErr())));
    }

    /** {@return whether {@code url} is an {@code http://} URL whose host is this machine} */
    static boolean isLoopbackHttp(URI url) {
        return "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null && isLoopback(url.getHost())
                && url.getRawUserInfo() == null;
    }

    // Only what names this machine without a lookup: localhost, 127.x.x.x and [::1].
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+|\\[[0-9a-f:.]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(name.startsWith("[") ? name.substring(1, name.length() - 1) : name)
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private URI url(String source, String raw) {
        URI url;
        try {
            url = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw usage(source + " is not a URL: give the server's base URL, as http://127.0.0.1:8787.");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawUserInfo() != null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw usage(source + " must be the server's base URL: http:// or https://, a host, an optional port and"
                    + " path, no user, query or fragment (as http://127.0.0.1:8787).");
        }
        return url;
    }

    private SecretValue token(Surroundings surroundings) {
        String token;
        if (tokenFile != null) {
            try {
                token = SecretFile.read(surroundings, TOKEN_FILE_FLAG, tokenFile).strip();
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        } else {
            token = surroundings.variable(TOKEN_VARIABLE).map(String::strip).orElse("");
            if (token.isEmpty()) {
                throw usage("Give the token for the server with " + TOKEN_FILE_FLAG + " FILE or the environment"
                        + " variable " + TOKEN_VARIABLE + " (never as an argument).");
            }
        }
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw usage("The token for the server must be printable ASCII without spaces; check " + (tokenFile != null
                    ? TOKEN_FILE_FLAG + " " + tokenFile : TOKEN_VARIABLE) + ".");
        }
        return SecretValue.of(token);
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}

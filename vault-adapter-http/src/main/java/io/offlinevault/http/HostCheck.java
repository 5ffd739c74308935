package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Host check of API.md 6, against DNS rebinding: a request is answered only when its one {@code Host} header
 * (and the authority of an absolute-form target) names this server: {@code localhost}, {@code 127.x.x.x},
 * {@code [::1]}, the host it listens on as given and the address that bound, or an allowed name; case-insensitive,
 * any port. A page that rebinds its own name to 127.0.0.1 still sends that name, so it gets 421. Immutable.
 */
final class HostCheck {
    private static final Pattern LOOPBACK_IPV4 =
            Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    // DNS labels (letters, digits, '-' and '_' inside), dotted; an IPv4 address is such a name too.
    private static final String LABEL = "[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?";
    private static final Pattern NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*\\]");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "[::1]");
    private static final String EXAMPLE = "vault.example.internal";

    private final Set<String> names;

    private HostCheck(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * {@return the check of a server listening on {@code listenHost} (as given), bound to {@code bound}, also answering
     * for {@code allowedHosts}} The bound address is accepted because a client that resolved the listening name calls
     * the address, and an address cannot be rebound.
     *
     * @throws IllegalArgumentException when an allowed host is not {@linkplain #name(String) a host name}
     */
    static HostCheck of(String listenHost, Optional<InetAddress> bound, Set<String> allowedHosts) {
        requireNonNull(listenHost, "listenHost");
        Set<String> names = new HashSet<>();
        allowedHosts.forEach(allowed -> names.add(name(allowed)));
        names.add(bracketed(listenHost.strip().toLowerCase(Locale.ROOT)));
        bound.ifPresent(address -> {
            names.add(bracketed(address.getHostAddress().toLowerCase(Locale.ROOT)));
            if (address instanceof Inet6Address && address.getHostAddress().contains("%")) {
                String literal = address.getHostAddress();
                names.add(bracketed(literal.substring(0, literal.indexOf('%')).toLowerCase(Locale.ROOT)));
            }
        });
        return new HostCheck(names);
    }

    /**
     * {@return {@code raw} as a name the check compares: lower case, an IPv6 address in brackets}
     *
     * @throws IllegalArgumentException when {@code raw} is not a host name or an address (a port, a scheme, a path, a
     *         wildcard), with a message quoting it and saying what to give
     */
    static String name(String raw) {
        requireNonNull(raw, "raw");
        String name = bracketed(raw.strip().toLowerCase(Locale.ROOT));
        if (!NAME.matcher(name).matches() && !IPV6.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + raw + "' is not a host name: give a name or an address as clients"
                    + " write it in URLs, without a scheme, port, path or wildcard, such as " + EXAMPLE + ".");
        }
        return name;
    }

    /**
     * Checks that {@code exchange} names this server.
     *
     * @throws MisdirectedRequestException when it does not, or names no host, or two
     */
    void check(HttpExchange exchange) {
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        URI target = exchange.getRequestURI();
        boolean ok = hosts != null && hosts.size() == 1 && accepts(hosts.get(0))
                && (target.getScheme() == null || accepts(target.getRawAuthority()));
        if (!ok) {
            throw new MisdirectedRequestException();
        }
    }

    /** {@return whether {@code host}, a {@code Host} header's value ({@code name[:port]}), names this server} */
    boolean accepts(String host) {
        if (host == null) {
            return false;
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        int end = value.startsWith("[") ? value.indexOf(']') + 1 : value.indexOf(':');
        if (end == 0 || value.isEmpty()) {
            return false;
        }
        String name = end < 0 ? value : value.substring(0, end);
        String port = end < 0 ? "" : value.substring(end);
        // The sets first: the name a client uses is most often one of them, and the pattern costs more.
        return (port.isEmpty() || isPort(port))
                && (LOOPBACK_NAMES.contains(name) || names.contains(name) || LOOPBACK_IPV4.matcher(name).matches());
    }

    // A colon and at most five digits (an empty port is allowed, as RFC 3986 allows it).
    private static boolean isPort(String port) {
        if (port.charAt(0) != ':' || port.length() > 6) {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // An IPv6 address as a Host header writes it.
    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}

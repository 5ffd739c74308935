package io.offlinevault.http;

import java.time.Duration;

/**
 * The JDK HTTP server's limits, which are JVM-global system properties read once, when the first server of the
 * JVM is created; later changes do nothing. Without {@code nodelay} the server was measured stalling ~40 ms per
 * list-sized response (Nagle's algorithm against delayed acks). Thread-safe.
 */
final class JdkServerProperties {
    /** The JDK's limit on the time a client takes to send a whole request, headers and body, in seconds. */
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** The default read timeout: long enough for a large import on loopback, short enough to free slow clients. */
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The largest read timeout accepted. */
    static final Duration MAX_READ_TIMEOUT = Duration.ofHours(1);
    /** Seconds the server may take to send a response. */
    static final String MAX_RESPONSE_SECONDS = "120";

    // The read timeout the JDK server took, once the first server of this JVM was created.
    private static Duration inEffect;

    private JdkServerProperties() {
    }

    static void apply() {
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
        setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "65536");
        setIfAbsent("sun.net.httpserver.idleInterval", "30");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "200");
    }

    /**
     * Sets the read timeout (whole seconds, rounded up) for the first server of this JVM and {@return the read
     * timeout in effect}: {@code wanted}, or, once a server exists, the one the first server took. Call it just
     * before creating a server.
     */
    static synchronized Duration readTimeout(Duration wanted) {
        if (inEffect == null) {
            apply();
            long seconds = seconds(wanted);
            System.setProperty(MAX_REQUEST_TIME, Long.toString(seconds));
            inEffect = Duration.ofSeconds(seconds);
        }
        return inEffect;
    }

    /** {@return {@code timeout} in whole seconds, rounded up} */
    static long seconds(Duration timeout) {
        return timeout.plusNanos(999_999_999).getSeconds();
    }

    // A value the user set on the java command line wins.
    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}

package io.offlinevault.http;

/**
 * The JDK HTTP server's limits, which are JVM-global system properties read once when its classes
 * load. Without {@code nodelay} the server was measured stalling ~40 ms per list-sized response
 * (Nagle's algorithm against delayed acks).
 */
final class JdkServerProperties {
    /** Seconds a client may take to send a whole request; then the connection is closed. */
    static final String MAX_REQUEST_SECONDS = "60";
    /** Seconds the server may take to send a response. */
    static final String MAX_RESPONSE_SECONDS = "120";

    private JdkServerProperties() {
    }

    static void apply() {
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
        setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "65536");
        setIfAbsent("sun.net.httpserver.idleInterval", "30");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "200");
    }

    // A value the user set on the java command line wins.
    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The ceiling of any adapter on the JDK's HttpServer, for bench/http.sh: 4 threads, TCP_NODELAY, every request
 * (GET or POST, any path) read whole and answered with one fixed JSON body of an entry's size.
 * Usage: java -Dsun.net.httpserver.nodelay=true bench/Ceiling.java PORT_FILE
 */
public final class Ceiling {
    private static final byte[] BODY = ("{\"organizationId\":\"acme\",\"key\":\"bench.k00042\",\"valueType\":\"STRING\","
            + "\"vaultVisibilityType\":\"OBFUSCATED\",\"public\":false,\"attributeReferences\":[],\"scopes\":[]}")
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BODY);
                }
            }
        });
        server.start();
        Files.writeString(Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
    }
}

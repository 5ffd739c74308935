package io.offlinevault.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.Main;
import io.offlinevault.app.cli.ServeRun;
import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve --console}: the browser console on a non-loopback bind too; on loopback it is always served. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleServeTest {
    @TempDir
    Path root;

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        ServeOptions options;
    }

    private ServeOptions parse(String... arguments) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(arguments);
        return holder.options;
    }

    private Surroundings surroundings() {
        return new Surroundings(Map.of(), root.resolve("home"), Terminal.none(), stop -> { });
    }

    @Test
    void console_asks_for_the_console_on_any_bind_and_is_off_by_default() {
        assertThat(parse("--host", "0.0.0.0", "--allow-remote", "--console").settings(surroundings()).console())
                .isTrue();
        assertThat(parse("--host", "0.0.0.0", "--allow-remote").settings(surroundings()).console()).isFalse();
    }

    @Test
    void help_describes_console() {
        StringWriter out = new StringWriter();
        Main.execute(surroundings(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "serve", "--help");
        assertThat(out.toString()).contains("--console", "/console");
    }

    @Test
    void a_loopback_server_serves_the_console_from_the_jar_resources() throws Exception {
        try (ServeRun serve = ServeRun.start(root.resolve("home"), false, Map.of(), "--ephemeral", "--port", "0")) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + serve.port() + "/console")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<button type=\"submit\">Sign in</button>");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                    assertThat(policy).startsWith("default-src 'self'; frame-ancestors 'none'"));
            assertThat(serve.stop()).isZero();
        }
    }
}

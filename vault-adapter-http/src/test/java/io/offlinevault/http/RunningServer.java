package io.offlinevault.http;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The API of an {@link Api} served on 127.0.0.1, port 0, around each test: started before it, closed after it. */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {
    private final Api api;
    private VaultHttpServer server;

    RunningServer(Api api) {
        this.api = api;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        VaultHttpServer.configureJdkServer();
        server = VaultHttpServer.start(new VaultHttpServer.Settings("127.0.0.1", 0), api.services);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    int port() {
        return server.port();
    }

    Duration readTimeout() {
        return server.readTimeout();
    }
}

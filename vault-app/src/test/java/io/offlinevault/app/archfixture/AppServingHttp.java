package io.offlinevault.app.archfixture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Breaks "the JDK HTTP server only in http". */
public final class AppServingHttp implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.close();
    }
}

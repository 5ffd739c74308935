package io.offlinevault.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** An in-memory {@link HttpExchange}: routes run without a socket, and the response is kept for the test. */
final class FakeExchange extends HttpExchange {
    private final String method;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final InputStream requestBody;
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;
    private boolean closed;
    private int bodyBytesRead;

    /** A request with {@code headers} and, as every HTTP/1.1 client sends one, {@code Host: 127.0.0.1:8787} unless named. */
    FakeExchange(String method, String rawPathAndQuery, Map<String, String> headers, byte[] body) {
        this(method, rawPathAndQuery, withHost(headers), body);
    }

    /** A request with exactly {@code headers}: none added, several values of one name kept. */
    FakeExchange(String method, String rawPathAndQuery, Headers headers, byte[] body) {
        this.method = method;
        this.uri = URI.create(rawPathAndQuery);
        headers.forEach((name, values) -> values.forEach(value -> requestHeaders.add(name, value)));
        this.requestBody = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bodyBytesRead += n;
                }
                return n;
            }
        };
    }

    private static Headers withHost(Map<String, String> headers) {
        Headers all = new Headers();
        headers.forEach(all::add);
        if (!all.containsKey("Host")) {
            all.add("Host", "127.0.0.1:8787");
        }
        return all;
    }

    int status() {
        return status;
    }

    byte[] body() {
        return responseBody.toByteArray();
    }

    boolean isClosed() {
        return closed;
    }

    int bodyBytesRead() {
        return bodyBytesRead;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
        if (status != -1) {
            throw new IllegalStateException("headers sent twice");
        }
        status = code;
        if (length > 0) {
            responseHeaders.set("Content-Length", Long.toString(length));
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50_000);
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 8787);
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}

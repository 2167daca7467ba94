package io.cronshard.jobtype;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HTTP server on a random loopback port that records every request. {@code /ok} answers
 * 200, {@code /fail} answers 500 with a long body, {@code /redirect} answers 302, {@code /slow}
 * answers only when the server closes. Close it after the test.
 */
final class LocalHttpServer implements AutoCloseable {

    /** The body {@code /fail} answers with: longer than what a failure message keeps. */
    static final String FAILURE_BODY = "boom: the downstream service is broken " + "x".repeat(2000);

    /** What the server saw of one request. */
    record Request(String method, String path, String contentType, String body, String contextHeader) {

        /** @return the sharding context header, decoded and parsed */
        JsonObject context() {
            return JsonParser.parseString(URLDecoder.decode(contextHeader, StandardCharsets.UTF_8)).getAsJsonObject();
        }

        int item() {
            return context().get("shardingItem").getAsInt();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> answer(exchange, 200, "ok"));
        server.createContext("/fail", exchange -> answer(exchange, 500, FAILURE_BODY));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302, "");
        });
        server.createContext("/slow", exchange -> {
            record(exchange);
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    /** @return e.g. {@code http://127.0.0.1:41234/ok} */
    String uri(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private String record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, exchange.getRequestHeaders().getFirst("shardingContext")));
        return body;
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        record(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean noBody = bytes.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.dx0.session.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/** A real WebSocket client (Vert.x) that records every text frame and how the socket closed. */
public final class WsClient implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    private volatile String closeReason;

    private WsClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                frames.add(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("server sent invalid JSON: " + text, e);
            }
        });
        socket.closeHandler(v -> {
            closeReason = socket.closeReason();
            closeStatus.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode());
        });
    }

    /** The offered subprotocols, comma-separated, when given among the headers. */
    public static final String SUBPROTOCOLS = "Sec-WebSocket-Protocol";

    /**
     * Opens {@code path} on 127.0.0.1 with exactly the {@code headers} given (Vert.x would add an
     * Origin of its own); fails with {@link UpgradeRejectedException} when the upgrade is refused.
     */
    public static WsClient connect(int port, String path, Map<String, String> headers) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .setAllowOriginHeader(headers.containsKey("Origin"));
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase(SUBPROTOCOLS)) {
                options.setSubProtocols(Arrays.stream(value.split(",")).map(String::strip).toList());
            } else {
                options.addHeader(name, value);
            }
        });
        try {
            WebSocket socket = VERTX.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 20)
                    .setMaxFrameSize(1 << 20)).connect(options).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return new WsClient(socket);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The HTTP status of a refused upgrade, or 101 when it went through. */
    public static int upgradeStatus(int port, String path, Map<String, String> headers) throws Exception {
        try (WsClient client = connect(port, path, headers)) {
            return 101;
        } catch (UpgradeRejectedException e) {
            return e.getStatus();
        }
    }

    public void send(String text) {
        socket.writeTextMessage(text);
    }

    public void sendBinary(byte[] data) {
        socket.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(data));
    }

    public void ping() {
        socket.writePing(io.vertx.core.buffer.Buffer.buffer("ping"));
    }

    public void send(Object frame) throws JsonProcessingException {
        send(JSON.writeValueAsString(frame));
    }

    public JsonNode next() throws InterruptedException, TimeoutException {
        JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            // say what the socket did meanwhile: a silent server and a closed socket are different bugs
            throw new TimeoutException("no frame within 10 s; socket "
                    + (closeStatus.isDone() ? "closed " + closeStatus.getNow(-1) + " '" + closeReason + "'" : "still open"));
        }
        return frame;
    }

    /** Frames up to and including the one with {@code done: true}, or a single error frame. */
    public List<JsonNode> exchange(String action, String content) throws Exception {
        send(Map.of("action", action, "content", content));
        List<JsonNode> got = new ArrayList<>();
        while (true) {
            JsonNode frame = next();
            got.add(frame);
            if (frame.has("error") || frame.path("done").asBoolean(false)) {
                return got;
            }
        }
    }

    /** The close status code, waiting up to {@code within}. */
    public int awaitClose(Duration within) throws Exception {
        return closeStatus.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closeStatus.isDone();
    }

    /** The subprotocol the server chose, or null. */
    public String subprotocol() {
        return socket.subProtocol();
    }

    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}

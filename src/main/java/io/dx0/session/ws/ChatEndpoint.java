package io.dx0.session.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/ws}: the Dx0 chat channel. Authentication happened at the upgrade ({@link ChatUpgradeCheck}). */
@WebSocket(path = "/api/v1/ws")
public class ChatEndpoint {

    static final CloseReason MESSAGE_TOO_BIG = new CloseReason(1009, "message too big");

    private final ChatExchange exchange;
    private final ChatConnections connections;

    ChatEndpoint(ChatExchange exchange, ChatConnections connections) {
        this.exchange = exchange;
        this.connections = connections;
    }

    /** In-memory bookkeeping only: runs on the connection's event loop, before its first message is handled. */
    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        connections.register(connection.userData().get(ChatUpgradeCheck.SESSION),
                connection.userData().get(ChatUpgradeCheck.RESERVATION), connection);
    }

    @OnTextMessage
    Uni<Void> message(String frame, WebSocketConnection connection) {
        return exchange.handle(sessionId(connection), frame)
                .onItem().call(out -> connection.sendText(out))
                .onItem().invoke(out -> {
                    if (out instanceof ServerFrame.Error error && error.close() != null) {
                        ChatConnections.close(connection, error.close());
                    }
                })
                .collect().last().replaceWithVoid();
    }

    /** Vert.x reports a message assembled past the size limit this way; the protocol answer is 1009. */
    @OnError
    Uni<Void> failure(IllegalStateException failure, WebSocketConnection connection) {
        boolean tooBig = failure.getMessage() != null && failure.getMessage().contains("max message size");
        return connection.close(tooBig ? MESSAGE_TOO_BIG : CloseReason.INTERNAL_SERVER_ERROR);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        connections.unregister(sessionId(connection), connection);
    }

    private static String sessionId(WebSocketConnection connection) {
        return connection.userData().get(ChatUpgradeCheck.SESSION).id();
    }
}

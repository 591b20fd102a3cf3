package io.dx0.session.ws;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.overload.Admission;
import io.dx0.session.overload.WorkPath;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/ws}: the Dx0 chat channel. Authentication happened at the upgrade ({@link ChatUpgradeCheck}).
 * Messages are taken as they arrive (not queued behind the one in progress): a socket may have
 * {@code session.ws.max-messages-in-progress} at once and the chat path its admission limit; past
 * either a message gets a {@code busy} frame at once and nothing is counted or charged.
 */
@WebSocket(path = "/api/v1/ws", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class ChatEndpoint {

    static final CloseReason MESSAGE_TOO_BIG = new CloseReason(1009, "message too big");
    private static final UserData.TypedKey<AtomicInteger> IN_PROGRESS = new UserData.TypedKey<>("dx0.in-progress");

    private final ChatExchange exchange;
    private final ChatConnections connections;
    private final Admission admission;
    private final int maxInProgress;

    ChatEndpoint(ChatExchange exchange, ChatConnections connections, Admission admission, SessionConfig config) {
        this.exchange = exchange;
        this.connections = connections;
        this.admission = admission;
        this.maxInProgress = config.ws().maxMessagesInProgress();
    }

    /** In-memory bookkeeping only: runs on the connection's event loop, before its first message is handled. */
    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        connection.userData().put(IN_PROGRESS, new AtomicInteger());
        connections.register(connection.userData().get(ChatUpgradeCheck.SESSION),
                connection.userData().get(ChatUpgradeCheck.RESERVATION), connection);
    }

    @OnTextMessage
    Uni<Void> message(String frame, WebSocketConnection connection) {
        AtomicInteger inProgress = connection.userData().get(IN_PROGRESS);
        if (inProgress.incrementAndGet() > maxInProgress) {
            inProgress.decrementAndGet();
            admission.refused(WorkPath.CHAT, Admission.Reason.SOCKET);
            return connection.sendText(ServerFrame.Error.busy("Wait for the answer to your previous message",
                    admission.retryAfterMillis(WorkPath.CHAT)));
        }
        Optional<Admission.Permit> admitted = admission.tryAcquire(WorkPath.CHAT);
        if (admitted.isEmpty()) {
            inProgress.decrementAndGet();
            return connection.sendText(ServerFrame.Error.busy("Service busy: retry shortly",
                    admission.retryAfterMillis(WorkPath.CHAT)));
        }
        Admission.Permit permit = admitted.get();
        AtomicBoolean unavailable = new AtomicBoolean();
        return exchange.handle(sessionId(connection), frame)
                .onItem().call(out -> connection.sendText(out))
                .onItem().invoke(out -> {
                    if (out instanceof ServerFrame.Error error) {
                        unavailable.compareAndSet(false, error.unavailable());
                        if (error.close() != null) {
                            ChatConnections.close(connection, error.close());
                        }
                    }
                })
                .collect().last().replaceWithVoid()
                .onItemOrFailure().invoke((ok, failure) -> {
                    if (failure != null) {
                        permit.ignored();
                    } else if (unavailable.get()) {
                        permit.dropped();
                    } else {
                        permit.succeeded();
                    }
                })
                .onCancellation().invoke(permit::ignored)
                .eventually(inProgress::decrementAndGet);
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

package io.dx0.session.chat.socket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dx0.session.concurrency.CallerContext;
import io.dx0.session.concurrency.CallerContext.Caller;
import io.dx0.session.overload.Admission;
import io.dx0.session.overload.OverloadedException;
import io.dx0.session.overload.WorkPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/ws}: the Dx0 chat channel. Authentication happened at the upgrade ({@link ChatUpgradeCheck}).
 * Messages are taken as they arrive (not queued behind the one in progress): a socket may have
 * {@code session.ws.max-messages-in-progress} at once and the chat path its admission limit; past
 * either a message gets a {@code busy} frame at once and nothing is counted or charged. A message the
 * socket sends before the {@code retry_after_ms} of its last busy frame has passed waits until then
 * ({@link ComeBackTime}): resending at once gains nothing and costs the service no refusal.
 */
@WebSocket(path = "/api/v1/ws", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class ChatEndpoint {

    /** A client that does not read its answers: a protocol matter on its side, hence 1008, not 1013. */
    static final CloseReason NOT_READING = new CloseReason(1008, "not reading");
    static final CloseReason TOO_MANY_FRAMES = new CloseReason(1008, SocketBounds.TOO_MANY_FRAMES);
    static final String ONE_AT_A_TIME = "Wait for the answer to your previous message";
    static final String BUSY = "Service busy: retry shortly";
    static final int BUSY_FRAMES_WRITING = 8;

    private final ChatExchange exchange;
    private final ChatConnections connections;
    private final Admission admission;
    private final int maxInProgress;
    private final Duration sendTimeout;
    private final Counter early;

    ChatEndpoint(ChatExchange exchange, ChatConnections connections, Admission admission, SocketSettings settings,
            MeterRegistry registry) {
        this.exchange = exchange;
        this.connections = connections;
        this.admission = admission;
        this.maxInProgress = settings.maxMessagesInProgress();
        this.sendTimeout = settings.sendTimeout();
        this.early = Counter.builder("dx0.chat.early.messages")
                .description("Chat messages sent before the retry_after_ms their socket was told, held until then")
                .register(registry);
    }

    /** In-memory bookkeeping only: runs on the connection's event loop, before its first message is handled. */
    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        ChatSocket socket = ChatSocket.of(connection);
        connections.register(socket.session(), socket.reservation(), connection);
    }

    @OnTextMessage
    @WithSpan("chat.message")
    Uni<Void> message(String frame, WebSocketConnection connection) {
        ChatSocket socket = ChatSocket.of(connection);
        if (!socket.startMessage(maxInProgress)) {
            admission.refused(WorkPath.CHAT, Admission.Reason.SOCKET);
            if (socket.frames().overspent()) {
                ChatConnections.close(connection, TOO_MANY_FRAMES);
                return Uni.createFrom().voidItem();
            }
            return refuse(connection, ONE_AT_A_TIME,
                    admission.retryAfterMillis(WorkPath.CHAT));
        }
        // early (sent before the time its socket was told) it waits until then; at a full path it waits its
        // turn briefly; refused only when waiting would not help
        long earlyBy = socket.comeBack().earlyByMillis();
        if (earlyBy > 0) {
            early.increment();
        }
        Uni<Admission.Permit> permitted = earlyBy == 0 ? admission.acquire(WorkPath.CHAT)
                : Uni.createFrom().<Void> emitter(held -> CallerContext.later(Caller.current(), earlyBy,
                        () -> held.complete(null))).chain(() -> admission.acquire(WorkPath.CHAT));
        return permitted.onItemOrFailure().transformToUni((permit, failure) -> {
            if (failure instanceof OverloadedException refusal) {
                socket.endMessage();
                return refuse(connection, BUSY, refusal.retryAfterMillis());
            }
            if (failure != null) {
                socket.endMessage();
                return Uni.createFrom().failure(failure);
            }
            return answer(frame, connection, permit, socket);
        });
    }

    private Uni<Void> answer(String frame, WebSocketConnection connection, Admission.Permit permit, ChatSocket socket) {
        AtomicBoolean ended = new AtomicBoolean();
        Runnable giveBackPlace = () -> {
            if (ended.compareAndSet(false, true)) {
                socket.endMessage();
            }
        };
        if (!connection.isOpen()) { // closed while it waited in line
            permit.ignored();
            giveBackPlace.run();
            return Uni.createFrom().voidItem();
        }
        return exchange.handle(socket.session().id(), frame, socket.frames())
                .onItem().call(out -> {
                    if (out.ends()) {
                        // A client may send its next message the moment it reads this frame, which can be
                        // before the write of it is reported done: the socket's place and the path's permit
                        // are free before it is written (the permit settles once; later calls are no-ops).
                        giveBackPlace.run();
                        if (out instanceof ServerFrame.Error error && error.unavailable()) {
                            permit.dropped();
                        } else {
                            permit.succeeded();
                        }
                    }
                    return written(connection, connection.sendText(out));
                })
                .onItem().invoke(out -> {
                    if (out instanceof ServerFrame.Error error && error.close() != null) {
                        ChatConnections.close(connection, error.close());
                    }
                })
                .collect().last().replaceWithVoid()
                // settled at the last frame already, unless the reply failed or was cancelled before it
                .onFailure().invoke(permit::ignored)
                .onCancellation().invoke(permit::ignored)
                .eventually(giveBackPlace);
    }

    /**
     * A busy frame, unless {@value #BUSY_FRAMES_WRITING} are still waiting to be written to this socket: a
     * client that floods frames without reading its answers could otherwise pile refusals up in memory.
     * Its unanswered extras are counted as refused all the same, and a waiting write closes it after the
     * send timeout.
     */
    private Uni<Void> refuse(WebSocketConnection connection, String why, long retryAfterMillis) {
        ChatSocket socket = ChatSocket.of(connection);
        socket.comeBack().told(retryAfterMillis);
        if (!socket.startBusyFrame(BUSY_FRAMES_WRITING)) {
            return Uni.createFrom().voidItem();
        }
        return written(connection, connection.sendText(ServerFrame.busyText(why, retryAfterMillis)))
                .eventually(socket::endBusyFrame);
    }

    /**
     * {@code write}, ended as the client not reading when it is not done within the send timeout. The
     * deadline is a timer of the connection's own event loop (no shared timer thread per frame).
     */
    private Uni<Void> written(WebSocketConnection connection, Uni<Void> write) {
        return CallerContext.backOnCaller(write, sendTimeout).onFailure(TimeoutException.class)
                .recoverWithUni(() -> notReading(connection));
    }

    /**
     * Ends the reply of a client whose frames stopped being written: the close is started (it may wait
     * for the same full buffers) while the message ends at once, giving its place back.
     */
    private static Uni<Void> notReading(WebSocketConnection connection) {
        connection.close(NOT_READING).subscribe().with(closed -> {}, failure -> {});
        return Uni.createFrom().failure(new IllegalStateException("client not reading its answers"));
    }

    /** A failure of the connection itself (a message too long is answered 1009 before: {@link SocketBounds}). */
    @OnError
    Uni<Void> failure(IllegalStateException failure, WebSocketConnection connection) {
        return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        connections.unregister(sessionId(connection), connection);
    }

    private static String sessionId(WebSocketConnection connection) {
        return ChatSocket.of(connection).session().id();
    }
}

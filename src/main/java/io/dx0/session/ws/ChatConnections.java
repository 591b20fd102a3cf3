package io.dx0.session.ws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.dx0.session.session.SessionService;
import io.dx0.session.store.Session;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The open sockets of this replica, by session. Closes every socket of a session with 1008 when it
 * ends: at once when a logout or revocation is announced by the store (from any replica), and at
 * its expiry time otherwise (a timer per session re-reads it then; another replica's use may have
 * slid it).
 */
@Startup
@ApplicationScoped
public class ChatConnections {

    private static final Logger LOG = Logger.getLogger(ChatConnections.class);
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down");
    /** Past the expiry before re-reading, so a session is never judged an instant before its end. */
    private static final Duration EXPIRY_GRACE = Duration.ofMillis(20);

    private final ConcurrentHashMap<String, Watch> bySession = new ConcurrentHashMap<>();
    private final SessionService sessions;
    private final Vertx vertx;
    private final Clock clock;

    /** The sockets of one session and the timer that re-checks its expiry. */
    private static final class Watch {
        final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
        long timerId = -1;
    }

    ChatConnections(SessionService sessions, Vertx vertx, Clock clock) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.clock = clock;
        sessions.endedSessions().subscribe().with(this::closeAll,
                failure -> LOG.errorf("Ended-session announcements stopped: %s", failure.getMessage()));
    }

    public int count(String sessionId) {
        Watch watch = bySession.get(sessionId);
        return watch == null ? 0 : watch.connections.size();
    }

    public void register(Session session, WebSocketConnection connection) {
        bySession.compute(session.id(), (id, watch) -> {
            Watch w = watch != null ? watch : new Watch();
            w.connections.add(connection);
            if (w.timerId < 0) {
                schedule(id, w, session.expiresAt());
            }
            return w;
        });
    }

    public void unregister(String sessionId, WebSocketConnection connection) {
        bySession.computeIfPresent(sessionId, (id, watch) -> {
            watch.connections.remove(connection);
            if (!watch.connections.isEmpty()) {
                return watch;
            }
            vertx.cancelTimer(watch.timerId);
            return null;
        });
    }

    public int openConnections() {
        return bySession.values().stream().mapToInt(w -> w.connections.size()).sum();
    }

    private void schedule(String sessionId, Watch watch, Instant expiresAt) {
        long delay = Math.max(1, Duration.between(clock.instant(), expiresAt).plus(EXPIRY_GRACE).toMillis());
        watch.timerId = vertx.setTimer(delay, id -> recheck(sessionId));
    }

    private void recheck(String sessionId) {
        sessions.find(sessionId).subscribe().with(session -> {
            if (session == null) {
                closeAll(sessionId);
                return;
            }
            bySession.computeIfPresent(sessionId, (id, watch) -> {
                schedule(id, watch, session.expiresAt());
                return watch;
            });
        }, failure -> bySession.computeIfPresent(sessionId, (id, watch) -> {
            // The store did not answer: look again a little later rather than drop a live session.
            schedule(id, watch, clock.instant().plusSeconds(1));
            return watch;
        }));
    }

    private void closeAll(String sessionId) {
        Watch watch = bySession.get(sessionId);
        if (watch != null) {
            watch.connections.forEach(c -> close(c, ChatExchange.SESSION_ENDED));
        }
    }

    static void close(WebSocketConnection connection, CloseReason reason) {
        if (connection.isOpen()) {
            connection.close(reason).subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Graceful shutdown: every socket is told the server is going away (1001). */
    void onShutdown(@Observes ShutdownEvent event) {
        List<Uni<Void>> closing = bySession.values().stream()
                .flatMap(w -> w.connections.stream())
                .filter(WebSocketConnection::isOpen)
                .map(c -> c.close(GOING_AWAY).onFailure().recoverWithNull())
                .toList();
        if (!closing.isEmpty()) {
            Uni.join().all(closing).andCollectFailures().await().atMost(Duration.ofSeconds(5));
        }
    }
}

package io.dx0.session.chat.socket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.dx0.session.chat.OpenSockets;
import io.dx0.session.session.Session;
import io.dx0.session.session.Sessions;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
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
public class ChatConnections implements OpenSockets {

    private static final Logger LOG = Logger.getLogger(ChatConnections.class);
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down");
    /** The longest shutdown waits for the 1001 close frames to be written, inside the shutdown delay. */
    private static final Duration GOING_AWAY_WAIT = Duration.ofSeconds(5);
    /** Past the expiry before re-reading, so a session is never judged an instant before its end. */
    private static final Duration EXPIRY_GRACE = Duration.ofMillis(20);

    private final ConcurrentHashMap<String, Watch> bySession = new ConcurrentHashMap<>();
    private final Sessions sessions;
    private final Vertx vertx;
    private final Clock clock;

    /** Upgrades permitted but not yet opened give their place back after this long. */
    private static final Duration RESERVATION_TTL = Duration.ofSeconds(10);

    /** The sockets of one session, places reserved by permitted upgrades, and the expiry timer. */
    private static final class Watch {
        final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
        final Set<Long> reservations = ConcurrentHashMap.newKeySet();
        long timerId = -1;
        /** The session ended while an upgrade held a reservation: that socket closes as it registers. */
        volatile boolean ended;

        boolean isEmpty() {
            return connections.isEmpty() && reservations.isEmpty();
        }
    }

    private final AtomicLong reservationIds = new AtomicLong();

    ChatConnections(Sessions sessions, Vertx vertx, Clock clock) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.clock = clock;
        sessions.endedSessions().subscribe().with(this::closeAll,
                failure -> LOG.errorf("Ended-session announcements stopped: %s", failure.getMessage()));
    }

    /**
     * Takes one of the session's {@code max} places for a permitted upgrade, atomically, so
     * concurrent upgrades cannot exceed the cap. Empty when the session has no place left.
     */
    public Optional<Long> reserve(String sessionId, int max) {
        long reservation = reservationIds.incrementAndGet();
        Watch watch = bySession.compute(sessionId, (id, w) -> {
            Watch current = w != null ? w : new Watch();
            if (current.connections.size() + current.reservations.size() < max) {
                current.reservations.add(reservation);
            }
            return current;
        });
        if (!watch.reservations.contains(reservation)) {
            release(sessionId, null, reservation);
            return Optional.empty();
        }
        vertx.setTimer(RESERVATION_TTL.toMillis(), id -> release(sessionId, null, reservation));
        return Optional.of(reservation);
    }

    /** The upgrade went through: the reserved place becomes this socket's. */
    public void register(Session session, long reservation, WebSocketConnection connection) {
        Watch registered = bySession.compute(session.id(), (id, watch) -> {
            Watch w = watch != null ? watch : new Watch();
            w.reservations.remove(reservation);
            w.connections.add(connection);
            if (w.timerId < 0) {
                schedule(id, w, session.expiresAt());
            }
            return w;
        });
        // the session ended between the upgrade's check and this socket's opening: announced before the
        // socket could be found, so it is closed now rather than at its first message
        if (registered.ended) {
            close(connection, ChatExchange.SESSION_ENDED);
        }
    }

    public void unregister(String sessionId, WebSocketConnection connection) {
        release(sessionId, connection, null);
    }

    private void release(String sessionId, WebSocketConnection connection, Long reservation) {
        bySession.computeIfPresent(sessionId, (id, watch) -> {
            if (connection != null) {
                watch.connections.remove(connection);
            }
            if (reservation != null) {
                watch.reservations.remove(reservation);
            }
            if (!watch.isEmpty()) {
                return watch;
            }
            vertx.cancelTimer(watch.timerId);
            return null;
        });
    }

    @Override
    public int of(String sessionId) {
        Watch watch = bySession.get(sessionId);
        return watch == null ? 0 : watch.connections.size();
    }

    @Override
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
            watch.ended = true;
            watch.connections.forEach(c -> close(c, ChatExchange.SESSION_ENDED));
        }
    }

    static void close(WebSocketConnection connection, CloseReason reason) {
        if (connection.isOpen()) {
            connection.close(reason).subscribe().with(ok -> {}, failure -> {});
        }
    }

    /**
     * Graceful shutdown: at the start of the shutdown delay (readiness is DOWN from then on), before
     * the HTTP server stops, every socket is told the server is going away (1001).
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        List<Uni<Void>> closing = bySession.values().stream()
                .flatMap(w -> w.connections.stream())
                .filter(WebSocketConnection::isOpen)
                .map(c -> c.close(GOING_AWAY).onFailure().recoverWithNull())
                .toList();
        if (!closing.isEmpty()) {
            LOG.infof("Shutting down: closing %d WebSocket connections with 1001", closing.size());
            Uni.join().all(closing).andCollectFailures().await().atMost(GOING_AWAY_WAIT);
        }
    }
}

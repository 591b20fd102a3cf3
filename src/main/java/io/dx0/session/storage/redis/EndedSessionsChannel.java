package io.dx0.session.storage.redis;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cross-replica announcement of ended sessions over plain Redis pub/sub ({@code PUBLISH}, which a
 * cluster forwards to every node; no keyspace notifications, no {@code CONFIG SET}). The
 * subscription uses its own connection, opened on first use and re-opened after any loss.
 * <p>
 * Its lock guards its own fields only; the connection is never called while it is held. The Redis client
 * reports a connection's end from inside that connection's lock, and closing a connection takes the
 * same lock: calling out under our lock deadlocked a shutdown against a connection ending at that moment.
 */
final class EndedSessionsChannel {

    private static final Logger LOG = Logger.getLogger(EndedSessionsChannel.class);
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

    private final Vertx vertx;
    private final Redis redis;
    private final String channel;
    private final BroadcastProcessor<String> ended = BroadcastProcessor.create();
    private RedisConnection connection;
    private boolean started;
    private boolean closed;

    EndedSessionsChannel(Vertx vertx, Redis redis, String channel) {
        this.vertx = vertx;
        this.redis = redis;
        this.channel = channel;
    }

    Uni<Response> publish(String sessionId) {
        return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(sessionId));
    }

    Multi<String> stream() {
        boolean first;
        synchronized (this) {
            first = !started;
            started = true;
        }
        if (first) {
            connect();
        }
        return ended;
    }

    /** Closes the subscription's connection and stops reconnecting. */
    void close() {
        RedisConnection open;
        synchronized (this) {
            closed = true;
            open = connection;
            connection = null;
        }
        if (open != null) {
            quietlyClose(open);
        }
        synchronized (ended) {
            ended.onComplete();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void connect() {
        if (!isClosed()) {
            redis.connect().subscribe().with(this::subscribe, failure -> retry(null, failure));
        }
    }

    private void subscribe(RedisConnection conn) {
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                connection = conn;
            }
        }
        if (!keep) {
            quietlyClose(conn);
            return;
        }
        conn.handler(this::onPush);
        conn.exceptionHandler(failure -> retry(conn, failure));
        conn.endHandler(() -> retry(conn, null));
        conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
                .subscribe().with(ok -> LOG.debugf("Subscribed to %s", channel), failure -> retry(conn, failure));
    }

    /** A RESP2 push: {@code ["message", channel, payload]}. */
    private void onPush(Response push) {
        if (push.size() == 3 && "message".equals(push.get(0).toString())) {
            synchronized (ended) {
                ended.onNext(push.get(2).toString());
            }
        }
    }

    /** Reconnects once per lost connection, after a short delay. */
    private void retry(RedisConnection lost, Throwable failure) {
        synchronized (this) {
            if (closed || (lost != null && lost != connection)) {
                return;
            }
            connection = null;
        }
        if (lost != null) {
            quietlyClose(lost);
        }
        LOG.debugf("Subscription to %s lost (%s); reconnecting", channel, failure == null ? "closed" : failure.getMessage());
        vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> connect());
    }

    private static void quietlyClose(RedisConnection connection) {
        connection.close().subscribe().with(x -> {}, x -> {});
    }
}

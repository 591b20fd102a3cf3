package io.dx0.session.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;

class EndedSessionsChannelTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    /**
     * The Redis client reports a connection's end from inside the connection's own lock, and closing a
     * connection takes that lock. Seen at a test's shutdown (the JVM hung 24 min): close() held the
     * channel's lock while it closed the connection, as the event loop, holding the connection's lock,
     * reported the end into the channel. The channel must not call the connection while it holds its lock.
     */
    @Test
    void closingWhileTheConnectionReportsItsEndDoesNotDeadlock() throws Exception {
        Object connectionLock = new Object();
        AtomicReference<Handler<Void>> endHandler = new AtomicReference<>();
        RedisConnection connection = (RedisConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { RedisConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "endHandler" -> {
                        endHandler.set(cast(args[0]));
                        yield proxy;
                    }
                    case "handler", "exceptionHandler", "pause", "resume", "fetch" -> proxy;
                    case "send" -> answer(proxy, args, null);
                    case "close" -> {
                        synchronized (connectionLock) {
                            yield answer(proxy, args, null);
                        }
                    }
                    case "pendingQueueFull" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        io.vertx.redis.client.Redis client = (io.vertx.redis.client.Redis) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { io.vertx.redis.client.Redis.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "connect" -> answer(proxy, args, connection);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        EndedSessionsChannel channel = new EndedSessionsChannel(vertx, Redis.newInstance(client), "ended");
        channel.stream();
        assertThat(endHandler.get()).as("subscribed on the connection").isNotNull();

        CountDownLatch endReported = new CountDownLatch(1);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread closing = new Thread(() -> {
            channel.close();
            closed.complete(null);
        });
        Thread eventLoop = new Thread(() -> {
            synchronized (connectionLock) {
                closing.start();
                // the closing thread is now waiting for the connection's lock
                while (closing.getState() != Thread.State.BLOCKED && !closed.isDone()) {
                    Thread.onSpinWait();
                }
                endHandler.get().handle(null);
            }
            endReported.countDown();
        });
        eventLoop.setDaemon(true);
        closing.setDaemon(true);
        eventLoop.start();

        assertThat(endReported.await(5, TimeUnit.SECONDS)).as("the end reported").isTrue();
        closed.get(5, TimeUnit.SECONDS);
    }

    /** The Mutiny API calls the callback forms: the result goes to the handler given last, else it is returned. */
    private static Object answer(Object proxy, Object[] args, Object result) {
        if (args != null && args.length > 0 && args[args.length - 1] instanceof Handler<?> handler) {
            EndedSessionsChannelTest.<Handler<AsyncResult<Object>>> cast(handler).handle(Future.succeededFuture(result));
            return proxy;
        }
        return Future.succeededFuture(result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}

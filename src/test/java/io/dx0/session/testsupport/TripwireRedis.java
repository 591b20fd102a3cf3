package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A port posing as Redis that only counts connections: the Redis client is pointed at it while
 * another backend is chosen, so a test can prove the client never connects.
 */
public class TripwireRedis implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private ServerSocket socket;

    public static int connections() {
        return CONNECTIONS.get();
    }

    @Override
    public Map<String, String> start() {
        try {
            socket = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tripwire-redis");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void stop() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

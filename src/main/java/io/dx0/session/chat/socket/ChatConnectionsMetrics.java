package io.dx0.session.chat.socket;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code dx0.websocket.connections}: the chat sockets open on this replica. Bound by Quarkus like
 * any {@link MeterBinder} bean, so the metrics package needs nothing from this one.
 */
@ApplicationScoped
public class ChatConnectionsMetrics implements MeterBinder {

    private final ChatConnections connections;
    private MeterRegistry registry;
    private Gauge gauge;

    ChatConnectionsMetrics(ChatConnections connections) {
        this.connections = connections;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        // held strongly: a weakly held proxy would be collected and the gauge read NaN
        this.gauge = Gauge.builder("dx0.websocket.connections", connections, ChatConnections::openConnections)
                .description("Open chat WebSocket connections on this replica")
                .strongReference(true)
                .register(registry);
    }

    /** A registry that outlives this application (several starts in one JVM) must not call into it. */
    @PreDestroy
    void remove() {
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}

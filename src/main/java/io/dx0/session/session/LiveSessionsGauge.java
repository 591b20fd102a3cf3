package io.dx0.session.session;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code dx0.sessions.live}: the live sessions in the store (all replicas), counted every 15 s; registered at
 * start-up, so a scrape finds it before its first count.
 */
@Startup
@ApplicationScoped
public class LiveSessionsGauge {

    private final MeterRegistry registry;
    private final Sessions sessions;
    private final AtomicLong liveSessions = new AtomicLong();
    private final Gauge gauge;

    LiveSessionsGauge(MeterRegistry registry, Sessions sessions) {
        this.registry = registry;
        this.sessions = sessions;
        // Gauges hold their object weakly by default: the injected proxy would be collected and read NaN.
        gauge = Gauge.builder("dx0.sessions.live", liveSessions, AtomicLong::get)
                .description("Live sessions in the store (all replicas), refreshed every 15 s")
                .strongReference(true)
                .register(registry);
    }

    /**
     * The gauge reads a bean of this application; a registry that outlives it (several Quarkus starts in
     * one JVM, as in the tests) would otherwise keep calling into a stopped container.
     */
    @PreDestroy
    void remove() {
        registry.remove(gauge);
    }

    @Scheduled(every = "15s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        sessions.countLive().subscribe().with(liveSessions::set, failure -> {});
    }
}

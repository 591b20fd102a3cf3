package io.dx0.session.storage.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.dx0.session.admin.Replicas;
import io.smallrye.mutiny.Uni;

/** Replica reports in memory: replica → {sockets, kept until}. */
final class MemoryReplicas implements Replicas {

    private final ConcurrentHashMap<String, long[]> replicas = new ConcurrentHashMap<>();
    private final Clock clock;

    MemoryReplicas(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return Uni.createFrom().item(() -> {
            replicas.put(replica, new long[] { sockets, clock.millis() + keptFor.toMillis() });
            return null;
        });
    }

    @Override
    public Uni<Map<String, Integer>> reported() {
        return Uni.createFrom().item(() -> {
            long now = clock.millis();
            replicas.values().removeIf(report -> report[1] <= now);
            Map<String, Integer> found = new TreeMap<>();
            replicas.forEach((replica, report) -> found.put(replica, (int) report[0]));
            return found;
        });
    }
}

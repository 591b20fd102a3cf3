package io.dx0.session.storage.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.LoginGates;
import io.dx0.session.login.Settlement;
import io.dx0.session.storage.StoreFullException;
import io.smallrye.mutiny.Uni;

/**
 * Login gates in memory: one {@link FailureLog} per key, each with its own lock. Bounded by the same
 * figure as sessions, so guessing names cannot grow it without end.
 */
final class MemoryLoginGates implements LoginGates {

    private final ConcurrentHashMap<String, FailureLog> failures = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    MemoryLoginGates(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return Uni.createFrom().item(() -> {
            while (true) {
                GateDecision decision = failureLog(key).admit(clock.millis(), rule, attemptId);
                if (decision != null) {
                    return decision;
                }
                failures.remove(key);
            }
        });
    }

    @Override
    public Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return Uni.createFrom().item(() -> {
            if (settlement != Settlement.FAILED) {
                // nothing to record: a key with no log holds no place either, so none is made for it
                FailureLog log = failures.get(key);
                if (log != null) {
                    log.settle(clock.millis(), rule, attemptId, settlement, tag);
                }
                return null;
            }
            while (!failureLog(key).settle(clock.millis(), rule, attemptId, settlement, tag)) {
                failures.remove(key);
            }
            return null;
        });
    }

    @Override
    public Uni<FailureCount> failures(String key, Duration window) {
        return Uni.createFrom().item(() -> {
            FailureLog log = failures.get(key);
            return log == null ? FailureCount.NONE : log.count(clock.millis(), window.toMillis());
        });
    }

    @Override
    public Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return Uni.createFrom().item(() -> {
            long now = clock.millis();
            List<FailingGate> found = new ArrayList<>();
            failures.forEach((key, log) -> {
                FailingGate gate = key.startsWith(kind) ? log.failing(key, now, window.toMillis()) : null;
                if (gate != null && gate.count() >= atLeast) {
                    found.add(gate);
                }
            });
            found.sort(Comparator.comparingLong(FailingGate::newestAgeMillis));
            return List.copyOf(found.subList(0, Math.min(max, found.size())));
        });
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return Uni.createFrom().item(() -> {
            failures.remove(key);
            return null;
        });
    }

    /** Retires the logs found empty, each under its own lock. */
    void purge(long now) {
        failures.forEach((key, log) -> {
            if (log.retireIfEmpty(now)) {
                failures.remove(key, log);
            }
        });
    }

    int heldKeys() {
        return failures.size();
    }

    private FailureLog failureLog(String key) {
        FailureLog log = failures.get(key);
        if (log != null) {
            return log;
        }
        if (failures.size() >= capacity) {
            purge(clock.millis());
            if (failures.size() >= capacity) {
                throw new StoreFullException(capacity);
            }
        }
        return failures.computeIfAbsent(key, k -> new FailureLog());
    }
}

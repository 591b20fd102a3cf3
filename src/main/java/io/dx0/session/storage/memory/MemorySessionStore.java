package io.dx0.session.storage.memory;

import java.time.Clock;

import io.dx0.session.storage.backend.BackendStore;
import io.dx0.session.storage.backend.SessionPolicy;
import io.smallrye.mutiny.Uni;

/**
 * The bounded in-process backend, one adapter per capability. Each session and each failure key has its
 * own lock ({@link SessionEntry}, {@link FailureLog}); work is short and non-blocking, so it runs on the
 * caller's thread.
 */
public final class MemorySessionStore extends BackendStore {

    private final String name;
    private final Clock clock;
    private final SessionTable table;
    private final MemoryLoginGates gates;
    private final MemoryDatedMarks marks;

    public MemorySessionStore(SessionPolicy policy, int capacity, Clock clock) {
        this("memory", policy, capacity, clock);
    }

    /** {@code name} is what readiness reports, e.g. when standing in for an unreachable backend. */
    public MemorySessionStore(String name, SessionPolicy policy, int capacity, Clock clock) {
        this(name, clock, new SessionTable(policy, capacity, clock), new MemoryLoginGates(capacity, clock),
                new MemoryDatedMarks(clock));
    }

    private MemorySessionStore(String name, Clock clock, SessionTable table, MemoryLoginGates gates,
            MemoryDatedMarks marks) {
        super(new MemorySessions(table), new MemorySessionUses(table), gates, marks, new MemoryBudgets(table),
                new MemorySecurityEvents(clock), new MemoryReplicas(clock));
        this.name = name;
        this.clock = clock;
        this.table = table;
        this.gates = gates;
        this.marks = marks;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<Void> ping() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().item(() -> {
            long now = clock.millis();
            gates.purge(now);
            marks.purge(now);
            return table.purge(now);
        });
    }

    /**
     * Keys held in every map of this store (sessions, each user's set of sessions, failure logs,
     * device revocations): what the purge brings back to zero once everything in them has expired.
     */
    int heldKeys() {
        return table.heldKeys() + gates.heldKeys() + marks.heldKeys();
    }
}

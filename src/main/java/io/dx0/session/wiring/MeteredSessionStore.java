package io.dx0.session.wiring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.dx0.session.domain.Budget;
import io.dx0.session.domain.ChargeOutcome;
import io.dx0.session.domain.FailureCount;
import io.dx0.session.domain.GateDecision;
import io.dx0.session.domain.GateRule;
import io.dx0.session.domain.NewSession;
import io.dx0.session.domain.Rotation;
import io.dx0.session.domain.Session;
import io.dx0.session.domain.SessionUse;
import io.dx0.session.domain.Settlement;
import io.dx0.session.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Times every call to the backend: histogram {@code dx0.store.operation} tagged with the backend,
 * the operation and {@code outcome=success|error}. Nothing else is tagged (no session id, key or user).
 */
public final class MeteredSessionStore implements SessionStore {

    static final String TIMER = "dx0.store.operation";

    private final SessionStore delegate;
    private final MeterRegistry registry;
    /** Per operation: its success and error timers, made on first use (no string built per call). */
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

    public MeteredSessionStore(SessionStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    private <T> Uni<T> timed(String operation, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.get().onItemOrFailure().invoke((item, failure) -> timer(operation, failure == null)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Timer timer(String operation, boolean success) {
        Timer[] successAndError = timers.computeIfAbsent(operation,
                op -> new Timer[] { register(op, "success"), register(op, "error") });
        return successAndError[success ? 0 : 1];
    }

    private Timer register(String operation, String outcome) {
        return Timer.builder(TIMER)
                .description("Session store calls, by backend, operation and outcome")
                .tag("backend", delegate.name())
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Uni<Session> create(NewSession session) {
        return timed("create", () -> delegate.create(session));
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return timed("touch", () -> delegate.touch(sessionId));
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return timed("find", () -> delegate.find(sessionId));
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return timed("delete", () -> delegate.delete(sessionId));
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return timed("list_by_username", () -> delegate.listByUsername(username));
    }

    @Override
    public Uni<Long> countLive() {
        return timed("count_live", delegate::countLive);
    }

    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return timed("end_oldest", () -> delegate.endOldest(username, keep, opened));
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return timed("rotate_refresh", () -> delegate.rotateRefresh(sessionId, presentedHash, newHash, reuseLeeway));
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return timed(record ? "use" : "use_peek", () -> delegate.use(sessionId, limit, window, record));
    }

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return timed("gate_admit", () -> delegate.admit(key, rule, attemptId));
    }

    @Override
    public Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return timed("gate_settle", () -> delegate.settle(key, rule, attemptId, settlement, tag));
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return timed("mark", () -> delegate.mark(key, atMillis, keptFor));
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return timed("marked_at", () -> delegate.markedAt(key));
    }

    @Override
    public Uni<FailureCount> failures(String key, Duration window) {
        return timed("failures", () -> delegate.failures(key, window));
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return timed("clear_failures", () -> delegate.clearFailures(key));
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return timed("charge", () -> delegate.charge(sessionId, amount, orderedItem, idempotencyKey));
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return timed("set_budget_limit", () -> delegate.setBudgetLimit(sessionId, limit));
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return timed("lower_budget_limit", () -> delegate.lowerBudgetLimit(sessionId, limit));
    }

    @Override
    public Multi<String> endedSessions() {
        return delegate.endedSessions();
    }

    @Override
    public Uni<Void> ping() {
        return timed("ping", delegate::ping);
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return timed("purge_expired", delegate::purgeExpired);
    }
}

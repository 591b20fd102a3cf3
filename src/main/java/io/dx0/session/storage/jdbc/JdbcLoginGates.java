package io.dx0.session.storage.jdbc;

import java.time.Duration;
import java.util.List;

import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.LoginGates;
import io.dx0.session.login.Settlement;
import io.smallrye.mutiny.Uni;

/** Login gates in SQL: each call one transaction over the gate's rows ({@link FailureLogs}). */
final class JdbcLoginGates implements LoginGates {

    private final JdbcCalls calls;
    private final FailureLogs logs;

    JdbcLoginGates(JdbcCalls calls) {
        this.calls = calls;
        this.logs = new FailureLogs(calls.db.dialect());
    }

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return calls.tx(c -> logs.admit(c, key, calls.millis(), rule, attemptId));
    }

    @Override
    public Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return calls.tx(c -> {
            logs.settle(c, key, calls.millis(), rule, attemptId, settlement, tag);
            return null;
        });
    }

    @Override
    public Uni<FailureCount> failures(String key, Duration window) {
        return calls.tx(c -> logs.count(c, key, calls.millis(), window.toMillis()));
    }

    @Override
    public Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return calls.tx(c -> logs.failing(c, kind, atLeast, calls.millis(), window.toMillis(), max));
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return calls.tx(c -> {
            logs.clear(c, key);
            return null;
        });
    }
}

package io.dx0.session.storage.backend;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dx0.session.admin.Replicas;
import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.audit.SecurityEvents;
import io.dx0.session.chat.Budgets;
import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.chat.SessionUse;
import io.dx0.session.chat.SessionUses;
import io.dx0.session.login.DatedMarks;
import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.LoginGates;
import io.dx0.session.login.Settlement;
import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.session.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A backend assembled from one adapter per capability: each backend writes its sessions, gates, marks,
 * budgets, events and replica reports in its own small class, and this is the one place that joins
 * them into the {@link SessionStore} the application wires (ADR 0027).
 */
public abstract class BackendStore implements SessionStore {

    private final Sessions sessions;
    private final SessionUses uses;
    private final LoginGates gates;
    private final DatedMarks marks;
    private final Budgets budgets;
    private final SecurityEvents events;
    private final Replicas replicas;

    protected BackendStore(Sessions sessions, SessionUses uses, LoginGates gates, DatedMarks marks, Budgets budgets,
            SecurityEvents events, Replicas replicas) {
        this.sessions = sessions;
        this.uses = uses;
        this.gates = gates;
        this.marks = marks;
        this.budgets = budgets;
        this.events = events;
        this.replicas = replicas;
    }

    @Override
    public final Uni<Session> create(NewSession session) {
        return sessions.create(session);
    }

    @Override
    public final Uni<Session> touch(String sessionId) {
        return sessions.touch(sessionId);
    }

    @Override
    public final Uni<Session> find(String sessionId) {
        return sessions.find(sessionId);
    }

    @Override
    public final Uni<Boolean> delete(String sessionId) {
        return sessions.delete(sessionId);
    }

    @Override
    public final Uni<List<Session>> listByUsername(String username) {
        return sessions.listByUsername(username);
    }

    @Override
    public final Uni<List<Session>> page(SessionQuery query) {
        return sessions.page(query);
    }

    @Override
    public final Uni<Long> countLive() {
        return sessions.countLive();
    }

    @Override
    public final Uni<List<String>> endOldest(String username, int keep, String opened) {
        return sessions.endOldest(username, keep, opened);
    }

    @Override
    public final Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash,
            Duration reuseLeeway) {
        return sessions.rotateRefresh(sessionId, presentedHash, newHash, reuseLeeway);
    }

    @Override
    public final Multi<String> endedSessions() {
        return sessions.endedSessions();
    }

    @Override
    public final Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return uses.use(sessionId, limit, window, record);
    }

    @Override
    public final Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return gates.admit(key, rule, attemptId);
    }

    @Override
    public final Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return gates.settle(key, rule, attemptId, settlement, tag);
    }

    @Override
    public final Uni<FailureCount> failures(String key, Duration window) {
        return gates.failures(key, window);
    }

    @Override
    public final Uni<Void> clearFailures(String key) {
        return gates.clearFailures(key);
    }

    @Override
    public final Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return gates.failing(kind, atLeast, window, max);
    }

    @Override
    public final Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return marks.mark(key, atMillis, keptFor);
    }

    @Override
    public final Uni<Long> markedAt(String key) {
        return marks.markedAt(key);
    }

    @Override
    public final Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return budgets.charge(sessionId, amount, orderedItem, idempotencyKey);
    }

    @Override
    public final Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return budgets.setBudgetLimit(sessionId, limit);
    }

    @Override
    public final Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return budgets.lowerBudgetLimit(sessionId, limit);
    }

    @Override
    public final Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        return events.keep(event, shelf, keptFor, maxKept);
    }

    @Override
    public final Uni<EventPage> recent(EventQuery query) {
        return events.recent(query);
    }

    @Override
    public final Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return replicas.report(replica, sockets, keptFor);
    }

    @Override
    public final Uni<Map<String, Integer>> reported() {
        return replicas.reported();
    }
}

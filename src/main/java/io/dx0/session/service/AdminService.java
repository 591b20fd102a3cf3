package io.dx0.session.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.audit.SecurityLog;
import io.dx0.session.credentials.DeviceTokens;
import io.dx0.session.domain.Budget;
import io.dx0.session.domain.Money;
import io.dx0.session.domain.Session;
import io.dx0.session.store.Budgets;
import io.dx0.session.store.DatedMarks;
import io.dx0.session.store.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Operator actions. Each is a security event naming the admin who did it ({@code actor}); none logs a secret. */
@ApplicationScoped
public class AdminService {

    private final Sessions sessions;
    private final DatedMarks marks;
    private final Budgets budgets;
    private final LoginGuard guard;
    private final DeviceTokens devices;
    private final Clock clock;
    private final SecurityLog audit;

    AdminService(Sessions sessions, DatedMarks marks, Budgets budgets, LoginGuard guard, DeviceTokens devices, Clock clock,
            SecurityLog audit) {
        this.sessions = sessions;
        this.marks = marks;
        this.budgets = budgets;
        this.guard = guard;
        this.devices = devices;
        this.clock = clock;
        this.audit = audit;
    }

    /** A session not of group admin was refused an admin action (403): logged. */
    public void denied(Session session) {
        audit.event(SecurityEvent.ADMIN_DENIED).user(session.username()).session(session.id()).log();
    }

    public Uni<List<Session>> sessionsOf(Session admin, String username) {
        return sessions.listByUsername(username)
                .invoke(found -> audit.event(SecurityEvent.ADMIN_SESSIONS_LISTED).actor(admin.username())
                        .user(username).count(found.size()).log());
    }

    public Uni<Boolean> revoke(Session admin, String sessionId) {
        return sessions.delete(sessionId)
                .invoke(revoked -> audit.event(SecurityEvent.SESSION_REVOKED).actor(admin.username()).session(sessionId)
                        .reason(revoked ? "ended" : "not_live").log());
    }

    /** Ends every live session of a user; the number ended. */
    public Uni<Integer> revokeAll(Session admin, String username) {
        return sessions.listByUsername(username)
                .onItem().transformToMulti(sessions -> Multi.createFrom().iterable(sessions))
                .onItem().transformToUniAndMerge(s -> sessions.delete(s.id()))
                .filter(Boolean::booleanValue)
                .collect().asList()
                .map(List::size)
                .invoke(n -> audit.event(SecurityEvent.ADMIN_USER_REVOKED).actor(admin.username()).user(username)
                        .count(n).log());
    }

    /** Device tokens of the user's account issued until now stop counting as the user's devices. */
    public Uni<Void> revokeDevices(Session admin, String username) {
        return marks.mark(LoginGuard.accountKey(username), clock.millis(), devices.ttl())
                .invoke(() -> audit.event(SecurityEvent.ADMIN_DEVICES_REVOKED).actor(admin.username()).user(username)
                        .log());
    }

    public Uni<Void> clearLockout(Session admin, String clientIp) {
        return guard.clear(clientIp)
                .invoke(() -> audit.event(SecurityEvent.ADMIN_LOCKOUT_CLEARED).actor(admin.username()).client(clientIp)
                        .log());
    }

    /** Null when the session is gone. */
    public Uni<Budget> setBudgetLimit(Session admin, String sessionId, Long limit) {
        return budgets.setBudgetLimit(sessionId, limit)
                .invoke(b -> audit.event(SecurityEvent.ADMIN_BUDGET_SET).actor(admin.username()).session(sessionId)
                        .limit(limit == null ? "unlimited" : Money.fromMinor(limit).toPlainString())
                        .reason(b == null ? "not_live" : "set").log());
    }
}

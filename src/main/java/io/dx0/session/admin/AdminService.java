package io.dx0.session.admin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.audit.LogSafe;
import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.audit.SecurityEvents;
import io.dx0.session.audit.SecurityLog;
import io.dx0.session.chat.Budgets;
import io.dx0.session.login.DeviceRevocations;
import io.dx0.session.login.GateKeys;
import io.dx0.session.login.LoginLockouts;
import io.dx0.session.session.Budget;
import io.dx0.session.session.Money;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.session.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Operator actions. Each is a security event naming the admin who did it ({@code actor}); none logs a secret. */
@ApplicationScoped
public class AdminService {

    private final Sessions sessions;
    private final DeviceRevocations revocations;
    private final Budgets budgets;
    private final SecurityEvents events;
    private final Replicas replicas;
    private final LoginLockouts guard;
    private final Clock clock;
    private final SecurityLog audit;
    /** The most kept login events one overview reads. */
    private static final int OVERVIEW_EVENTS = 5_000;
    /** The most closed gates of each kind (addresses, accounts, places) one lockout list shows. */
    private static final int LOCKOUTS_LISTED = 500;

    AdminService(Sessions sessions, DeviceRevocations revocations, Budgets budgets, SecurityEvents events, Replicas replicas,
            LoginLockouts guard,
            Clock clock,
            SecurityLog audit) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.budgets = budgets;
        this.events = events;
        this.replicas = replicas;
        this.guard = guard;
        this.clock = clock;
        this.audit = audit;
    }

    /** A session not of group admin was refused an admin action (403): logged. */
    public void denied(Session session) {
        audit.event(SecurityEvent.ADMIN_DENIED).user(session.username()).session(session.id()).log();
    }

    /** A live session, without counting as a use, for its export; null when there is none. */
    public Uni<Session> session(Session admin, String sessionId) {
        return sessions.find(sessionId).invoke(found -> audit.event(SecurityEvent.ADMIN_SESSIONS_LISTED)
                .actor(admin.username()).session(sessionId).reason("fhir_export").log());
    }

    public Uni<List<Session>> sessionsOf(Session admin, String username) {
        return sessions.listByUsername(username)
                .invoke(found -> audit.event(SecurityEvent.ADMIN_SESSIONS_LISTED).actor(admin.username())
                        .user(username).count(found.size()).log());
    }

    /** Every login gate closed now, read from the gates of every replica. */
    public Uni<LoginLockouts.Lockouts> lockouts(Session admin) {
        return guard.lockouts(LOCKOUTS_LISTED).invoke(found -> audit.event(SecurityEvent.ADMIN_EVENTS_READ)
                .actor(admin.username()).reason("lockouts").log());
    }

    /**
     * Ends an account's back-off, also where it was counted apart at a familiar place: the places are the
     * addresses of its kept failures within the longer lockout window.
     */
    public Uni<Void> clearAccountLockout(Session admin, String username) {
        long since = clock.millis() - guard.failureMemory().toMillis();
        return events.recent(new EventQuery(LogSafe.escape(username), null, SecurityEvent.LOGIN_FAILURE.code(), since, null,
                OVERVIEW_EVENTS))
                .map(failures -> failures.events().stream().map(KeptEvent::address).filter(Objects::nonNull).toList())
                .chain(places -> guard.clearAccount(username, places))
                .invoke(() -> audit.event(SecurityEvent.ADMIN_LOCKOUT_CLEARED).actor(admin.username()).user(username)
                        .scope("account").log());
    }

    /** A page of every live session, newest first, by username prefix and group (each optional). */
    public Uni<List<Session>> sessions(Session admin, SessionQuery query) {
        return sessions.page(query).invoke(found -> audit.event(SecurityEvent.ADMIN_SESSIONS_LISTED)
                .actor(admin.username()).reason("page").count(found.size()).log());
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
        return revocations.revokeAll(GateKeys.account(username))
                .invoke(() -> audit.event(SecurityEvent.ADMIN_DEVICES_REVOKED).actor(admin.username()).user(username)
                        .log());
    }

    public Uni<Void> clearLockout(Session admin, String clientIp) {
        return guard.clear(clientIp)
                .invoke(() -> audit.event(SecurityEvent.ADMIN_LOCKOUT_CLEARED).actor(admin.username()).client(clientIp)
                        .log());
    }

    /**
     * The kept security events matching the filters (each optional), newest first, read across
     * replicas. {@code user} is matched as the log wrote it (escaped); {@code type} is a code or a
     * family such as {@code login.}.
     */
    public Uni<EventPage> events(Session admin, String user, String address, String type, long sinceMillis,
            String before, int limit) {
        EventQuery query = new EventQuery(user == null ? null : LogSafe.escape(user), address, type, sinceMillis, before,
                limit);
        return events.recent(query).invoke(found -> audit.event(SecurityEvent.ADMIN_EVENTS_READ)
                .actor(admin.username()).reason("events").log());
    }

    /**
     * What an operator sees first: live sessions and open sockets (every replica's last report), and
     * the logins of the last {@code minutes} by outcome, counted from the kept events of every replica.
     */
    public Uni<Overview> overview(Session admin, int minutes) {
        long since = clock.millis() - minutes * 60_000L;
        return Uni.combine().all()
                .unis(sessions.countLive(),
                        events.recent(new EventQuery(null, null, "login.", since, null, OVERVIEW_EVENTS)),
                        replicas.reported())
                .asTuple()
                .map(counts -> {
                    Map<String, Long> logins = new TreeMap<>();
                    EventPage read = counts.getItem2();
                    read.events().forEach(e -> logins.merge(e.type(), repeatsOf(e), Long::sum));
                    return new Overview(counts.getItem1(), counts.getItem3(), minutes, logins,
                            read.events().size() == OVERVIEW_EVENTS || read.stoppedShort());
                })
                .invoke(() -> audit.event(SecurityEvent.ADMIN_EVENTS_READ).actor(admin.username()).reason("overview")
                        .log());
    }

    /** A summary line stands for the refusals its window counted, each a login. */
    private static long repeatsOf(KeptEvent event) {
        String repeated = event.fields().get("repeated");
        return repeated == null ? 1 : Long.parseLong(repeated);
    }

    /**
     * The overview's figures. {@code capped}: more login events than one overview reads happened in the
     * period, so the counts are lower bounds.
     */
    public record Overview(long liveSessions, Map<String, Integer> socketsByReplica, int minutes,
            Map<String, Long> logins, boolean capped) {
    }

    /** Null when the session is gone. */
    public Uni<Budget> setBudgetLimit(Session admin, String sessionId, Long limit) {
        return budgets.setBudgetLimit(sessionId, limit)
                .invoke(b -> audit.event(SecurityEvent.ADMIN_BUDGET_SET).actor(admin.username()).session(sessionId)
                        .limit(limit == null ? "unlimited" : Money.fromMinor(limit).toPlainString())
                        .reason(b == null ? "not_live" : "set").log());
    }
}

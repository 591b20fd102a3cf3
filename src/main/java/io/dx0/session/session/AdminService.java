package io.dx0.session.session;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.dx0.session.auth.DeviceTokens;
import io.dx0.session.store.Budget;
import io.dx0.session.store.Session;
import io.dx0.session.store.SessionStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Operator actions. Each is logged with the admin who did it; none logs a secret. */
@ApplicationScoped
public class AdminService {

    public static final String ADMIN_GROUP = "admin";
    private static final Logger LOG = Logger.getLogger(AdminService.class);

    private final SessionStore store;
    private final LoginGuard guard;
    private final DeviceTokens devices;
    private final Clock clock;

    AdminService(SessionStore store, LoginGuard guard, DeviceTokens devices, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.devices = devices;
        this.clock = clock;
    }

    public static void requireAdmin(Session session) {
        if (!ADMIN_GROUP.equals(session.group())) {
            throw new ForbiddenException("Admin group required");
        }
    }

    public Uni<List<Session>> sessionsOf(Session admin, String username) {
        LOG.infof("admin %s listed the sessions of %s", admin.username(), username);
        return store.listByUsername(username);
    }

    public Uni<Boolean> revoke(Session admin, String sessionId) {
        return store.delete(sessionId)
                .invoke(revoked -> LOG.infof("admin %s revoked session %s (%s)", admin.username(), sessionId,
                        revoked ? "ended" : "not live"));
    }

    /** Ends every live session of a user; the number ended. */
    public Uni<Integer> revokeAll(Session admin, String username) {
        return store.listByUsername(username)
                .onItem().transformToMulti(sessions -> Multi.createFrom().iterable(sessions))
                .onItem().transformToUniAndMerge(s -> store.delete(s.id()))
                .filter(Boolean::booleanValue)
                .collect().asList()
                .map(List::size)
                .invoke(n -> LOG.infof("admin %s revoked all %d sessions of %s", admin.username(), n, username));
    }

    /** Device tokens of the user's account issued until now stop counting as the user's devices. */
    public Uni<Void> revokeDevices(Session admin, String username) {
        return store.revokeDevices(LoginGuard.accountKey(username), clock.millis(), devices.ttl())
                .invoke(() -> LOG.infof("admin %s revoked the device tokens of %s", admin.username(), username));
    }

    public Uni<Void> clearLockout(Session admin, String clientIp) {
        return guard.clear(clientIp)
                .invoke(() -> LOG.infof("admin %s cleared the login lockout of %s", admin.username(), clientIp));
    }

    /** Null when the session is gone. */
    public Uni<Budget> setBudgetLimit(Session admin, String sessionId, Long limit) {
        return store.setBudgetLimit(sessionId, limit)
                .invoke(b -> LOG.infof("admin %s set the budget limit of session %s to %s", admin.username(),
                        sessionId, limit == null ? "unlimited" : limit + " minor units"));
    }
}

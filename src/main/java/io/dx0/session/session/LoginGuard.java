package io.dx0.session.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.store.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Per-client-IP lockout. Each attempt first reserves one of the allowed failures atomically in the
 * store; a successful login gives them all back. So at most {@code max-failures} attempts per window
 * ever reach password hashing, however many arrive at once, and attempts while locked do not
 * extend the lock.
 */
@ApplicationScoped
public class LoginGuard {

    private final SessionStore store;
    private final SessionConfig.Login config;

    LoginGuard(SessionStore store, SessionConfig config) {
        this.store = store;
        this.config = config.login();
    }

    /** Fails with {@link LoginLockedException} when the IP has no attempt left in the window. */
    public Uni<Void> reserveAttempt(String clientIp) {
        return store.recordFailure(key(clientIp), config.window(), config.maxFailures())
                .invoke(count -> {
                    if (!count.recorded()) {
                        throw new LoginLockedException(Math.max(1, (count.retryAfterMillis() + 999) / 1000));
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> succeeded(String clientIp) {
        return store.clearFailures(key(clientIp));
    }

    private static String key(String clientIp) {
        return "ip:" + clientIp;
    }
}

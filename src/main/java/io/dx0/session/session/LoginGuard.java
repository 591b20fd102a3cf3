package io.dx0.session.session;

import java.text.Normalizer;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.metrics.SessionMetrics;
import io.dx0.session.store.FailureCount;
import io.dx0.session.store.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Brute-force defence, decided in the store before any password hashing.
 * <ul>
 * <li>Per client IP, a lockout: each attempt first reserves one of {@code max-failures} per window
 * atomically; so at most that many attempts per window ever reach hashing, however many arrive at
 * once, and attempts while locked do not extend the lock.</li>
 * <li>Per account (case- and Unicode-normalised username, known or not), a growing delay between
 * attempts with a ceiling: a distributed guesser is slowed, nobody can lock a user out for long,
 * and a throttled attempt gets the same answer as a wrong password.</li>
 * </ul>
 * A successful login gives both back.
 */
@ApplicationScoped
public class LoginGuard {

    private final SessionStore store;
    private final SessionConfig.Login config;
    private final SessionMetrics metrics;

    LoginGuard(SessionStore store, SessionConfig config, SessionMetrics metrics) {
        this.store = store;
        this.config = config.login();
        this.metrics = metrics;
    }

    /**
     * Reserves one of the IP's attempts; fails with {@link LoginLockedException} when none is left in
     * the window. The count tells {@link #failed} whether this was the last one.
     */
    public Uni<FailureCount> reserveAttempt(String clientIp) {
        return store.recordFailure(ipKey(clientIp), config.window(), config.maxFailures())
                .invoke(count -> {
                    if (!count.recorded()) {
                        throw new LoginLockedException(Math.max(1, (count.retryAfterMillis() + 999) / 1000));
                    }
                });
    }

    /** A reserved attempt failed: when it was the IP's last one, a lockout begins. */
    public void failed(FailureCount reserved) {
        if (reserved.count() >= config.maxFailures()) {
            metrics.lockout("ip");
        }
    }

    /** True when the account may be tried now (the attempt is then counted); false while it is throttled. */
    public Uni<Boolean> reserveAccountAttempt(String username) {
        return store.recordFailureWithBackoff(accountKey(username), config.accountFailureReset(),
                config.accountDelay(), config.accountMaxDelay())
                .map(count -> {
                    if (!count.recorded()) {
                        metrics.lockout("account");
                    }
                    return count.recorded();
                });
    }

    public Uni<Void> succeeded(String clientIp, String username) {
        return Uni.combine().all().unis(clear(clientIp), store.clearFailures(accountKey(username))).discardItems();
    }

    /** Forgets an IP's failures, ending its lockout. */
    public Uni<Void> clear(String clientIp) {
        return store.clearFailures(ipKey(clientIp));
    }

    private static String ipKey(String clientIp) {
        return "ip:" + clientIp;
    }

    /** {@code Bob}, {@code bob } and {@code ｂｏｂ} are one account for counting. */
    static String accountKey(String username) {
        return "user:" + Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}

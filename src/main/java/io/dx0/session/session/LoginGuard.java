package io.dx0.session.session;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.metrics.SessionMetrics;
import io.dx0.session.metrics.SessionMetrics.LoginScope;
import io.dx0.session.store.GateDecision;
import io.dx0.session.store.GateRule;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.Settlement;
import io.dx0.session.support.Offload;
import io.smallrye.mutiny.Uni;

/**
 * Brute-force defence, decided in the store before any password is checked, counting failures only
 * (a wrong password or an unknown user), never attempts. Two gates stand before each check:
 * <ul>
 * <li>the client address: locked for the rest of the window once {@code max-failures} failures from it
 * are in the window;</li>
 * <li>the account (case- and Unicode-normalised name, known or not) with a growing delay once
 * {@code account-max-failures} failures from anywhere are recorded, or — when the login presents a
 * valid device token of that account — that device alone, so an attacker elsewhere cannot keep the
 * owner out.</li>
 * </ul>
 * Each gate also lets only a few attempts be checked at once ({@code max-in-flight-per-*}, on all
 * replicas together); more wait for a place, so concurrent right logins all get through while
 * concurrent wrong ones can never overshoot a lockout by more than that. A success forgets the
 * failures of that account at that address (not the others'), and the account's or device's own.
 */
@ApplicationScoped
public class LoginGuard {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** First and longest pause between two tries for a place while a gate is busy. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private final SessionStore store;
    private final SessionConfig.Login config;
    private final SessionMetrics metrics;
    private final Clock clock;
    private final GateRule addressRule;
    private final GateRule accountRule;

    LoginGuard(SessionStore store, SessionConfig config, SessionMetrics metrics, Clock clock) {
        this.store = store;
        this.config = config.login();
        this.metrics = metrics;
        this.clock = clock;
        this.addressRule = GateRule.lockout(this.config.window(), this.config.maxFailures(),
                this.config.maxInFlightPerAddress(), this.config.attemptLease());
        this.accountRule = GateRule.backoff(this.config.accountFailureReset(), this.config.accountMaxFailures(),
                this.config.accountDelay(), this.config.accountMaxDelay(), this.config.maxInFlightPerAccount(),
                this.config.attemptLease());
    }

    /**
     * An admitted login: it holds a place at its address gate and at its account (or device) gate
     * until {@link #settle}. {@code checkBy} is when its lease ends: a check not started by then is
     * not made.
     */
    public record Pass(String address, String account, String gate, LoginScope gateScope, String attemptId,
            long checkBy) {
    }

    /**
     * Admits one login, waiting (up to {@code max-wait}) while a gate is busy; fails with
     * {@link LoginLockedException} when a gate is closed by failures, {@link LoginBusyException} when
     * no place was found in time.
     */
    public Uni<Pass> admit(String clientAddress, String username, String deviceId) {
        String account = accountKey(username);
        Pass pass = deviceId == null
                ? new Pass(addressKey(clientAddress), account, account, LoginScope.ACCOUNT, newAttemptId(), 0)
                : new Pass(addressKey(clientAddress), account, "device:" + deviceId, LoginScope.DEVICE,
                        newAttemptId(), 0);
        return admitWaiting(pass, clock.millis() + config.maxWait().toMillis(), FIRST_PAUSE);
    }

    private Uni<Pass> admitWaiting(Pass pass, long giveUpAt, Duration pause) {
        return tryAdmit(pass).chain(admitted -> {
            if (admitted != null) {
                return Uni.createFrom().item(admitted);
            }
            if (clock.millis() + pause.toMillis() > giveUpAt) {
                return Uni.createFrom().failure(new LoginBusyException());
            }
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            return Offload.pause(pause).chain(() -> admitWaiting(pass, giveUpAt, next));
        });
    }

    /** The pass when both gates admitted it; null when one was busy (nothing held then). */
    private Uni<Pass> tryAdmit(Pass pass) {
        long now = clock.millis();
        return store.admit(pass.address(), addressRule, pass.attemptId()).chain(address -> {
            if (address.status() == GateDecision.Status.LOCKED) {
                metrics.lockout(LoginScope.IP);
                return Uni.createFrom().failure(new LoginLockedException(LoginScope.IP, address.retryAfterMillis()));
            }
            if (address.status() == GateDecision.Status.BUSY) {
                return Uni.createFrom().nullItem();
            }
            return store.admit(pass.gate(), accountRule, pass.attemptId()).chain(account -> {
                if (account.status() == GateDecision.Status.ADMITTED) {
                    return Uni.createFrom().item(new Pass(pass.address(), pass.account(), pass.gate(),
                            pass.gateScope(), pass.attemptId(), now + config.attemptLease().toMillis()));
                }
                Uni<Void> withdrawn = store.settle(pass.address(), addressRule, pass.attemptId(),
                        Settlement.WITHDRAWN, null);
                if (account.status() == GateDecision.Status.BUSY) {
                    return withdrawn.replaceWith((Pass) null);
                }
                metrics.lockout(pass.gateScope());
                return withdrawn.chain(() -> Uni.createFrom()
                        .failure(new LoginLockedException(pass.gateScope(), account.retryAfterMillis())));
            });
        });
    }

    /**
     * Gives both places back. A failure is recorded at the address (tagged with the account) and at the
     * account or device gate; a success forgets that account's failures at that address and every
     * failure of its account or device gate. {@code null} means the password was never checked.
     */
    public Uni<Void> settle(Pass pass, Boolean succeeded) {
        Settlement outcome = succeeded == null ? Settlement.WITHDRAWN
                : succeeded ? Settlement.SUCCEEDED : Settlement.FAILED;
        return Uni.combine().all()
                .unis(store.settle(pass.address(), addressRule, pass.attemptId(), outcome, pass.account()),
                        store.settle(pass.gate(), accountRule, pass.attemptId(), outcome, null))
                .discardItems();
    }

    /** Forgets a client address's failures, ending its lockout. */
    public Uni<Void> clear(String clientAddress) {
        return store.clearFailures(addressKey(clientAddress));
    }

    private static String newAttemptId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    static String addressKey(String clientAddress) {
        return "ip:" + clientAddress;
    }

    /** {@code Bob}, {@code bob } and {@code ｂｏｂ} are one account for counting. */
    public static String accountKey(String username) {
        return "user:" + Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}

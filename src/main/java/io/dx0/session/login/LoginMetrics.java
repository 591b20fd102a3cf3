package io.dx0.session.login;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.metrics.Counters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The logins' meters: {@code dx0.logins} by outcome and {@code dx0.login.lockouts} by the gate that refused. */
@ApplicationScoped
public class LoginMetrics {

    /** The login gates: per client address, per account, per device token. */
    public enum LoginScope {
        IP, ACCOUNT, DEVICE
    }

    /** How a login ended, as counted by {@code dx0.logins}. */
    public enum LoginOutcome {
        SUCCESS, INVALID_CREDENTIALS, LOCKED, THROTTLED, BUSY, UNAVAILABLE, ERROR
    }

    private final Map<LoginOutcome, Counter> logins;
    private final Map<LoginScope, Counter> lockouts;

    LoginMetrics(MeterRegistry registry) {
        logins = Counters.byValue(registry, LoginOutcome.class, "dx0.logins", "Login attempts by outcome", "outcome");
        lockouts = Counters.byValue(registry, LoginScope.class, "dx0.login.lockouts",
                "Logins refused before any password check, by the gate that refused them", "scope");
    }

    public void login(LoginOutcome outcome) {
        logins.get(outcome).increment();
    }

    /** A login was refused before its password was checked, by the gate of that scope. */
    public void lockout(LoginScope scope) {
        lockouts.get(scope).increment();
    }
}

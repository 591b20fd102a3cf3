package io.dx0.session.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.domain.ChargeOutcome;
import io.dx0.session.domain.RateDecision;
import io.dx0.session.store.Sessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The service's own meters, published at {@code /q/metrics}. Labels are closed sets of words
 * (outcome, scope, decision): never a token, IP address, username or session id.
 */
@ApplicationScoped
public class SessionMetrics {

    /** The login gates: per client address, per account, per device token. */
    public enum LoginScope {
        IP, ACCOUNT, DEVICE
    }

    /** How a login ended, as counted by {@code dx0.logins}. */
    public enum LoginOutcome {
        SUCCESS, INVALID_CREDENTIALS, LOCKED, THROTTLED, BUSY, UNAVAILABLE, ERROR
    }

    private final MeterRegistry registry;
    private final Sessions sessions;
    private final AtomicLong liveSessions = new AtomicLong();
    private final List<Meter> gauges;
    private final Map<LoginOutcome, Counter> logins;
    private final Map<ChargeOutcome.Status, Counter> charges;
    private final Map<LoginScope, Counter> lockouts;
    private final Counter rateWithin;
    private final Counter rateNear;
    private final Counter rateOver;

    SessionMetrics(MeterRegistry registry, Sessions sessions) {
        this.registry = registry;
        this.sessions = sessions;
        logins = counters(registry, LoginOutcome.class, "dx0.logins", "Login attempts by outcome", "outcome");
        charges = counters(registry, ChargeOutcome.Status.class, "dx0.budget.charges", "Budget charges by outcome",
                "outcome");
        lockouts = counters(registry, LoginScope.class, "dx0.login.lockouts",
                "Logins refused before any password check, by the gate that refused them", "scope");
        String decisions = "Chat rate-limit decisions";
        rateWithin = counter(registry, "dx0.rate_limit.decisions", decisions, "decision", "within");
        rateNear = counter(registry, "dx0.rate_limit.decisions", decisions, "decision", "near_limit");
        rateOver = counter(registry, "dx0.rate_limit.decisions", decisions, "decision", "over");
        // Gauges hold their object weakly by default: the injected proxy would be collected and read NaN.
        gauges = List.of(
                Gauge.builder("dx0.sessions.live", liveSessions, AtomicLong::get)
                        .description("Live sessions in the store (all replicas), refreshed every 15 s")
                        .strongReference(true)
                        .register(registry));
    }

    /**
     * The gauges read beans of this application; a registry that outlives it (several Quarkus
     * starts in one JVM, as in the tests) would otherwise keep calling into a stopped container.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    public void login(LoginOutcome outcome) {
        logins.get(outcome).increment();
    }

    /** A login was refused before its password was checked, by the gate of that scope. */
    public void lockout(LoginScope scope) {
        lockouts.get(scope).increment();
    }

    /** {@code within}, {@code near_limit} (allowed, at most a fifth of the window's allowance left) or {@code over}. */
    public void rateDecision(RateDecision decision, int limit) {
        (!decision.allowed() ? rateOver : decision.remaining() <= limit / 5 ? rateNear : rateWithin).increment();
    }

    /** {@code charged}, {@code duplicate}, {@code exceeded} (a rejection: nothing charged) or {@code no_session}. */
    public void charge(ChargeOutcome.Status status) {
        charges.get(status).increment();
    }

    /** Every counter is made once here: the calls above run per message and per request. */
    private static <E extends Enum<E>> Map<E, Counter> counters(MeterRegistry registry, Class<E> type, String name,
            String description, String tag) {
        Map<E, Counter> byValue = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            byValue.put(value, counter(registry, name, description, tag, value.name().toLowerCase(Locale.ROOT)));
        }
        return byValue;
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    @Scheduled(every = "15s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshLiveSessions() {
        sessions.countLive().subscribe().with(liveSessions::set, failure -> {});
    }
}

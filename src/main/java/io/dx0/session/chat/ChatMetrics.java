package io.dx0.session.chat;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.metrics.Counters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The chat's meters: {@code dx0.rate_limit.decisions} and {@code dx0.budget.charges} by outcome. */
@ApplicationScoped
public class ChatMetrics {

    private static final String DECISIONS = "dx0.rate_limit.decisions";

    private final Map<ChargeOutcome.Status, Counter> charges;
    private final Counter rateWithin;
    private final Counter rateNear;
    private final Counter rateOver;

    ChatMetrics(MeterRegistry registry) {
        charges = Counters.byValue(registry, ChargeOutcome.Status.class, "dx0.budget.charges",
                "Budget charges by outcome", "outcome");
        String description = "Chat rate-limit decisions";
        rateWithin = Counters.one(registry, DECISIONS, description, "decision", "within");
        rateNear = Counters.one(registry, DECISIONS, description, "decision", "near_limit");
        rateOver = Counters.one(registry, DECISIONS, description, "decision", "over");
    }

    /** {@code within}, {@code near_limit} (allowed, at most a fifth of the window's allowance left) or {@code over}. */
    public void rateDecision(RateDecision decision, int limit) {
        (!decision.allowed() ? rateOver : decision.remaining() <= limit / 5 ? rateNear : rateWithin).increment();
    }

    /** {@code charged}, {@code duplicate}, {@code exceeded} (a rejection: nothing charged) or {@code no_session}. */
    public void charge(ChargeOutcome.Status status) {
        charges.get(status).increment();
    }
}

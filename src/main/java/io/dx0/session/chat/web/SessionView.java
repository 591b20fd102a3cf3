package io.dx0.session.chat.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.dx0.session.chat.RateDecision;
import io.dx0.session.session.Budget;
import io.dx0.session.session.Money;
import io.dx0.session.session.Session;

/** {@code GET /session}: what a client may know of its own session; no secret. */
public record SessionView(
        String id,
        String username,
        String group,
        Instant createdAt,
        Instant lastAccess,
        Instant expiresAt,
        Instant absoluteExpiresAt,
        BudgetView budget,
        @JsonInclude(JsonInclude.Include.NON_NULL) RateView rate,
        List<String> orderedTests,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer sockets) {

    /** Amounts in currency units; {@code limit} and {@code remaining} are null when unlimited. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BudgetView(BigDecimal limit, BigDecimal spent, BigDecimal remaining) {
        public static BudgetView of(Budget b) {
            return new BudgetView(Money.fromMinor(b.limit()), Money.fromMinor(b.spent()),
                    Money.fromMinor(b.remaining()));
        }
    }

    public record RateView(int limit, long windowSeconds, int remaining) {
    }

    /** The view an operator gets: everything but the rate window, with the sockets open on this replica. */
    public static SessionView of(Session s, int socketsHere) {
        return new SessionView(s.id(), s.username(), s.group(), s.createdAt(), s.lastAccess(), s.expiresAt(),
                s.absoluteExpiry(), BudgetView.of(s.budget()), null, s.orderedTests(), socketsHere);
    }

    public static SessionView of(Session s, RateDecision rate, int rateLimit, long windowSeconds) {
        return new SessionView(s.id(), s.username(), s.group(), s.createdAt(), s.lastAccess(), s.expiresAt(),
                s.absoluteExpiry(), BudgetView.of(s.budget()),
                new RateView(rateLimit, windowSeconds, rate.remaining()), s.orderedTests(), null);
    }
}

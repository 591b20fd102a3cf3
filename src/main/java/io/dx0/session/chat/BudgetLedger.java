package io.dx0.session.chat;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.session.Budget;
import io.smallrye.mutiny.Uni;

/** A session's spending: charges accepted only if they fit, atomically in the store. */
@ApplicationScoped
public class BudgetLedger {

    private final Budgets budgets;
    private final ChatMetrics metrics;

    BudgetLedger(Budgets budgets, ChatMetrics metrics) {
        this.budgets = budgets;
        this.metrics = metrics;
    }

    /** {@code amount} in minor units; {@code orderedItem} is appended to the ordered tests with the charge. */
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return budgets.charge(sessionId, amount, orderedItem, idempotencyKey)
                .invoke(outcome -> metrics.charge(outcome.status()));
    }

    /** A client may lower its own session's limit, never raise it. Null when the session is gone. */
    public Uni<Budget> lowerLimit(String sessionId, long limit) {
        return budgets.lowerBudgetLimit(sessionId, limit);
    }
}

package io.dx0.session.chat;

import io.dx0.session.session.Budget;

import io.smallrye.mutiny.Uni;

/** A session's spending budget: charge-if-fits and limits, each one atomic step. */
public interface Budgets {

    /**
     * Adds {@code amount} (minor units, positive) to the session's spent amount only if it fits its
     * limit; appends {@code orderedItem} (may be null) to its ordered tests in the same step. A
     * non-null {@code idempotencyKey} seen before on this session makes the call a no-op answered
     * with {@code DUPLICATE}.
     */
    Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey);

    /** Sets a session's limit (null: unlimited); null when the session is gone. */
    Uni<Budget> setBudgetLimit(String sessionId, Long limit);

    /** Lowers a session's limit to {@code limit} unless it is already at or below it; null when the session is gone. */
    Uni<Budget> lowerBudgetLimit(String sessionId, long limit);
}

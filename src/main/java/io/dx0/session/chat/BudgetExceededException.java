package io.dx0.session.chat;

import io.dx0.session.session.Budget;

/** A charge that does not fit the session's remaining budget; nothing was charged. */
public class BudgetExceededException extends RuntimeException {

    private final transient Budget budget;

    public BudgetExceededException(Budget budget) {
        super("Budget exceeded", null, false, false);
        this.budget = budget;
    }

    public Budget budget() {
        return budget;
    }
}

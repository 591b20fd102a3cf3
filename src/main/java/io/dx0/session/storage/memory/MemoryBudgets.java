package io.dx0.session.storage.memory;

import io.dx0.session.chat.Budgets;
import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Budget;
import io.smallrye.mutiny.Uni;

/** Budgets in memory: kept in each session's entry, changed under its lock. */
final class MemoryBudgets implements Budgets {

    private final SessionTable table;

    MemoryBudgets(SessionTable table) {
        this.table = table;
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return Uni.createFrom().item(() -> {
            ChargeOutcome outcome = table.withLive(sessionId,
                    (entry, now) -> entry.charge(now, amount, orderedItem, idempotencyKey));
            return outcome != null ? outcome : ChargeOutcome.NO_SESSION;
        });
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return Uni.createFrom().item(() -> table.withLive(sessionId, (entry, now) -> entry.setLimit(now, limit)));
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return Uni.createFrom().item(() -> table.withLive(sessionId, (entry, now) -> entry.lowerLimit(now, limit)));
    }
}

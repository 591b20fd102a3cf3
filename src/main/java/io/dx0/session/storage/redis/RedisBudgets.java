package io.dx0.session.storage.redis;

import java.util.List;

import io.dx0.session.chat.Budgets;
import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Budget;
import io.smallrye.mutiny.Uni;

/** Budgets on Redis: the limit and spend live in the session's hash, each change one script on its slot. */
final class RedisBudgets implements Budgets {

    private static final LuaScript CHARGE = LuaScript.named("charge");
    private static final LuaScript SET_LIMIT = LuaScript.named("set_limit");

    private final RedisCalls calls;

    RedisBudgets(RedisCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return calls.guard(CHARGE.run(calls.redis, List.of(calls.keys.session(sessionId),
                calls.keys.idempotencyKeys(sessionId)), amount, orderedItem == null ? "" : orderedItem,
                idempotencyKey == null ? "" : idempotencyKey)
                .map(reply -> {
                    Budget budget = Budget.fromStored(reply.get(1).toLong(), reply.get(2).toLong());
                    return switch (reply.get(0).toString()) {
                        case "charged" -> new ChargeOutcome(ChargeOutcome.Status.CHARGED, budget);
                        case "duplicate" -> new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, budget);
                        case "exceeded" -> new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, budget);
                        default -> ChargeOutcome.NO_SESSION;
                    };
                }));
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return limit(sessionId, Budget.storedLimit(limit), "set");
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return limit(sessionId, limit, "lower");
    }

    private Uni<Budget> limit(String sessionId, long limit, String mode) {
        return calls.guard(SET_LIMIT.run(calls.redis, List.of(calls.keys.session(sessionId)), limit, mode)
                .map(reply -> reply == null ? null
                        : Budget.fromStored(reply.get(0).toLong(), reply.get(1).toLong())));
    }
}

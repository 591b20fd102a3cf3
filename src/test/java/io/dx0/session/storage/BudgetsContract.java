package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Budget;
import io.dx0.session.session.Session;

/** Budgets: charges that never overshoot, idempotency keys, limits set and lowered. Run on every backend by its store test. */
interface BudgetsContract extends StoreHarness {

    @Test
    default void concurrentChargesNeverExceedTheBudget() throws Exception {
        Session s = create("alice", 1000L);
        List<ChargeOutcome> outcomes = concurrently(200, () -> await(store().charge(s.id(), 10, null, null)));

        long charged = outcomes.stream().filter(o -> o.status() == ChargeOutcome.Status.CHARGED).count();
        assertThat(charged).isEqualTo(100);
        assertThat(outcomes).filteredOn(o -> o.status() == ChargeOutcome.Status.EXCEEDED).hasSize(100);
        assertThat(await(store().touch(s.id())).budget()).isEqualTo(new Budget(1000L, charged * 10));
    }

    @Test
    default void chargeThatDoesNotFitChangesNothing() {
        Session s = create("alice", 25L);
        assertThat(await(store().charge(s.id(), 20, "cbc", null)))
                .isEqualTo(new ChargeOutcome(ChargeOutcome.Status.CHARGED, new Budget(25L, 20)));
        assertThat(await(store().charge(s.id(), 10, "bmp", null)))
                .isEqualTo(new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, new Budget(25L, 20)));
        Session after = await(store().touch(s.id()));
        assertThat(after.orderedTests()).containsExactly("cbc");
        assertThat(after.budget().remaining()).isEqualTo(5L);
    }

    @Test
    default void unlimitedBudgetAcceptsAnyChargeAndKeepsOrder() {
        Session s = create("alice", null);
        await(store().charge(s.id(), 1_000_000_000L, "a", null));
        await(store().charge(s.id(), 7, "b", null));
        Session after = await(store().touch(s.id()));
        assertThat(after.budget()).isEqualTo(new Budget(null, 1_000_000_007L));
        assertThat(after.orderedTests()).containsExactly("a", "b");
    }

    @Test
    default void chargeWithSeenIdempotencyKeyIsAppliedOnce() {
        Session s = create("alice", 100L);
        assertThat(await(store().charge(s.id(), 30, "cbc", "k1")).status()).isEqualTo(ChargeOutcome.Status.CHARGED);
        ChargeOutcome again = await(store().charge(s.id(), 30, "cbc", "k1"));
        assertThat(again).isEqualTo(new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, new Budget(100L, 30)));
        assertThat(await(store().touch(s.id())).orderedTests()).containsExactly("cbc");
    }

    @Test
    default void setBudgetLimitChangesWhatFits() {
        Session s = create("alice", 100L);
        await(store().charge(s.id(), 60, null, null));
        assertThat(await(store().setBudgetLimit(s.id(), 50L))).isEqualTo(new Budget(50L, 60));
        assertThat(new Budget(50L, 60).remaining()).isZero();
        assertThat(await(store().charge(s.id(), 1, null, null)).status()).isEqualTo(ChargeOutcome.Status.EXCEEDED);
        assertThat(await(store().setBudgetLimit(s.id(), null))).isEqualTo(new Budget(null, 60));
        assertThat(await(store().charge(s.id(), 1, null, null)).status()).isEqualTo(ChargeOutcome.Status.CHARGED);
    }

    @Test
    default void lowerBudgetLimitNeverRaisesIt() {
        Session limited = create("alice", 100L);
        assertThat(await(store().lowerBudgetLimit(limited.id(), 150))).isEqualTo(new Budget(100L, 0));
        assertThat(await(store().lowerBudgetLimit(limited.id(), 40))).isEqualTo(new Budget(40L, 0));
        Session unlimited = create("alice", null);
        assertThat(await(store().lowerBudgetLimit(unlimited.id(), 70))).isEqualTo(new Budget(70L, 0));
        assertThat(await(store().lowerBudgetLimit(UUID.randomUUID().toString(), 1))).isNull();
    }
}

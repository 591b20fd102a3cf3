package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;
import io.dx0.session.storage.backend.SessionStore;

/** Login gates: failure windows, leases, places in flight, back-off, and what settles them. Run on every backend by its store test. */
interface LoginGatesContract extends StoreHarness {

    /** The same edge for login failures: counted until exactly {@code window} old. */
    @Test
    default void failureWindowEdgeIsExactToTheMillisecond() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        Duration window = Duration.ofMillis(500);
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(window, 3, 2, Duration.ofSeconds(30));
        fail(key, rule, "user:ben");
        elapse(window.minusMillis(1));
        FailureCount inside = await(store().failures(key, window));
        assertThat(inside.count()).as("window - 1 ms old: still counted").isEqualTo(1);
        assertThat(inside.retryAfterMillis()).isEqualTo(1L);
        elapse(Duration.ofMillis(1));
        assertThat(await(store().failures(key, window)).count()).as("exactly window old: out").isZero();
    }

    /** An attempt's place at a gate is free again at exactly the end of its lease. */
    @Test
    default void aLeaseEndsAtExactlyItsEnd() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 1, Duration.ofMillis(500));
        assertThat(admit(key, rule, "a").status()).isEqualTo(GateDecision.Status.ADMITTED);
        elapse(Duration.ofMillis(499));
        assertThat(admit(key, rule, "b").status()).as("1 ms before a's lease ends").isEqualTo(GateDecision.Status.BUSY);
        elapse(Duration.ofMillis(1));
        assertThat(admit(key, rule, "b").status()).as("at its end").isEqualTo(GateDecision.Status.ADMITTED);
    }

    /**
     * A key keeps its newest {@link GateRule#kept()} failures, dropping the oldest. Only a back-off
     * rule gets there (a lockout stops admitting at its threshold): its attempts keep being admitted
     * after each delay, so without the cap a patient guesser would grow the key for the whole window.
     */
    @Test
    default void aKeyKeepsItsNewestFailuresUpToWhatTheRuleKeeps() {
        String key = "user:" + UUID.randomUUID();
        GateRule rule = GateRule.backoff(Duration.ofSeconds(10), 1, Duration.ofMillis(1), Duration.ofMillis(1), 1,
                Duration.ofSeconds(30));
        assertThat(rule.kept()).isEqualTo(GateRule.FAILURES_KEPT);
        for (int i = 0; i <= GateRule.FAILURES_KEPT; i++) {
            while (fail(key, rule, "user:ben").status() != GateDecision.Status.ADMITTED) {
                Thread.onSpinWait(); // Redis: its own clock passes the 1 ms delay
            }
            elapse(Duration.ofMillis(clockIsExact() ? 1 : 0));
        }
        FailureCount kept = await(store().failures(key, Duration.ofSeconds(10)));
        assertThat(kept.count()).isEqualTo(GateRule.FAILURES_KEPT);
        if (clockIsExact()) {
            assertThat(kept.retryAfterMillis()).as("the oldest kept is the second, recorded 64 ms before now")
                    .isEqualTo(10_000 - GateRule.FAILURES_KEPT);
        }
    }

    private GateDecision admit(String key, GateRule rule, String attempt) {
        return await(store().admit(key, rule, attempt));
    }

    /** What an admin's list of lockouts is read from: the gates themselves, not the kept events (issue 35). */
    @Test
    default void gatesWithFailuresEnoughToCloseThemAreListedByKindNewestFirst() {
        GateRule rule = GateRule.lockout(Duration.ofSeconds(30), 2, 2, Duration.ofSeconds(30));
        String run = UUID.randomUUID().toString().substring(0, 8);
        fail("ip:a-" + run, rule, null);
        fail("ip:a-" + run, rule, null);
        fail("ip:decoy-" + run, rule, null);
        elapse(Duration.ofMillis(20));
        for (int i = 0; i < 3; i++) {
            fail("ip:b-" + run, rule, null); // the third is not admitted: the gate is closed
        }
        fail("user:b-" + run, rule, null);
        fail("user:b-" + run, rule, null);

        List<FailingGate> ips = await(store().failing("ip:", 2, rule.window(), 10));
        assertThat(ips).extracting(FailingGate::key).as("the decoy's one failure closes nothing")
                .containsExactly("ip:b-" + run, "ip:a-" + run);
        assertThat(ips).extracting(FailingGate::count).containsExactly(2, 2);
        assertThat(ips.get(1).oldestAgeMillis()).isGreaterThanOrEqualTo(ips.get(1).newestAgeMillis())
                .isGreaterThanOrEqualTo(20);
        assertThat(ips.get(1).closedFor(rule)).isBetween(1L, rule.window().toMillis() - 20);
        assertThat(await(store().failing("ip:", 2, rule.window(), 1))).extracting(FailingGate::key)
                .containsExactly("ip:b-" + run);
        assertThat(await(store().failing("user:b-", 2, rule.window(), 10))).extracting(FailingGate::key)
                .containsExactly("user:b-" + run);
        await(store().clearFailures("ip:b-" + run));
        assertThat(await(store().failing("ip:", 2, rule.window(), 10))).extracting(FailingGate::key)
                .containsExactly("ip:a-" + run);
    }

    @Test
    default void lockoutCountsOnlyFailuresAndOpensWhenTheWindowPasses() {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(WINDOW, 3, 2, Duration.ofSeconds(30));
        String right = UUID.randomUUID().toString();
        assertThat(admit(key, rule, right)).isEqualTo(GateDecision.admitted(0));
        await(store().settle(key, rule, right, Settlement.SUCCEEDED, "user:ann"));
        for (int i = 0; i < 3; i++) {
            assertThat(fail(key, rule, "user:ben")).as("failure %d", i + 1).isEqualTo(GateDecision.admitted(i));
        }
        GateDecision locked = admit(key, rule, "x");
        assertThat(locked.status()).isEqualTo(GateDecision.Status.LOCKED);
        assertThat(locked.failures()).isEqualTo(3);
        assertThat(locked.retryAfterMillis()).isBetween(1L, 1000L);
        assertThat(admit(key, rule, "y").status()).as("refused attempts are not counted").isEqualTo(GateDecision.Status.LOCKED);
        assertThat(await(store().failures(key, WINDOW)).count()).isEqualTo(3);

        elapse(Duration.ofMillis(1100));
        assertThat(await(store().failures(key, WINDOW))).isEqualTo(FailureCount.NONE);
        assertThat(fail(key, rule, "user:ben")).isEqualTo(GateDecision.admitted(0));
        await(store().clearFailures(key));
        assertThat(await(store().failures(key, WINDOW)).count()).isZero();
    }

    @Test
    default void attemptsInFlightAreBoundedAndGivenBackBySettlingOrWhenTheLeaseEnds() {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 2, Duration.ofMillis(500));
        assertThat(admit(key, rule, "a").status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "b").status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "c")).isEqualTo(GateDecision.busy(0));
        await(store().settle(key, rule, "a", Settlement.WITHDRAWN, null));
        assertThat(admit(key, rule, "c").status()).as("a withdrawn attempt gives its place back")
                .isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(await(store().failures(key, Duration.ofSeconds(10))).count()).as("and records nothing").isZero();
        elapse(Duration.ofMillis(600));
        assertThat(admit(key, rule, "d").status()).as("leases of b and c ended").isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "e").status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "f").status()).isEqualTo(GateDecision.Status.BUSY);
    }

    @Test
    default void successForgetsOnlyTheFailuresWithItsTag() {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 2, Duration.ofSeconds(30));
        fail(key, rule, "user:a|b");
        fail(key, rule, "user:a");
        fail(key, rule, "user:b");
        String ok = UUID.randomUUID().toString();
        admit(key, rule, ok);
        await(store().settle(key, rule, ok, Settlement.SUCCEEDED, "user:a"));
        assertThat(await(store().failures(key, Duration.ofSeconds(10))).count()).as("user:a|b and user:b kept").isEqualTo(2);
        String all = UUID.randomUUID().toString();
        admit(key, rule, all);
        await(store().settle(key, rule, all, Settlement.SUCCEEDED, null));
        assertThat(await(store().failures(key, Duration.ofSeconds(10))).count()).isZero();
    }

    @Test
    default void backoffBeginsAtTheThresholdGrowsAndStopsAtItsCeiling() {
        String key = "user:" + UUID.randomUUID();
        GateRule rule = GateRule.backoff(Duration.ofSeconds(10), 2, Duration.ofMillis(300), Duration.ofMillis(900), 4,
                Duration.ofSeconds(30));
        assertThat(fail(key, rule, null).status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(fail(key, rule, null).status()).as("one failure is below the threshold")
                .isEqualTo(GateDecision.Status.ADMITTED);
        GateDecision tooSoon = admit(key, rule, "x");
        assertThat(tooSoon.status()).isEqualTo(GateDecision.Status.LOCKED);
        assertThat(tooSoon.retryAfterMillis()).isBetween(1L, 300L);

        elapse(Duration.ofMillis(400));
        assertThat(fail(key, rule, null).status()).isEqualTo(GateDecision.Status.ADMITTED);
        GateDecision doubled = admit(key, rule, "y");
        assertThat(doubled.retryAfterMillis()).isBetween(301L, 600L);
        elapse(Duration.ofMillis(300));
        assertThat(admit(key, rule, "z").status()).as("600 ms not yet passed").isEqualTo(GateDecision.Status.LOCKED);
        elapse(Duration.ofMillis(400));
        assertThat(fail(key, rule, null).status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "w").retryAfterMillis()).as("the doubling stops at the 900 ms ceiling")
                .isBetween(601L, 900L);
        String right = UUID.randomUUID().toString();
        elapse(Duration.ofMillis(1000));
        assertThat(admit(key, rule, right).status()).isEqualTo(GateDecision.Status.ADMITTED);
        await(store().settle(key, rule, right, Settlement.SUCCEEDED, null));
        assertThat(await(store().failures(key, Duration.ofSeconds(10))).count()).as("a success forgets them").isZero();
    }

    @Test
    default void concurrentWrongAttemptsNeverPassTheLockoutByMoreThanTheAttemptsInFlight() throws Exception {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(30), 3, 2, Duration.ofSeconds(30));
        SessionStore[] replicas = { store(), otherReplica() };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SessionStore replica = replicas[i % 2];
                attempts.add(pool.submit(() -> {
                    String attempt = UUID.randomUUID().toString();
                    while (true) {
                        GateDecision d = replica.admit(key, rule, attempt).await().atMost(Duration.ofSeconds(10));
                        if (d.status() == GateDecision.Status.LOCKED) {
                            return false;
                        }
                        if (d.status() == GateDecision.Status.ADMITTED) {
                            replica.settle(key, rule, attempt, Settlement.FAILED, "user:x").await()
                                    .atMost(Duration.ofSeconds(10));
                            return true;
                        }
                        Thread.onSpinWait();
                    }
                }));
            }
            int checked = 0;
            for (Future<Boolean> f : attempts) {
                checked += f.get() ? 1 : 0;
            }
            assertThat(checked).as("max-failures + max-in-flight - 1 = 4 at most").isBetween(3, 4);
            assertThat(admit(key, rule, "after").status()).isEqualTo(GateDecision.Status.LOCKED);
        } finally {
            pool.shutdownNow();
        }
    }
}

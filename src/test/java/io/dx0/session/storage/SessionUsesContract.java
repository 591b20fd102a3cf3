package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.SessionUse;
import io.dx0.session.session.Session;

/** The chat quota's uses: the sliding window's edges, and a use that touches the session. Run on every backend by its store test. */
interface SessionUsesContract extends StoreHarness {

    @Test
    default void rateLimitBoundaryIsExactAndSliding() {
        Session s = create("alice", null);
        assertThat(rate(s.id(), 3, true)).isEqualTo(new RateDecision(true, 2, 0));
        elapse(Duration.ofMillis(400));
        await(store().touch(s.id()));
        assertThat(rate(s.id(), 3, true).allowed()).isTrue();
        assertThat(rate(s.id(), 3, true).remaining()).isZero();

        RateDecision refused = rate(s.id(), 3, true);
        assertThat(refused.allowed()).as("N+1 in the window").isFalse();
        assertThat(refused.retryAfterMillis()).isBetween(1L, 600L);
        assertThat(rate(s.id(), 3, false).allowed()).isFalse();

        elapse(Duration.ofMillis(700));
        assertThat(rate(s.id(), 3, true).allowed()).as("the oldest left the window").isTrue();
        assertThat(rate(s.id(), 3, true).allowed())
                .as("the two from 400 ms are still inside: a sliding, not a fixed, window").isFalse();
    }

    /** A message exactly {@code window} old has left the window; one millisecond younger, it is still in. */
    @Test
    default void rateWindowEdgeIsExactToTheMillisecond() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        Duration window = Duration.ofMillis(500); // under the idle timeout: the session outlives the test
        Session s = create("alice", null);
        assertThat(await(store().use(s.id(), 1, window, true)).rate().allowed()).isTrue();
        elapse(Duration.ofMillis(100));
        assertThat(await(store().use(s.id(), 1, window, true)).rate().retryAfterMillis())
                .as("the wait is until the oldest leaves the window").isEqualTo(window.toMillis() - 100);
        elapse(window.minusMillis(101));
        RateDecision inside = await(store().use(s.id(), 1, window, true)).rate();
        assertThat(inside.allowed()).as("window - 1 ms old: still counted").isFalse();
        assertThat(inside.retryAfterMillis()).isEqualTo(1L);
        elapse(Duration.ofMillis(1));
        assertThat(await(store().use(s.id(), 1, window, true)).rate().allowed()).as("exactly window old: out").isTrue();
    }

    @Test
    default void aUseSlidesTheIdleExpiryAndReturnsTheSession() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(300));
        SessionUse use = await(store().use(s.id(), 3, WINDOW, true));
        assertThat(use.session().id()).isEqualTo(s.id());
        assertThat(use.session().lastAccess()).isAfter(s.lastAccess());
        assertThat(use.session().expiresAt()).isAfter(s.expiresAt());
        assertThat(use.rate()).isEqualTo(new RateDecision(true, 2, 0));
    }

    @Test
    default void aUseOfAnEndedSessionRecordsNothing() {
        Session s = create("alice", null);
        await(store().delete(s.id()));
        assertThat(await(store().use(s.id(), 3, WINDOW, true))).isNull();
    }

    /** The rate decision of one use: with {@code record} it takes a slot. */
    private RateDecision rate(String sessionId, int limit, boolean record) {
        return await(store().use(sessionId, limit, WINDOW, record)).rate();
    }

    @Test
    default void peekRateRecordsNothing() {
        Session s = create("alice", null);
        for (int i = 0; i < 5; i++) {
            assertThat(rate(s.id(), 1, false)).isEqualTo(new RateDecision(true, 1, 0));
        }
        assertThat(rate(s.id(), 1, true).allowed()).isTrue();
    }

    /** Many messages of one session at once at the limit: exactly the allowance goes through. */
    @Test
    default void concurrentRateChecksAdmitExactlyTheAllowance() throws Exception {
        Session s = create("alice", null);
        List<RateDecision> decisions = concurrently(50,
                () -> await(store().use(s.id(), 10, Duration.ofMinutes(1), true)).rate());
        assertThat(decisions).filteredOn(RateDecision::allowed).hasSize(10);
        assertThat(await(store().use(s.id(), 10, Duration.ofMinutes(1), false)).rate().allowed()).isFalse();
    }
}

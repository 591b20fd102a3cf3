package io.dx0.session.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Session;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.testsupport.MutableClock;
import io.smallrye.mutiny.Uni;

/**
 * What the memory store keeps after what it holds has expired: nothing. The answers of an expired
 * session or an old failure are the same whether or not its entry is still in a map (the contract
 * checks those); what is checked here is that the heap does not keep them, which a service running
 * for weeks on the memory backend depends on.
 */
class MemoryHousekeepingTest {

    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofMillis(1000), Duration.ofMillis(3000));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemorySessionStore store = new MemorySessionStore(POLICY, 50, clock);

    @Test
    void thePurgeForgetsEachKindOfKeyAtExactlyItsEnd() {
        create("ann");
        GateRule rule = GateRule.lockout(Duration.ofMillis(500), 5, 2, Duration.ofMillis(500));
        fail("ip:192.0.2.1", rule);
        await(store.mark("ann", 1L, Duration.ofMillis(500)));
        assertThat(store.heldKeys()).as("session, ann's set, failure log, revocation").isEqualTo(4);

        clock.advance(Duration.ofMillis(499));
        await(store.purgeExpired());
        assertThat(store.heldKeys()).as("1 ms before the failure and the revocation end").isEqualTo(4);

        clock.advance(Duration.ofMillis(1));
        await(store.purgeExpired());
        assertThat(store.heldKeys()).as("at their end: the session and ann's set are left").isEqualTo(2);

        clock.advance(Duration.ofMillis(500));
        assertThat(await(store.purgeExpired())).isEqualTo(1);
        assertThat(store.heldKeys()).as("the idle session ended too").isZero();
    }

    @Test
    void aFailureLogWithAnAttemptInFlightIsKeptUntilItsLeaseEnds() {
        GateRule rule = GateRule.lockout(Duration.ofMillis(100), 5, 2, Duration.ofMillis(500));
        await(store.admit("ip:192.0.2.1", rule, "checking"));
        clock.advance(Duration.ofMillis(499));
        await(store.purgeExpired());
        assertThat(store.heldKeys()).as("an unsettled attempt holds its place").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        await(store.purgeExpired());
        assertThat(store.heldKeys()).as("its lease ended exactly now").isZero();
    }

    @Test
    void anExpiredSessionMetByAnyOperationIsForgottenAtOnce() {
        Session touched = create("ann");
        Session charged = create("ann");
        Session used = create("ben");
        clock.advance(Duration.ofMillis(1000));
        assertThat(await(store.touch(touched.id()))).isNull();
        assertThat(await(store.charge(charged.id(), 5, null, null)).status())
                .isEqualTo(io.dx0.session.chat.ChargeOutcome.Status.NO_SESSION);
        assertThat(await(store.use(used.id(), 1, Duration.ofSeconds(1), true))).isNull();
        assertThat(store.heldKeys()).isZero();
        assertThat(await(store.purgeExpired())).as("nothing left for the purge").isZero();
    }

    @Test
    void failureLogsAtTheirBoundMakeRoomByRetiringEmptyOnes() {
        GateRule rule = GateRule.lockout(Duration.ofMillis(500), 5, 2, Duration.ofMillis(500));
        for (int i = 0; i < 50; i++) {
            fail("ip:guess-" + i, rule);
        }
        clock.advance(Duration.ofMillis(500));
        fail("ip:after", rule);
        assertThat(store.heldKeys()).as("the 50 old logs retired to make room for one").isEqualTo(1);
    }

    @Test
    void aLogRetiredUnderASettlementIsReplacedNotWrittenTo() {
        FailureLog log = new FailureLog();
        GateRule rule = GateRule.lockout(Duration.ofMillis(500), 5, 2, Duration.ofMillis(500));
        assertThat(log.retireIfEmpty(0)).isTrue();
        assertThat(log.settle(0, rule, "a", Settlement.FAILED, "user:ann")).as("retired: the caller asks a fresh log")
                .isFalse();
        assertThat(log.admit(0, rule, "a")).isNull();
    }

    private Session create(String user) {
        String id = UUID.randomUUID().toString();
        return await(store.create(new NewSession(id, user, "user", null, "h-" + id, Map.of())));
    }

    private void fail(String key, GateRule rule) {
        String attempt = UUID.randomUUID().toString();
        await(store.admit(key, rule, attempt));
        await(store.settle(key, rule, attempt, Settlement.FAILED, "user:ann"));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }
}

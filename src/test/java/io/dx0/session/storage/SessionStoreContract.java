package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.SessionUse;
import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;
import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The storage contract every backend passes unchanged. Lifetimes are short (idle 1 s, absolute
 * 3 s) so a backend whose clock cannot be moved (Redis uses its own TIME) runs it in real time.
 */
public abstract class SessionStoreContract {

    protected static final SessionPolicy POLICY = new SessionPolicy(Duration.ofMillis(1000), Duration.ofMillis(3000));
    private static final Duration WINDOW = Duration.ofMillis(1000);

    protected SessionStore store;

    /** A new, empty store with {@link #POLICY}. */
    protected abstract SessionStore newStore();

    /** Lets {@code d} pass for the store. */
    protected abstract void elapse(Duration d);

    /**
     * Whether {@link #elapse} moves the store's clock exactly (the memory and SQL backends run on the
     * service clock a test sets); Redis reads its own {@code TIME}, so a test there can only wait.
     */
    protected boolean clockIsExact() {
        return true;
    }

    /** The same backend as another service replica sees it; the memory backend has only one. */
    protected SessionStore otherReplica() {
        return store;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store = null;
    }

    protected static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    protected Session create(String username, Long limit) {
        String id = UUID.randomUUID().toString();
        return await(store.create(new NewSession(id, username, "user", limit, hashOf(id, 0), Map.of("client", "test"))));
    }

    private static String hashOf(String id, int generation) {
        return id + "-hash-" + generation;
    }

    @Test
    void createdSessionIsReturnedWithItsFields() {
        Session s = create("alice", 500L);
        Session read = await(store.touch(s.id()));
        assertThat(read.username()).isEqualTo("alice");
        assertThat(read.group()).isEqualTo("user");
        assertThat(read.budget()).isEqualTo(new Budget(500L, 0));
        assertThat(read.orderedTests()).isEmpty();
        assertThat(read.metadata()).containsEntry("client", "test");
        assertThat(read.absoluteExpiry()).isEqualTo(read.createdAt().plus(POLICY.maxLifetime()));
        assertThat(read.expiresAt()).isEqualTo(read.lastAccess().plus(POLICY.idleTimeout()));
    }

    @Test
    void idleSessionExpires() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(1300));
        assertThat(await(store.touch(s.id()))).isNull();
    }

    @Test
    void touchSlidesIdleExpiry() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(600));
        assertThat(await(store.touch(s.id()))).isNotNull();
        elapse(Duration.ofMillis(600));
        assertThat(await(store.touch(s.id()))).as("600 ms after the last use, 1200 ms after creation").isNotNull();
        elapse(Duration.ofMillis(1300));
        assertThat(await(store.touch(s.id()))).isNull();
    }

    @Test
    void absoluteLifetimeCapsSlidingRenewal() {
        Session s = create("alice", null);
        for (int i = 0; i < 4; i++) {
            elapse(Duration.ofMillis(600));
            Session touched = await(store.touch(s.id()));
            assertThat(touched).isNotNull();
            assertThat(touched.expiresAt()).isBeforeOrEqualTo(touched.absoluteExpiry());
        }
        elapse(Duration.ofMillis(800));
        assertThat(await(store.touch(s.id()))).as("used every 600 ms but past the 3 s cap").isNull();
    }

    @Test
    void deleteEndsSessionOnce() {
        Session s = create("alice", null);
        assertThat(await(store.delete(s.id()))).isTrue();
        assertThat(await(store.touch(s.id()))).isNull();
        assertThat(await(store.delete(s.id()))).isFalse();
    }

    @Test
    void listByUsernameSkipsExpiredAndDeletedSessions() {
        String user = "bob-" + UUID.randomUUID();
        Session expiring = create(user, null);
        elapse(Duration.ofMillis(600));
        Session kept = create(user, null);
        Session deleted = create(user, null);
        create("someone-else-" + UUID.randomUUID(), null);
        await(store.delete(deleted.id()));
        elapse(Duration.ofMillis(600));

        List<Session> sessions = await(store.listByUsername(user));
        assertThat(sessions).extracting(Session::id).containsExactly(kept.id());
        assertThat(sessions).extracting(Session::id).doesNotContain(expiring.id());
    }

    @Test
    void countLiveCountsOnlyLiveSessions() {
        long before = await(store.countLive());
        Session expiring = create("carol", null);
        elapse(Duration.ofMillis(600));
        create("carol", null);
        Session deleted = create("dave", null);
        await(store.delete(deleted.id()));
        assertThat(await(store.countLive())).isEqualTo(before + 2);
        elapse(Duration.ofMillis(600));
        assertThat(await(store.touch(expiring.id()))).isNull();
        assertThat(await(store.countLive())).isEqualTo(before + 1);
    }

    @Test
    void refreshRotationAcceptsOnlyTheCurrentSecret() {
        Session s = create("alice", null);
        Rotation first = await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), Duration.ZERO));
        assertThat(first.status()).isEqualTo(Rotation.Status.ROTATED);
        assertThat(first.session().id()).isEqualTo(s.id());
        assertThat(await(store.rotateRefresh(s.id(), "never-issued", "x", Duration.ZERO)).status())
                .isEqualTo(Rotation.Status.INVALID);
        assertThat(await(store.touch(s.id()))).as("a wrong secret does not end the session").isNotNull();
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 1), hashOf(s.id(), 2), Duration.ZERO)).status())
                .isEqualTo(Rotation.Status.ROTATED);
    }

    @Test
    void rotatedRefreshTokenReuseRevokesSession() {
        Session s = create("alice", null);
        await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), Duration.ZERO));
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 9), Duration.ZERO)).status())
                .isEqualTo(Rotation.Status.REUSED);
        assertThat(await(store.touch(s.id()))).isNull();
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 1), "y", Duration.ZERO)).status())
                .as("the current secret is dead too").isEqualTo(Rotation.Status.INVALID);
        assertThat(await(store.listByUsername("alice"))).extracting(Session::id).doesNotContain(s.id());
    }

    @Test
    void aReplayOfTheTokenJustRotatedOutWithinTheLeewayGetsANewSecretAndTheSessionLives() {
        Duration leeway = Duration.ofSeconds(2);
        Session s = create("alice", null);
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), leeway)).status())
                .isEqualTo(Rotation.Status.ROTATED);
        Rotation replay = await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 2), leeway));
        assertThat(replay.status()).as("two tabs, or a retry whose answer was lost").isEqualTo(Rotation.Status.REPLAYED);
        assertThat(replay.session().id()).isEqualTo(s.id());
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 3), leeway)).status())
                .as("again, still inside the leeway").isEqualTo(Rotation.Status.REPLAYED);
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 3), hashOf(s.id(), 4), leeway)).status())
                .as("the newest secret rotates").isEqualTo(Rotation.Status.ROTATED);
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 2), "x", leeway)).status())
                .as("a secret a replay replaced is not the one rotated out last: reuse").isEqualTo(Rotation.Status.REUSED);
        assertThat(await(store.touch(s.id()))).isNull();
    }

    @Test
    void outsideTheLeewayAReplayStillEndsTheSession() {
        Duration leeway = Duration.ofSeconds(1);
        Session s = create("alice", null);
        await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), leeway));
        elapse(Duration.ofMillis(600));
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 2), leeway)).status())
                .as("just inside").isEqualTo(Rotation.Status.REPLAYED);
        elapse(Duration.ofMillis(500));
        assertThat(await(store.rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 3), leeway)).status())
                .as("just outside: the leeway runs from the first rotation, a replay does not extend it")
                .isEqualTo(Rotation.Status.REUSED);
        assertThat(await(store.touch(s.id()))).isNull();
    }

    @Test
    void endOldestEndsTheOldestPastTheBoundButNeverTheOneJustOpened() {
        String user = "evicted-" + UUID.randomUUID();
        List<Session> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(create(user, null));
            elapse(Duration.ofMillis(2));
        }
        Session someoneElse = create("someone-else-" + UUID.randomUUID(), null);

        assertThat(await(store.endOldest(user, 2, mine.get(3).id())))
                .containsExactly(mine.get(0).id(), mine.get(1).id());
        assertThat(await(store.listByUsername(user))).extracting(Session::id)
                .containsExactly(mine.get(2).id(), mine.get(3).id());
        assertThat(await(store.touch(mine.get(0).id()))).isNull();
        assertThat(await(store.endOldest(user, 2, mine.get(3).id()))).as("within the bound now").isEmpty();
        assertThat(await(store.endOldest(user, 1, mine.get(2).id()))).as("the opened one is spared, not the newest")
                .containsExactly(mine.get(3).id());
        assertThat(await(store.touch(someoneElse.id()))).isNotNull();
    }

    /**
     * Ten logins of one user at once, each then ending what is past a bound of 3: exactly three
     * sessions stay and no session is ended twice. A login whose own new session another login's
     * choice ended ends nothing (counting, then listing, then deleting in separate steps could end
     * every new session of a burst: each login sees the others' as older than its own).
     */
    @Test
    void concurrentLoginsOfOneUserKeepExactlyTheBound() throws Exception {
        String user = "burst-" + UUID.randomUUID();
        List<Session> opened = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            opened.add(create(user, null));
        }
        AtomicInteger next = new AtomicInteger();
        List<List<String>> ended = concurrently(10, () -> await(store.endOldest(user, 3,
                opened.get(next.getAndIncrement()).id())));

        List<String> all = ended.stream().flatMap(List::stream).toList();
        assertThat(all).as("each ended once").doesNotHaveDuplicates().hasSize(7);
        assertThat(await(store.listByUsername(user))).hasSize(3);
    }

    @Test
    void rateLimitBoundaryIsExactAndSliding() {
        Session s = create("alice", null);
        assertThat(rate(s.id(), 3, true)).isEqualTo(new RateDecision(true, 2, 0));
        elapse(Duration.ofMillis(400));
        await(store.touch(s.id()));
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

    /** A session is gone at exactly its expiry instant and live one millisecond before it. */
    @Test
    void idleExpiryEdgeIsExactToTheMillisecond() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        Session s = create("alice", null);
        elapse(POLICY.idleTimeout().minusMillis(1));
        assertThat(await(store.find(s.id()))).as("1 ms before its expiry").isNotNull();
        elapse(Duration.ofMillis(1));
        assertThat(await(store.find(s.id()))).as("at its expiry").isNull();
        assertThat(await(store.touch(s.id()))).as("nor can a use revive it").isNull();
    }

    /** A message exactly {@code window} old has left the window; one millisecond younger, it is still in. */
    @Test
    void rateWindowEdgeIsExactToTheMillisecond() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        Duration window = Duration.ofMillis(500); // under the idle timeout: the session outlives the test
        Session s = create("alice", null);
        assertThat(await(store.use(s.id(), 1, window, true)).rate().allowed()).isTrue();
        elapse(Duration.ofMillis(100));
        assertThat(await(store.use(s.id(), 1, window, true)).rate().retryAfterMillis())
                .as("the wait is until the oldest leaves the window").isEqualTo(window.toMillis() - 100);
        elapse(window.minusMillis(101));
        RateDecision inside = await(store.use(s.id(), 1, window, true)).rate();
        assertThat(inside.allowed()).as("window - 1 ms old: still counted").isFalse();
        assertThat(inside.retryAfterMillis()).isEqualTo(1L);
        elapse(Duration.ofMillis(1));
        assertThat(await(store.use(s.id(), 1, window, true)).rate().allowed()).as("exactly window old: out").isTrue();
    }

    /** The same edge for login failures: counted until exactly {@code window} old. */
    @Test
    void failureWindowEdgeIsExactToTheMillisecond() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        Duration window = Duration.ofMillis(500);
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(window, 3, 2, Duration.ofSeconds(30));
        fail(key, rule, "user:ben");
        elapse(window.minusMillis(1));
        FailureCount inside = await(store.failures(key, window));
        assertThat(inside.count()).as("window - 1 ms old: still counted").isEqualTo(1);
        assertThat(inside.retryAfterMillis()).isEqualTo(1L);
        elapse(Duration.ofMillis(1));
        assertThat(await(store.failures(key, window)).count()).as("exactly window old: out").isZero();
    }

    /** An attempt's place at a gate is free again at exactly the end of its lease. */
    @Test
    void aLeaseEndsAtExactlyItsEnd() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 1, Duration.ofMillis(500));
        assertThat(admit(key, rule, "a").status()).isEqualTo(GateDecision.Status.ADMITTED);
        elapse(Duration.ofMillis(499));
        assertThat(admit(key, rule, "b").status()).as("1 ms before a's lease ends").isEqualTo(GateDecision.Status.BUSY);
        elapse(Duration.ofMillis(1));
        assertThat(admit(key, rule, "b").status()).as("at its end").isEqualTo(GateDecision.Status.ADMITTED);
    }

    /** A device revocation is kept for exactly its time, then forgotten (by then every token it covered has expired). */
    @Test
    void aDeviceRevocationIsForgottenAtExactlyTheEndOfItsKeeping() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        String account = "user:" + UUID.randomUUID();
        await(store.mark(account, 1_234_567L, Duration.ofMillis(500)));
        elapse(Duration.ofMillis(499));
        assertThat(await(store.markedAt(account))).isEqualTo(1_234_567L);
        elapse(Duration.ofMillis(1));
        assertThat(await(store.markedAt(account))).isZero();
    }

    /**
     * A key keeps its newest {@link GateRule#kept()} failures, dropping the oldest. Only a back-off
     * rule gets there (a lockout stops admitting at its threshold): its attempts keep being admitted
     * after each delay, so without the cap a patient guesser would grow the key for the whole window.
     */
    @Test
    void aKeyKeepsItsNewestFailuresUpToWhatTheRuleKeeps() {
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
        FailureCount kept = await(store.failures(key, Duration.ofSeconds(10)));
        assertThat(kept.count()).isEqualTo(GateRule.FAILURES_KEPT);
        if (clockIsExact()) {
            assertThat(kept.retryAfterMillis()).as("the oldest kept is the second, recorded 64 ms before now")
                    .isEqualTo(10_000 - GateRule.FAILURES_KEPT);
        }
    }

    /**
     * An expired session that nothing has touched since: not counted, not listed, and no operation
     * finds it, whether or not a backend still holds its record.
     */
    @Test
    void anExpiredSessionIsGoneForEveryOperation() {
        String user = "expiring-" + UUID.randomUUID();
        long before = await(store.countLive());
        Session deleted = create(user, 100L);
        Session rotated = create(user, 100L);
        Session charged = create(user, 100L);
        Session limited = create(user, 100L);
        elapse(Duration.ofMillis(600));
        Session live = create(user, 100L);
        elapse(Duration.ofMillis(600));

        assertThat(await(store.countLive())).isEqualTo(before + 1);
        assertThat(await(store.listByUsername(user))).extracting(Session::id).containsExactly(live.id());
        assertThat(await(store.delete(deleted.id()))).as("nothing live was ended").isFalse();
        assertThat(await(store.rotateRefresh(rotated.id(), hashOf(rotated.id(), 0), hashOf(rotated.id(), 1),
                Duration.ZERO))).isEqualTo(Rotation.INVALID);
        assertThat(await(store.charge(charged.id(), 5, "cbc", null))).isEqualTo(ChargeOutcome.NO_SESSION);
        assertThat(await(store.setBudgetLimit(limited.id(), 5L))).isNull();
        assertThat(await(store.lowerBudgetLimit(limited.id(), 5L))).isNull();
        assertThat(await(store.find(rotated.id()))).isNull();
    }

    @Test
    void aReachableStoreAnswersItsPing() {
        assertThat(await(store.ping())).as("answered, with nothing").isNull();
        assertThat(store.name()).isNotBlank();
    }

    @Test
    void aUseSlidesTheIdleExpiryAndReturnsTheSession() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(300));
        SessionUse use = await(store.use(s.id(), 3, WINDOW, true));
        assertThat(use.session().id()).isEqualTo(s.id());
        assertThat(use.session().lastAccess()).isAfter(s.lastAccess());
        assertThat(use.session().expiresAt()).isAfter(s.expiresAt());
        assertThat(use.rate()).isEqualTo(new RateDecision(true, 2, 0));
    }

    @Test
    void aUseOfAnEndedSessionRecordsNothing() {
        Session s = create("alice", null);
        await(store.delete(s.id()));
        assertThat(await(store.use(s.id(), 3, WINDOW, true))).isNull();
    }

    /** The rate decision of one use: with {@code record} it takes a slot. */
    private RateDecision rate(String sessionId, int limit, boolean record) {
        return await(store.use(sessionId, limit, WINDOW, record)).rate();
    }

    @Test
    void peekRateRecordsNothing() {
        Session s = create("alice", null);
        for (int i = 0; i < 5; i++) {
            assertThat(rate(s.id(), 1, false)).isEqualTo(new RateDecision(true, 1, 0));
        }
        assertThat(rate(s.id(), 1, true).allowed()).isTrue();
    }

    /** Admits and settles one attempt as a failure; the decision it was admitted with. */
    protected GateDecision fail(String key, GateRule rule, String tag) {
        String attempt = UUID.randomUUID().toString();
        GateDecision decision = await(store.admit(key, rule, attempt));
        if (decision.status() == GateDecision.Status.ADMITTED) {
            await(store.settle(key, rule, attempt, Settlement.FAILED, tag));
        }
        return decision;
    }

    private GateDecision admit(String key, GateRule rule, String attempt) {
        return await(store.admit(key, rule, attempt));
    }

    /** What an admin's list of lockouts is read from: the gates themselves, not the kept events (issue 35). */
    @Test
    void gatesWithFailuresEnoughToCloseThemAreListedByKindNewestFirst() {
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

        List<FailingGate> ips = await(store.failing("ip:", 2, rule.window(), 10));
        assertThat(ips).extracting(FailingGate::key).as("the decoy's one failure closes nothing")
                .containsExactly("ip:b-" + run, "ip:a-" + run);
        assertThat(ips).extracting(FailingGate::count).containsExactly(2, 2);
        assertThat(ips.get(1).oldestAgeMillis()).isGreaterThanOrEqualTo(ips.get(1).newestAgeMillis())
                .isGreaterThanOrEqualTo(20);
        assertThat(ips.get(1).closedFor(rule)).isBetween(1L, rule.window().toMillis() - 20);
        assertThat(await(store.failing("ip:", 2, rule.window(), 1))).extracting(FailingGate::key)
                .containsExactly("ip:b-" + run);
        assertThat(await(store.failing("user:b-", 2, rule.window(), 10))).extracting(FailingGate::key)
                .containsExactly("user:b-" + run);
        await(store.clearFailures("ip:b-" + run));
        assertThat(await(store.failing("ip:", 2, rule.window(), 10))).extracting(FailingGate::key)
                .containsExactly("ip:a-" + run);
    }

    @Test
    void lockoutCountsOnlyFailuresAndOpensWhenTheWindowPasses() {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(WINDOW, 3, 2, Duration.ofSeconds(30));
        String right = UUID.randomUUID().toString();
        assertThat(admit(key, rule, right)).isEqualTo(GateDecision.admitted(0));
        await(store.settle(key, rule, right, Settlement.SUCCEEDED, "user:ann"));
        for (int i = 0; i < 3; i++) {
            assertThat(fail(key, rule, "user:ben")).as("failure %d", i + 1).isEqualTo(GateDecision.admitted(i));
        }
        GateDecision locked = admit(key, rule, "x");
        assertThat(locked.status()).isEqualTo(GateDecision.Status.LOCKED);
        assertThat(locked.failures()).isEqualTo(3);
        assertThat(locked.retryAfterMillis()).isBetween(1L, 1000L);
        assertThat(admit(key, rule, "y").status()).as("refused attempts are not counted").isEqualTo(GateDecision.Status.LOCKED);
        assertThat(await(store.failures(key, WINDOW)).count()).isEqualTo(3);

        elapse(Duration.ofMillis(1100));
        assertThat(await(store.failures(key, WINDOW))).isEqualTo(FailureCount.NONE);
        assertThat(fail(key, rule, "user:ben")).isEqualTo(GateDecision.admitted(0));
        await(store.clearFailures(key));
        assertThat(await(store.failures(key, WINDOW)).count()).isZero();
    }

    @Test
    void attemptsInFlightAreBoundedAndGivenBackBySettlingOrWhenTheLeaseEnds() {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 2, Duration.ofMillis(500));
        assertThat(admit(key, rule, "a").status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "b").status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "c")).isEqualTo(GateDecision.busy(0));
        await(store.settle(key, rule, "a", Settlement.WITHDRAWN, null));
        assertThat(admit(key, rule, "c").status()).as("a withdrawn attempt gives its place back")
                .isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(await(store.failures(key, Duration.ofSeconds(10))).count()).as("and records nothing").isZero();
        elapse(Duration.ofMillis(600));
        assertThat(admit(key, rule, "d").status()).as("leases of b and c ended").isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "e").status()).isEqualTo(GateDecision.Status.ADMITTED);
        assertThat(admit(key, rule, "f").status()).isEqualTo(GateDecision.Status.BUSY);
    }

    @Test
    void successForgetsOnlyTheFailuresWithItsTag() {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 2, Duration.ofSeconds(30));
        fail(key, rule, "user:a|b");
        fail(key, rule, "user:a");
        fail(key, rule, "user:b");
        String ok = UUID.randomUUID().toString();
        admit(key, rule, ok);
        await(store.settle(key, rule, ok, Settlement.SUCCEEDED, "user:a"));
        assertThat(await(store.failures(key, Duration.ofSeconds(10))).count()).as("user:a|b and user:b kept").isEqualTo(2);
        String all = UUID.randomUUID().toString();
        admit(key, rule, all);
        await(store.settle(key, rule, all, Settlement.SUCCEEDED, null));
        assertThat(await(store.failures(key, Duration.ofSeconds(10))).count()).isZero();
    }

    @Test
    void backoffBeginsAtTheThresholdGrowsAndStopsAtItsCeiling() {
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
        await(store.settle(key, rule, right, Settlement.SUCCEEDED, null));
        assertThat(await(store.failures(key, Duration.ofSeconds(10))).count()).as("a success forgets them").isZero();
    }

    @Test
    void concurrentWrongAttemptsNeverPassTheLockoutByMoreThanTheAttemptsInFlight() throws Exception {
        String key = "ip:" + UUID.randomUUID();
        GateRule rule = GateRule.lockout(Duration.ofSeconds(30), 3, 2, Duration.ofSeconds(30));
        SessionStore[] replicas = { store, otherReplica() };
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

    @Test
    void datedMarksAreRememberedAcrossReplicas() {
        String account = "user:" + UUID.randomUUID();
        assertThat(await(store.markedAt(account))).isZero();
        await(store.mark(account, 1_234_567L, Duration.ofSeconds(30)));
        assertThat(await(otherReplica().markedAt(account))).isEqualTo(1_234_567L);
    }

    @Test
    void concurrentChargesNeverExceedTheBudget() throws Exception {
        Session s = create("alice", 1000L);
        List<ChargeOutcome> outcomes = concurrently(200, () -> await(store.charge(s.id(), 10, null, null)));

        long charged = outcomes.stream().filter(o -> o.status() == ChargeOutcome.Status.CHARGED).count();
        assertThat(charged).isEqualTo(100);
        assertThat(outcomes).filteredOn(o -> o.status() == ChargeOutcome.Status.EXCEEDED).hasSize(100);
        assertThat(await(store.touch(s.id())).budget()).isEqualTo(new Budget(1000L, charged * 10));
    }

    /**
     * Many refreshes of one token at once (tabs, retries, an attacker racing the owner): exactly one
     * rotates it. Without a leeway every other one is a reuse, which ends the session, after which the
     * rest find nothing; with a leeway every other one is a replay and the session lives.
     */
    @Test
    void concurrentRefreshesOfOneTokenRotateItExactlyOnce() throws Exception {
        Session strict = create("alice", null);
        AtomicInteger n = new AtomicInteger();
        List<Rotation.Status> noLeeway = concurrently(20, () -> await(store.rotateRefresh(strict.id(),
                hashOf(strict.id(), 0), "new-" + n.incrementAndGet(), Duration.ZERO)).status());
        assertThat(noLeeway).filteredOn(st -> st == Rotation.Status.ROTATED).hasSize(1);
        assertThat(noLeeway).filteredOn(st -> st == Rotation.Status.REUSED).isNotEmpty();
        assertThat(noLeeway).doesNotContain(Rotation.Status.REPLAYED);
        assertThat(await(store.touch(strict.id()))).as("a reuse ended it").isNull();

        Session lenient = create("alice", null);
        List<Rotation.Status> withLeeway = concurrently(20, () -> await(store.rotateRefresh(lenient.id(),
                hashOf(lenient.id(), 0), "new-" + n.incrementAndGet(), Duration.ofSeconds(10))).status());
        assertThat(withLeeway).filteredOn(st -> st == Rotation.Status.ROTATED).hasSize(1);
        assertThat(withLeeway).filteredOn(st -> st == Rotation.Status.REPLAYED).hasSize(19);
        assertThat(await(store.touch(lenient.id()))).as("replays inside the leeway keep it").isNotNull();
    }

    /** Many messages of one session at once at the limit: exactly the allowance goes through. */
    @Test
    void concurrentRateChecksAdmitExactlyTheAllowance() throws Exception {
        Session s = create("alice", null);
        List<RateDecision> decisions = concurrently(50, () -> await(store.use(s.id(), 10, Duration.ofMinutes(1), true)).rate());
        assertThat(decisions).filteredOn(RateDecision::allowed).hasSize(10);
        assertThat(await(store.use(s.id(), 10, Duration.ofMinutes(1), false)).rate().allowed()).isFalse();
    }

    @Test
    void chargeThatDoesNotFitChangesNothing() {
        Session s = create("alice", 25L);
        assertThat(await(store.charge(s.id(), 20, "cbc", null)))
                .isEqualTo(new ChargeOutcome(ChargeOutcome.Status.CHARGED, new Budget(25L, 20)));
        assertThat(await(store.charge(s.id(), 10, "bmp", null)))
                .isEqualTo(new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, new Budget(25L, 20)));
        Session after = await(store.touch(s.id()));
        assertThat(after.orderedTests()).containsExactly("cbc");
        assertThat(after.budget().remaining()).isEqualTo(5L);
    }

    @Test
    void unlimitedBudgetAcceptsAnyChargeAndKeepsOrder() {
        Session s = create("alice", null);
        await(store.charge(s.id(), 1_000_000_000L, "a", null));
        await(store.charge(s.id(), 7, "b", null));
        Session after = await(store.touch(s.id()));
        assertThat(after.budget()).isEqualTo(new Budget(null, 1_000_000_007L));
        assertThat(after.orderedTests()).containsExactly("a", "b");
    }

    @Test
    void chargeWithSeenIdempotencyKeyIsAppliedOnce() {
        Session s = create("alice", 100L);
        assertThat(await(store.charge(s.id(), 30, "cbc", "k1")).status()).isEqualTo(ChargeOutcome.Status.CHARGED);
        ChargeOutcome again = await(store.charge(s.id(), 30, "cbc", "k1"));
        assertThat(again).isEqualTo(new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, new Budget(100L, 30)));
        assertThat(await(store.touch(s.id())).orderedTests()).containsExactly("cbc");
    }

    @Test
    void setBudgetLimitChangesWhatFits() {
        Session s = create("alice", 100L);
        await(store.charge(s.id(), 60, null, null));
        assertThat(await(store.setBudgetLimit(s.id(), 50L))).isEqualTo(new Budget(50L, 60));
        assertThat(new Budget(50L, 60).remaining()).isZero();
        assertThat(await(store.charge(s.id(), 1, null, null)).status()).isEqualTo(ChargeOutcome.Status.EXCEEDED);
        assertThat(await(store.setBudgetLimit(s.id(), null))).isEqualTo(new Budget(null, 60));
        assertThat(await(store.charge(s.id(), 1, null, null)).status()).isEqualTo(ChargeOutcome.Status.CHARGED);
    }

    @Test
    void operationsOnAMissingSessionFindNothing() {
        String missing = UUID.randomUUID().toString();
        assertThat(await(store.touch(missing))).isNull();
        assertThat(await(store.charge(missing, 1, null, null))).isEqualTo(ChargeOutcome.NO_SESSION);
        assertThat(await(store.setBudgetLimit(missing, 5L))).isNull();
        assertThat(await(store.rotateRefresh(missing, "a", "b", Duration.ZERO))).isEqualTo(Rotation.INVALID);
        assertThat(await(store.use(missing, 5, WINDOW, true))).as("nothing recorded for a missing session").isNull();
        assertThat(await(store.delete(missing))).isFalse();
    }

    @Test
    void findReadsWithoutSlidingTheIdleExpiry() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(600));
        Session found = await(store.find(s.id()));
        assertThat(found.lastAccess()).isEqualTo(s.lastAccess());
        elapse(Duration.ofMillis(600));
        assertThat(await(store.find(s.id()))).as("find did not keep it alive").isNull();
    }

    @Test
    void lowerBudgetLimitNeverRaisesIt() {
        Session limited = create("alice", 100L);
        assertThat(await(store.lowerBudgetLimit(limited.id(), 150))).isEqualTo(new Budget(100L, 0));
        assertThat(await(store.lowerBudgetLimit(limited.id(), 40))).isEqualTo(new Budget(40L, 0));
        Session unlimited = create("alice", null);
        assertThat(await(store.lowerBudgetLimit(unlimited.id(), 70))).isEqualTo(new Budget(70L, 0));
        assertThat(await(store.lowerBudgetLimit(UUID.randomUUID().toString(), 1))).isNull();
    }

    @Test
    void endedSessionsAreAnnouncedToEveryReplica() {
        AssertSubscriber<String> replica = otherReplica().endedSessions().subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        // A pub/sub subscription is ready some time after the call: wait until an end is heard. Any probe
        // counts: an announcement arrives a moment after the delete returns, often after the check of its
        // own round, and the next round's check looks for a new probe.
        List<String> probes = new CopyOnWriteArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            Session probe = create("probe", null);
            probes.add(probe.id());
            await(store.delete(probe.id()));
            return replica.getItems().stream().anyMatch(probes::contains);
        });
        Session loggedOut = create("alice", null);
        Session reused = create("alice", null);
        await(store.delete(loggedOut.id()));
        await(store.rotateRefresh(reused.id(), hashOf(reused.id(), 0), hashOf(reused.id(), 1), Duration.ZERO));
        await(store.rotateRefresh(reused.id(), hashOf(reused.id(), 0), hashOf(reused.id(), 2), Duration.ZERO));

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(replica.getItems()).contains(loggedOut.id(), reused.id()));
        replica.cancel();
    }

    @Test
    void livesSessionsArePagedNewestFirstByNamePrefixAndGroup() {
        String ward = "ward-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Session> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            made.add(await(store.create(new NewSession(id, ward + (i % 2 == 0 ? "nurse" : "doctor") + i,
                    i == 4 ? "admin" : "user", null, hashOf(id, 0), Map.of()))));
            elapse(Duration.ofMillis(2));
        }
        await(store.delete(made.get(1).id()));
        create("elsewhere-" + UUID.randomUUID(), null);

        List<Session> mine = await(store.page(new SessionQuery(ward, null, null, 10)));
        assertThat(mine).extracting(Session::id).containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id(),
                made.get(0).id());
        assertThat(await(store.page(new SessionQuery(ward + "nurse", null, null, 10)))).extracting(Session::id)
                .containsExactly(made.get(4).id(), made.get(2).id(), made.get(0).id());
        assertThat(await(store.page(new SessionQuery(ward, "admin", null, 10)))).extracting(Session::id)
                .containsExactly(made.get(4).id());

        List<Session> first = await(store.page(new SessionQuery(ward, null, null, 2)));
        List<Session> second = await(store.page(new SessionQuery(ward, null, SessionQuery.Cursor.of(first.get(1)), 2)));
        List<Session> third = await(store.page(new SessionQuery(ward, null, SessionQuery.Cursor.of(second.get(1)), 2)));
        assertThat(first).extracting(Session::id).containsExactly(made.get(4).id(), made.get(3).id());
        assertThat(second).extracting(Session::id).containsExactly(made.get(2).id(), made.get(0).id());
        assertThat(third).isEmpty();
        assertThat(await(store.find(made.get(0).id())).lastAccess()).as("listing slid nothing")
                .isEqualTo(made.get(0).lastAccess());
    }

    @Test
    void replicasReportTheirSocketsUntilTheirReportsRunOut() {
        await(store.report("pod-a", 3, Duration.ofMillis(500)));
        await(store.report("pod-b", 1, Duration.ofSeconds(30)));
        await(store.report("pod-a", 4, Duration.ofMillis(500)));
        assertThat(await(otherReplica().reported())).containsExactly(Map.entry("pod-a", 4), Map.entry("pod-b", 1));
        elapse(Duration.ofMillis(600));
        assertThat(await(store.reported())).as("pod-a stopped reporting").containsExactly(Map.entry("pod-b", 1));
    }

    private void keep(String type, String user, String address, long at) {
        keep(type, user, address, at, EventShelf.ACCOUNTS, 1_000);
    }

    private void keep(String type, String user, String address, long at, EventShelf shelf, int maxKept) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (user != null) {
            fields.put("user", user);
        }
        if (address != null) {
            fields.put("client_ip", address);
        }
        await(store.keep(new KeptEvent(null, at, type, type.equals("login.locked"), fields), shelf, Duration.ofHours(1),
                maxKept));
    }

    private List<KeptEvent> recent(String user, String address, String type, long since, String before, int limit) {
        return await(store.recent(new EventQuery(user, address, type, since, before, limit))).events();
    }

    @Test
    void keptEventsAreReadNewestFirstByFilterAndPage() {
        long at = System.currentTimeMillis();
        keep("login.failure", "ann", "192.0.2.1", at);
        keep("login.locked", "ann", "192.0.2.1", at + 1);
        keep("login.success", "ann", "198.51.100.2", at + 2);
        keep("logout", "bob", null, at + 3);
        keep("admin.events.read", null, null, at + 4);

        List<KeptEvent> all = recent(null, null, null, 0, null, 10);
        assertThat(all).extracting(KeptEvent::type).containsExactly("admin.events.read", "logout", "login.success",
                "login.locked", "login.failure");
        assertThat(all.get(3).warning()).isTrue();
        assertThat(all.get(3).fields()).containsEntry("user", "ann").containsEntry("client_ip", "192.0.2.1");
        assertThat(all.get(3).atMillis()).isEqualTo(at + 1);
        assertThat(recent("ann", null, null, 0, null, 10)).hasSize(3);
        assertThat(recent(null, "192.0.2.1", null, 0, null, 10)).extracting(KeptEvent::type)
                .containsExactly("login.locked", "login.failure");
        assertThat(recent(null, null, "login.", 0, null, 10)).hasSize(3);
        assertThat(recent(null, null, "logout", 0, null, 10)).extracting(KeptEvent::user).containsExactly("bob");
        assertThat(recent("ann", null, "login.success", 0, null, 10)).hasSize(1);
        assertThat(recent(null, null, null, Long.MAX_VALUE / 2, null, 10)).as("nothing since a later time").isEmpty();

        List<KeptEvent> first = recent(null, null, null, 0, null, 2);
        List<KeptEvent> second = recent(null, null, null, 0, first.get(1).id(), 2);
        List<KeptEvent> third = recent(null, null, null, 0, second.get(1).id(), 2);
        assertThat(first).extracting(KeptEvent::type).containsExactly("admin.events.read", "logout");
        assertThat(second).extracting(KeptEvent::type).containsExactly("login.success", "login.locked");
        assertThat(third).extracting(KeptEvent::type).containsExactly("login.failure");
        assertThat(recent("ann", null, null, 0, first.get(0).id(), 1)).as("a filtered page past non-matching events")
                .extracting(KeptEvent::type).containsExactly("login.success");
    }

    @Test
    void aFloodOfNoiseNeverPushesOutTheEventsAboutAccounts() {
        long at = System.currentTimeMillis();
        keep("login.failure", "victim", "192.0.2.1", at, EventShelf.ACCOUNTS, 10);
        keep("login.success", "victim", "192.0.2.1", at + 1, EventShelf.ACCOUNTS, 10);
        for (int i = 0; i < 500; i++) {
            keep("refresh.invalid", null, "203.0.113." + (i % 250), at + 2, EventShelf.NOISE, 300);
        }
        await(store.purgeExpired());
        assertThat(recent("victim", null, null, 0, null, 10)).as("the noise shelf's bound never drops an account's events")
                .extracting(KeptEvent::type).containsExactly("login.success", "login.failure");
        assertThat(recent(null, null, "refresh.invalid", 0, null, 200)).as("a full page of the newest noise").hasSize(200);
        List<KeptEvent> noise = new ArrayList<>();
        String before = null;
        for (List<KeptEvent> page = List.of(); before == null || page.size() == 200;) {
            page = recent(null, null, "refresh.invalid", 0, before, 200);
            noise.addAll(page);
            before = page.isEmpty() ? "" : page.get(page.size() - 1).id();
        }
        assertThat(noise).as("bounded (Redis trims whole stream nodes of 100)").hasSizeBetween(300, 400);
    }

    @Test
    void bothShelvesReadAsOneNewestFirstPageByPage() {
        long at = System.currentTimeMillis();
        List<String> kept = List.of("login.failure", "login.locked", "refresh.invalid", "login.success", "logout.gone",
                "logout", "login.busy");
        for (int i = 0; i < kept.size(); i++) {
            String type = kept.get(i);
            boolean noise = type.equals("login.locked") || type.equals("refresh.invalid") || type.equals("logout.gone")
                    || type.equals("login.busy");
            keep(type, noise ? null : "ann", "192.0.2.1", at + i, noise ? EventShelf.NOISE : EventShelf.ACCOUNTS, 1_000);
            elapse(Duration.ofMillis(2)); // Redis numbers its entries by its own clock
        }
        List<KeptEvent> read = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 10; page++) {
            List<KeptEvent> found = recent(null, null, null, 0, before, 2);
            read.addAll(found);
            if (found.size() < 2) {
                break;
            }
            before = found.get(1).id();
        }
        assertThat(read).extracting(KeptEvent::type).containsExactly("login.busy", "logout", "logout.gone",
                "login.success", "refresh.invalid", "login.locked", "login.failure");
        assertThat(recent(null, "192.0.2.1", "login.", 0, null, 10)).extracting(KeptEvent::type)
                .containsExactly("login.busy", "login.success", "login.locked", "login.failure");
    }

    /** Runs {@code task} {@code n} times from many threads released at once; the results. */
    protected static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

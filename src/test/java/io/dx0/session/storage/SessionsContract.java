package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** Sessions: lifecycle, expiry edges, refresh rotation, the per-user bound, paging, ends heard by every replica. Run on every backend by its store test. */
interface SessionsContract extends StoreHarness {

    @Test
    default void createdSessionIsReturnedWithItsFields() {
        Session s = create("alice", 500L);
        Session read = await(store().touch(s.id()));
        assertThat(read.username()).isEqualTo("alice");
        assertThat(read.group()).isEqualTo("user");
        assertThat(read.budget()).isEqualTo(new Budget(500L, 0));
        assertThat(read.orderedTests()).isEmpty();
        assertThat(read.metadata()).containsEntry("client", "test");
        assertThat(read.absoluteExpiry()).isEqualTo(read.createdAt().plus(POLICY.maxLifetime()));
        assertThat(read.expiresAt()).isEqualTo(read.lastAccess().plus(POLICY.idleTimeout()));
    }

    @Test
    default void idleSessionExpires() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(1300));
        assertThat(await(store().touch(s.id()))).isNull();
    }

    @Test
    default void touchSlidesIdleExpiry() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(600));
        assertThat(await(store().touch(s.id()))).isNotNull();
        elapse(Duration.ofMillis(600));
        assertThat(await(store().touch(s.id()))).as("600 ms after the last use, 1200 ms after creation").isNotNull();
        elapse(Duration.ofMillis(1300));
        assertThat(await(store().touch(s.id()))).isNull();
    }

    @Test
    default void absoluteLifetimeCapsSlidingRenewal() {
        Session s = create("alice", null);
        for (int i = 0; i < 4; i++) {
            elapse(Duration.ofMillis(600));
            Session touched = await(store().touch(s.id()));
            assertThat(touched).isNotNull();
            assertThat(touched.expiresAt()).isBeforeOrEqualTo(touched.absoluteExpiry());
        }
        elapse(Duration.ofMillis(800));
        assertThat(await(store().touch(s.id()))).as("used every 600 ms but past the 3 s cap").isNull();
    }

    @Test
    default void deleteEndsSessionOnce() {
        Session s = create("alice", null);
        assertThat(await(store().delete(s.id()))).isTrue();
        assertThat(await(store().touch(s.id()))).isNull();
        assertThat(await(store().delete(s.id()))).isFalse();
    }

    @Test
    default void listByUsernameSkipsExpiredAndDeletedSessions() {
        String user = "bob-" + UUID.randomUUID();
        Session expiring = create(user, null);
        elapse(Duration.ofMillis(600));
        Session kept = create(user, null);
        Session deleted = create(user, null);
        create("someone-else-" + UUID.randomUUID(), null);
        await(store().delete(deleted.id()));
        elapse(Duration.ofMillis(600));

        List<Session> sessions = await(store().listByUsername(user));
        assertThat(sessions).extracting(Session::id).containsExactly(kept.id());
        assertThat(sessions).extracting(Session::id).doesNotContain(expiring.id());
    }

    @Test
    default void countLiveCountsOnlyLiveSessions() {
        long before = await(store().countLive());
        Session expiring = create("carol", null);
        elapse(Duration.ofMillis(600));
        create("carol", null);
        Session deleted = create("dave", null);
        await(store().delete(deleted.id()));
        assertThat(await(store().countLive())).isEqualTo(before + 2);
        elapse(Duration.ofMillis(600));
        assertThat(await(store().touch(expiring.id()))).isNull();
        assertThat(await(store().countLive())).isEqualTo(before + 1);
    }

    @Test
    default void refreshRotationAcceptsOnlyTheCurrentSecret() {
        Session s = create("alice", null);
        Rotation first = await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), Duration.ZERO));
        assertThat(first.status()).isEqualTo(Rotation.Status.ROTATED);
        assertThat(first.session().id()).isEqualTo(s.id());
        assertThat(await(store().rotateRefresh(s.id(), "never-issued", "x", Duration.ZERO)).status())
                .isEqualTo(Rotation.Status.INVALID);
        assertThat(await(store().touch(s.id()))).as("a wrong secret does not end the session").isNotNull();
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 1), hashOf(s.id(), 2), Duration.ZERO)).status())
                .isEqualTo(Rotation.Status.ROTATED);
    }

    @Test
    default void rotatedRefreshTokenReuseRevokesSession() {
        Session s = create("alice", null);
        await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), Duration.ZERO));
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 9), Duration.ZERO)).status())
                .isEqualTo(Rotation.Status.REUSED);
        assertThat(await(store().touch(s.id()))).isNull();
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 1), "y", Duration.ZERO)).status())
                .as("the current secret is dead too").isEqualTo(Rotation.Status.INVALID);
        assertThat(await(store().listByUsername("alice"))).extracting(Session::id).doesNotContain(s.id());
    }

    @Test
    default void aReplayOfTheTokenJustRotatedOutWithinTheLeewayGetsANewSecretAndTheSessionLives() {
        Duration leeway = Duration.ofSeconds(2);
        Session s = create("alice", null);
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), leeway)).status())
                .isEqualTo(Rotation.Status.ROTATED);
        Rotation replay = await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 2), leeway));
        assertThat(replay.status()).as("two tabs, or a retry whose answer was lost").isEqualTo(Rotation.Status.REPLAYED);
        assertThat(replay.session().id()).isEqualTo(s.id());
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 3), leeway)).status())
                .as("again, still inside the leeway").isEqualTo(Rotation.Status.REPLAYED);
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 3), hashOf(s.id(), 4), leeway)).status())
                .as("the newest secret rotates").isEqualTo(Rotation.Status.ROTATED);
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 2), "x", leeway)).status())
                .as("a secret a replay replaced is not the one rotated out last: reuse").isEqualTo(Rotation.Status.REUSED);
        assertThat(await(store().touch(s.id()))).isNull();
    }

    @Test
    default void outsideTheLeewayAReplayStillEndsTheSession() {
        Duration leeway = Duration.ofSeconds(1);
        Session s = create("alice", null);
        await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 1), leeway));
        elapse(Duration.ofMillis(600));
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 2), leeway)).status())
                .as("just inside").isEqualTo(Rotation.Status.REPLAYED);
        elapse(Duration.ofMillis(500));
        assertThat(await(store().rotateRefresh(s.id(), hashOf(s.id(), 0), hashOf(s.id(), 3), leeway)).status())
                .as("just outside: the leeway runs from the first rotation, a replay does not extend it")
                .isEqualTo(Rotation.Status.REUSED);
        assertThat(await(store().touch(s.id()))).isNull();
    }

    @Test
    default void endOldestEndsTheOldestPastTheBoundButNeverTheOneJustOpened() {
        String user = "evicted-" + UUID.randomUUID();
        List<Session> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(create(user, null));
            elapse(Duration.ofMillis(2));
        }
        Session someoneElse = create("someone-else-" + UUID.randomUUID(), null);

        assertThat(await(store().endOldest(user, 2, mine.get(3).id())))
                .containsExactly(mine.get(0).id(), mine.get(1).id());
        assertThat(await(store().listByUsername(user))).extracting(Session::id)
                .containsExactly(mine.get(2).id(), mine.get(3).id());
        assertThat(await(store().touch(mine.get(0).id()))).isNull();
        assertThat(await(store().endOldest(user, 2, mine.get(3).id()))).as("within the bound now").isEmpty();
        assertThat(await(store().endOldest(user, 1, mine.get(2).id()))).as("the opened one is spared, not the newest")
                .containsExactly(mine.get(3).id());
        assertThat(await(store().touch(someoneElse.id()))).isNotNull();
    }

    /**
     * Ten logins of one user at once, each then ending what is past a bound of 3: exactly three
     * sessions stay and no session is ended twice. A login whose own new session another login's
     * choice ended ends nothing (counting, then listing, then deleting in separate steps could end
     * every new session of a burst: each login sees the others' as older than its own).
     */
    @Test
    default void concurrentLoginsOfOneUserKeepExactlyTheBound() throws Exception {
        String user = "burst-" + UUID.randomUUID();
        List<Session> opened = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            opened.add(create(user, null));
        }
        AtomicInteger next = new AtomicInteger();
        List<List<String>> ended = concurrently(10, () -> await(store().endOldest(user, 3,
                opened.get(next.getAndIncrement()).id())));

        List<String> all = ended.stream().flatMap(List::stream).toList();
        assertThat(all).as("each ended once").doesNotHaveDuplicates().hasSize(7);
        assertThat(await(store().listByUsername(user))).hasSize(3);
    }

    /** A session is gone at exactly its expiry instant and live one millisecond before it. */
    @Test
    default void idleExpiryEdgeIsExactToTheMillisecond() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        Session s = create("alice", null);
        elapse(POLICY.idleTimeout().minusMillis(1));
        assertThat(await(store().find(s.id()))).as("1 ms before its expiry").isNotNull();
        elapse(Duration.ofMillis(1));
        assertThat(await(store().find(s.id()))).as("at its expiry").isNull();
        assertThat(await(store().touch(s.id()))).as("nor can a use revive it").isNull();
    }

    /**
     * Many refreshes of one token at once (tabs, retries, an attacker racing the owner): exactly one
     * rotates it. Without a leeway every other one is a reuse, which ends the session, after which the
     * rest find nothing; with a leeway every other one is a replay and the session lives.
     */
    @Test
    default void concurrentRefreshesOfOneTokenRotateItExactlyOnce() throws Exception {
        Session strict = create("alice", null);
        AtomicInteger n = new AtomicInteger();
        List<Rotation.Status> noLeeway = concurrently(20, () -> await(store().rotateRefresh(strict.id(),
                hashOf(strict.id(), 0), "new-" + n.incrementAndGet(), Duration.ZERO)).status());
        assertThat(noLeeway).filteredOn(st -> st == Rotation.Status.ROTATED).hasSize(1);
        assertThat(noLeeway).filteredOn(st -> st == Rotation.Status.REUSED).isNotEmpty();
        assertThat(noLeeway).doesNotContain(Rotation.Status.REPLAYED);
        assertThat(await(store().touch(strict.id()))).as("a reuse ended it").isNull();

        Session lenient = create("alice", null);
        List<Rotation.Status> withLeeway = concurrently(20, () -> await(store().rotateRefresh(lenient.id(),
                hashOf(lenient.id(), 0), "new-" + n.incrementAndGet(), Duration.ofSeconds(10))).status());
        assertThat(withLeeway).filteredOn(st -> st == Rotation.Status.ROTATED).hasSize(1);
        assertThat(withLeeway).filteredOn(st -> st == Rotation.Status.REPLAYED).hasSize(19);
        assertThat(await(store().touch(lenient.id()))).as("replays inside the leeway keep it").isNotNull();
    }

    @Test
    default void findReadsWithoutSlidingTheIdleExpiry() {
        Session s = create("alice", null);
        elapse(Duration.ofMillis(600));
        Session found = await(store().find(s.id()));
        assertThat(found.lastAccess()).isEqualTo(s.lastAccess());
        elapse(Duration.ofMillis(600));
        assertThat(await(store().find(s.id()))).as("find did not keep it alive").isNull();
    }

    @Test
    default void endedSessionsAreAnnouncedToEveryReplica() {
        AssertSubscriber<String> replica = otherReplica().endedSessions().subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        // A pub/sub subscription is ready some time after the call: wait until an end is heard. Any probe
        // counts: an announcement arrives a moment after the delete returns, often after the check of its
        // own round, and the next round's check looks for a new probe.
        List<String> probes = new CopyOnWriteArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            Session probe = create("probe", null);
            probes.add(probe.id());
            await(store().delete(probe.id()));
            return replica.getItems().stream().anyMatch(probes::contains);
        });
        Session loggedOut = create("alice", null);
        Session reused = create("alice", null);
        await(store().delete(loggedOut.id()));
        await(store().rotateRefresh(reused.id(), hashOf(reused.id(), 0), hashOf(reused.id(), 1), Duration.ZERO));
        await(store().rotateRefresh(reused.id(), hashOf(reused.id(), 0), hashOf(reused.id(), 2), Duration.ZERO));

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(replica.getItems()).contains(loggedOut.id(), reused.id()));
        replica.cancel();
    }

    @Test
    default void livesSessionsArePagedNewestFirstByNamePrefixAndGroup() {
        String ward = "ward-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Session> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            made.add(await(store().create(new NewSession(id, ward + (i % 2 == 0 ? "nurse" : "doctor") + i,
                    i == 4 ? "admin" : "user", null, hashOf(id, 0), Map.of()))));
            elapse(Duration.ofMillis(2));
        }
        await(store().delete(made.get(1).id()));
        create("elsewhere-" + UUID.randomUUID(), null);

        List<Session> mine = await(store().page(new SessionQuery(ward, null, null, 10)));
        assertThat(mine).extracting(Session::id).containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id(),
                made.get(0).id());
        assertThat(await(store().page(new SessionQuery(ward + "nurse", null, null, 10)))).extracting(Session::id)
                .containsExactly(made.get(4).id(), made.get(2).id(), made.get(0).id());
        assertThat(await(store().page(new SessionQuery(ward, "admin", null, 10)))).extracting(Session::id)
                .containsExactly(made.get(4).id());

        List<Session> first = await(store().page(new SessionQuery(ward, null, null, 2)));
        List<Session> second = await(store().page(new SessionQuery(ward, null, SessionQuery.Cursor.of(first.get(1)), 2)));
        List<Session> third = await(store().page(new SessionQuery(ward, null, SessionQuery.Cursor.of(second.get(1)), 2)));
        assertThat(first).extracting(Session::id).containsExactly(made.get(4).id(), made.get(3).id());
        assertThat(second).extracting(Session::id).containsExactly(made.get(2).id(), made.get(0).id());
        assertThat(third).isEmpty();
        assertThat(await(store().find(made.get(0).id())).lastAccess()).as("listing slid nothing")
                .isEqualTo(made.get(0).lastAccess());
    }
}

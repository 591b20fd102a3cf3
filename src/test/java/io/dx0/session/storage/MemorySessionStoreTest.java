package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;
import io.dx0.session.session.NewSession;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.memory.MemorySessionStore;
import io.dx0.session.testsupport.MutableClock;

class MemorySessionStoreTest extends SessionStoreContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public SessionStore newStore() {
        return new MemorySessionStore(POLICY, 50, clock);
    }

    @Override
    public void elapse(Duration d) {
        clock.advance(d);
    }

    @Test
    void aSuccessIsSettledEvenWhenTheFailureLogsAreFull() {
        GateRule rule = GateRule.lockout(Duration.ofSeconds(10), 5, 2, Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++) {
            fail("ip:guess-" + i, rule, "user:x");
        }
        assertThatThrownBy(() -> fail("ip:one-more", rule, "user:x")).as("the bound on failure logs holds")
                .isInstanceOf(StoreFullException.class);
        await(store.settle("ip:never-failed", rule, "attempt", Settlement.SUCCEEDED, "user:ann"));
        await(store.settle("ip:never-failed", rule, "attempt", Settlement.WITHDRAWN, null));
        assertThat(await(store.failures("ip:never-failed", Duration.ofSeconds(10))).count()).isZero();
    }

    @Test
    void fullStoreRefusesNewSessionsAndNeverEvictsLiveOnes() {
        for (int i = 0; i < 50; i++) {
            create("user" + i, null);
        }
        assertThatThrownBy(() -> create("one-too-many", null))
                .isInstanceOf(StoreFullException.class)
                .hasMessageContaining("session.memory.max-sessions");
        assertThat(await(store.countLive())).isEqualTo(50);
    }

    @Test
    void fullStoreMakesRoomByPurgingExpiredSessions() {
        for (int i = 0; i < 50; i++) {
            create("user" + i, null);
        }
        elapse(Duration.ofMillis(1500));
        assertThat(create("after-expiry", null)).isNotNull();
        assertThat(await(store.countLive())).isEqualTo(1);
    }

    /** Exactly at its bound the store takes the last session without purging (the expired one stays for the purge). */
    @Test
    void theLastPlaceIsTakenWithoutAPurge() {
        fillWithOneExpired();
        assertThat(await(store.purgeExpired())).as("the 50th session did not purge the expired one").isEqualTo(1);
    }

    /** Past its bound a purge that frees exactly one place makes room for exactly one more session. */
    @Test
    void aPurgeThatFreesOnePlaceMakesRoomForOneSession() {
        fillWithOneExpired();
        assertThat(create("fifty-first", null)).isNotNull();
        assertThatThrownBy(() -> create("fifty-second", null)).isInstanceOf(StoreFullException.class);
        assertThat(await(store.countLive())).isEqualTo(50);
    }

    /** All 50 places taken: one by a session that has expired (and not been purged), 49 by live ones. */
    private void fillWithOneExpired() {
        create("expired", null);
        elapse(Duration.ofMillis(1500));
        for (int i = 0; i < 49; i++) {
            create("user" + i, null);
        }
    }

    @Test
    void itNamesItselfForReadiness() {
        assertThat(store.name()).isEqualTo("memory");
        assertThat(new MemorySessionStore("memory (fallback from redis)", POLICY, 1, clock).name())
                .isEqualTo("memory (fallback from redis)");
    }

    @Test
    void purgeRemovesExpiredSessionsAndEmptyFailureLogs() {
        create("a", null);
        create("b", null);
        fail("ip:1", GateRule.lockout(Duration.ofSeconds(1), 5, 2, Duration.ofMillis(500)), "user:a");
        elapse(Duration.ofMillis(1500));
        assertThat(await(store.purgeExpired())).isEqualTo(2);
        assertThat(await(store.purgeExpired())).isZero();
        assertThat(await(store.failures("ip:1", Duration.ofSeconds(1))).count()).isZero();
    }

    @Test
    void duplicateSessionIdIsRefused() {
        NewSession s = new NewSession("same", "a", "user", null, "h", Map.of());
        await(store.create(s));
        assertThatThrownBy(() -> await(store.create(s))).isInstanceOf(IllegalStateException.class);
        assertThat(await(store.countLive())).isEqualTo(1);
    }

    @Test
    void keptEventsAreBoundedByCountAndAge() {
        for (int i = 0; i < 30; i++) {
            await(store.keep(new KeptEvent(null, clock.millis(), "login.failure", false, Map.of("user", "u" + i)),
                    EventShelf.ACCOUNTS, Duration.ofMinutes(5), 20));
        }
        List<KeptEvent> kept = await(store.recent(new EventQuery(null, null, null, 0, null, 100))).events();
        assertThat(kept).hasSize(20);
        assertThat(kept.get(0).user()).isEqualTo("u29");
        elapse(Duration.ofMinutes(6));
        await(store.keep(new KeptEvent(null, clock.millis(), "logout", false, Map.of()), EventShelf.ACCOUNTS,
                Duration.ofMinutes(5), 20));
        assertThat(await(store.recent(new EventQuery(null, null, null, 0, null, 100))).events()).as("the older ones aged out")
                .extracting(KeptEvent::type).containsExactly("logout");
    }
}

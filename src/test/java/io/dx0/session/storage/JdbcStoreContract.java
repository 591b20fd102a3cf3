package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.login.GateRule;
import io.dx0.session.session.Session;
import io.dx0.session.testsupport.MutableClock;

/** The contract on the SQL backends, clocked by the service clock (here moved by hand), plus their purge. */
abstract class JdbcStoreContract extends SessionStoreContract {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public void elapse(Duration d) {
        clock.advance(d);
    }

    @Test
    void purgeDeletesExpiredRowsAndKeepsLiveOnes() {
        Session expiring = create("alice", 100L);
        await(store.charge(expiring.id(), 10, "cbc", "k"));
        await(store.use(expiring.id(), 5, Duration.ofMillis(500), true));
        fail("ip:192.0.2.1", GateRule.lockout(Duration.ofMillis(500), 5, 2, Duration.ofMillis(500)), "user:a");
        elapse(Duration.ofMillis(600));
        Session live = create("bob", null);
        elapse(Duration.ofMillis(600));

        assertThat(await(store.purgeExpired())).isEqualTo(1);
        assertThat(await(store.purgeExpired())).isZero();
        assertThat(await(store.touch(live.id()))).isNotNull();
        assertThat(await(store.failures("ip:192.0.2.1", Duration.ofSeconds(10))).count()).as("its window passed").isZero();
        assertThat(await(store.countLive())).isEqualTo(1);
    }

    @Test
    void thePurgeKeepsTheNewestEventsUpToTheBoundAndDropsExpiredOnes() {
        for (int i = 0; i < 30; i++) {
            await(store.keep(new KeptEvent(null, clock.millis() + i, "login.failure", false, Map.of("user", "u" + i)),
                    EventShelf.ACCOUNTS, Duration.ofMinutes(5), 20));
        }
        await(store.purgeExpired());
        List<KeptEvent> kept = await(store.recent(new EventQuery(null, null, null, 0, null, 100))).events();
        assertThat(kept).hasSize(20);
        assertThat(kept.get(0).user()).isEqualTo("u29");
        assertThat(kept.get(19).user()).isEqualTo("u10");
        elapse(Duration.ofMinutes(6));
        await(store.purgeExpired());
        assertThat(await(store.recent(new EventQuery(null, null, null, 0, null, 100))).events()).isEmpty();
    }

    @Test
    void thePurgeBoundsEachShelfApart() {
        for (int i = 0; i < 3; i++) {
            await(store.keep(new KeptEvent(null, clock.millis() + i, "login.failure", false, Map.of("user", "real" + i)),
                    EventShelf.ACCOUNTS, Duration.ofMinutes(5), 20));
        }
        for (int i = 0; i < 30; i++) {
            await(store.keep(new KeptEvent(null, clock.millis() + 10 + i, "refresh.invalid", false,
                    Map.of("client_ip", "192.0.2." + i)), EventShelf.NOISE, Duration.ofMinutes(5), 5));
        }
        await(store.purgeExpired());
        List<KeptEvent> kept = await(store.recent(new EventQuery(null, null, null, 0, null, 100))).events();
        assertThat(kept).filteredOn(e -> e.type().equals("refresh.invalid")).extracting(KeptEvent::address)
                .containsExactly("192.0.2.29", "192.0.2.28", "192.0.2.27", "192.0.2.26", "192.0.2.25");
        assertThat(kept).filteredOn(e -> e.type().equals("login.failure")).extracting(KeptEvent::user)
                .containsExactly("real2", "real1", "real0");
    }
}

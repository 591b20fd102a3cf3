package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.storage.backend.SessionStore;

/**
 * The storage contract every backend passes unchanged, one interface per capability
 * ({@link SessionsContract}, {@link SessionUsesContract}, {@link LoginGatesContract}, {@link DatedMarksContract},
 * {@link BudgetsContract}, {@link SecurityEventsContract}, {@link ReplicasContract}); a backend's store test
 * extends this class and so runs every one of them, plus what holds across them here.
 */
public abstract class SessionStoreContract
        implements
            StoreHarness,
            SessionsContract,
            SessionUsesContract,
            LoginGatesContract,
            DatedMarksContract,
            BudgetsContract,
            SecurityEventsContract,
            ReplicasContract {

    protected SessionStore store;

    /** A new, empty store with {@link #POLICY}. */
    public abstract SessionStore newStore();

    /** Lets {@code d} pass for the store. */
    public abstract void elapse(Duration d);

    /**
     * Whether {@link #elapse} moves the store's clock exactly (the memory and SQL backends run on the
     * service clock a test sets); Redis reads its own {@code TIME}, so a test there can only wait.
     */
    @Override
    public boolean clockIsExact() {
        return true;
    }

    /** The same backend as another service replica sees it; the memory backend has only one. */
    @Override
    public SessionStore otherReplica() {
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
    void operationsOnAMissingSessionFindNothing() {
        String missing = UUID.randomUUID().toString();
        assertThat(await(store.touch(missing))).isNull();
        assertThat(await(store.charge(missing, 1, null, null))).isEqualTo(ChargeOutcome.NO_SESSION);
        assertThat(await(store.setBudgetLimit(missing, 5L))).isNull();
        assertThat(await(store.rotateRefresh(missing, "a", "b", Duration.ZERO))).isEqualTo(Rotation.INVALID);
        assertThat(await(store.use(missing, 5, WINDOW, true))).as("nothing recorded for a missing session").isNull();
        assertThat(await(store.delete(missing))).isFalse();
    }

    @Override
    public SessionStore store() {
        return store;
    }
}

package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Dated marks: kept until the end of their keeping, seen by every replica. Run on every backend by its store test. */
interface DatedMarksContract extends StoreHarness {

    /** A device revocation is kept for exactly its time, then forgotten (by then every token it covered has expired). */
    @Test
    default void aDeviceRevocationIsForgottenAtExactlyTheEndOfItsKeeping() {
        assumeTrue(clockIsExact(), "needs a clock the test sets");
        String account = "user:" + UUID.randomUUID();
        await(store().mark(account, 1_234_567L, Duration.ofMillis(500)));
        elapse(Duration.ofMillis(499));
        assertThat(await(store().markedAt(account))).isEqualTo(1_234_567L);
        elapse(Duration.ofMillis(1));
        assertThat(await(store().markedAt(account))).isZero();
    }

    @Test
    default void datedMarksAreRememberedAcrossReplicas() {
        String account = "user:" + UUID.randomUUID();
        assertThat(await(store().markedAt(account))).isZero();
        await(store().mark(account, 1_234_567L, Duration.ofSeconds(30)));
        assertThat(await(otherReplica().markedAt(account))).isEqualTo(1_234_567L);
    }
}

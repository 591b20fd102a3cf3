package io.dx0.session.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ComeBackTimeTest {

    /** A monotonic clock in nanoseconds that moves only when told, from an arbitrary (negative) origin. */
    private final AtomicLong nanos = new AtomicLong(-42_000_000_000L);
    private final ComeBackTime comeBack = new ComeBackTime(nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void aSocketNeverToldToWaitIsNeverEarly() {
        assertThat(comeBack.earlyByMillis()).isZero();
    }

    @Test
    void aMessageBeforeTheToldTimeIsEarlyByWhatIsLeftOfItAndOnTimeFromThenOn() {
        comeBack.told(300);
        assertThat(comeBack.earlyByMillis()).as("resent the instant it read busy").isEqualTo(300);
        advance(Duration.ofMillis(120));
        assertThat(comeBack.earlyByMillis()).isEqualTo(180);
        advance(Duration.ofMillis(180));
        assertThat(comeBack.earlyByMillis()).as("came back when told").isZero();
        advance(Duration.ofSeconds(5));
        assertThat(comeBack.earlyByMillis()).isZero();
    }

    @Test
    void theLatestTimeToldStandsAShorterOneToldAfterItDoesNotBringItForward() {
        comeBack.told(1_000);
        advance(Duration.ofMillis(100));
        comeBack.told(50); // a refusal of a second message in progress, told only the line's length
        assertThat(comeBack.earlyByMillis()).isEqualTo(900);
        comeBack.told(2_000);
        assertThat(comeBack.earlyByMillis()).isEqualTo(2_000);
    }
}

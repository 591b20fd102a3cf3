package io.dx0.session.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.MutableClock;

class ComeBackTimeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ComeBackTime comeBack = new ComeBackTime(clock);

    @Test
    void aSocketNeverToldToWaitIsNeverEarly() {
        assertThat(comeBack.earlyByMillis()).isZero();
    }

    @Test
    void aMessageBeforeTheToldTimeIsEarlyByWhatIsLeftOfItAndOnTimeFromThenOn() {
        comeBack.told(300);
        assertThat(comeBack.earlyByMillis()).as("resent the instant it read busy").isEqualTo(300);
        clock.advance(Duration.ofMillis(120));
        assertThat(comeBack.earlyByMillis()).isEqualTo(180);
        clock.advance(Duration.ofMillis(180));
        assertThat(comeBack.earlyByMillis()).as("came back when told").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(comeBack.earlyByMillis()).isZero();
    }

    @Test
    void theLatestTimeToldStandsAShorterOneToldAfterItDoesNotBringItForward() {
        comeBack.told(1_000);
        clock.advance(Duration.ofMillis(100));
        comeBack.told(50); // a refusal of a second message in progress, told only the line's length
        assertThat(comeBack.earlyByMillis()).isEqualTo(900);
        comeBack.told(2_000);
        assertThat(comeBack.earlyByMillis()).isEqualTo(2_000);
    }
}

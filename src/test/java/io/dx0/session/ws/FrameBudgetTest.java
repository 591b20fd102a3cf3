package io.dx0.session.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.MutableClock;

class FrameBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void theAllowanceIsPerSlidingWindowToTheMillisecond() {
        FrameBudget frames = new FrameBudget(3, Duration.ofSeconds(10), clock);
        assertThat(frames.overspent()).isFalse();
        clock.advance(Duration.ofSeconds(4));
        assertThat(frames.overspent()).isFalse();
        assertThat(frames.overspent()).isFalse();
        assertThat(frames.overspent()).as("a fourth within 10 s of the first").isTrue();

        clock.advance(Duration.ofMillis(5_999));
        assertThat(frames.overspent()).as("the first is still 1 ms inside the window").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(frames.overspent()).as("the first has left the window").isFalse();
        assertThat(frames.overspent()).as("the two at 4 s are still inside").isTrue();
    }

    @Test
    void aRefusedFrameTakesNoPlaceInTheWindow() {
        FrameBudget frames = new FrameBudget(1, Duration.ofSeconds(1), clock);
        assertThat(frames.overspent()).isFalse();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(frames.overspent()).isTrue();
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(frames.overspent()).as("1 s after the one counted").isFalse();
    }
}

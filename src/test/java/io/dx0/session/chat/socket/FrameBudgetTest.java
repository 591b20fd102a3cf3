package io.dx0.session.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class FrameBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Counter cut = new SimpleMeterRegistry().counter("dx0.chat.sockets.cut");

    @Test
    void theAllowanceIsPerSlidingWindowToTheMillisecond() {
        FrameBudget frames = new FrameBudget(3, Duration.ofSeconds(10), clock, cut);
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
        assertThat(cut.count()).as("the socket is cut once, however often it overspent").isEqualTo(1);
    }

    @Test
    void aSocketHoldsTheTimesOfTheFramesItSentInAWindowNotOfItsWholeAllowance() {
        FrameBudget frames = new FrameBudget(1_000_000, Duration.ofSeconds(60), clock, cut);
        for (int i = 0; i < 600; i++) { // 10 a second for a minute
            assertThat(frames.overspent()).isFalse();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(frames.capacity()).as("600 in the window: the ring grew to hold them").isBetween(600, 1_024);
        for (int i = 0; i < 6_000; i++) { // ten minutes more at the same rate
            assertThat(frames.overspent()).isFalse();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(frames.capacity()).as("frames that left the window make room").isLessThanOrEqualTo(1_024);
        assertThat(cut.count()).isZero();
    }

    @Test
    void theRingGrowsUpToTheAllowanceAndTheNextFrameInsideTheWindowIsOneTooMany() {
        FrameBudget frames = new FrameBudget(100, Duration.ofSeconds(10), clock, cut);
        for (int i = 0; i < 100; i++) {
            assertThat(frames.overspent()).isFalse();
        }
        assertThat(frames.capacity()).isEqualTo(100);
        assertThat(frames.overspent()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(frames.overspent()).as("the hundred at 0 s have left the window").isFalse();
    }

    @Test
    void aRefusedFrameTakesNoPlaceInTheWindow() {
        FrameBudget frames = new FrameBudget(1, Duration.ofSeconds(1), clock, cut);
        assertThat(frames.overspent()).isFalse();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(frames.overspent()).isTrue();
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(frames.overspent()).as("1 s after the one counted").isFalse();
    }
}

package io.dx0.session.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.MutableClock;
import io.smallrye.mutiny.subscription.Cancellable;

class GateQueueTest {

    private static final long NEVER = Long.MAX_VALUE / 2;
    private final Clock clock = Clock.systemUTC();
    /** Polls so rare they never happen in a test: only wake-ups move the line. */
    private final GateQueue queue = new GateQueue(clock, 60_000);
    private final List<String> served = new CopyOnWriteArrayList<>();

    private Cancellable join(String who, boolean atFront, long giveUpAt) {
        return queue.await("ip:1", atFront, giveUpAt).subscribe().with(ignored -> served.add(who));
    }

    @Test
    void waitersAreServedFirstComeFirstServed() {
        join("a", false, NEVER);
        join("b", false, NEVER);
        join("c", false, NEVER);
        assertThat(queue.isWaiting("ip:1")).isTrue();
        queue.wakeFirst("ip:1");
        assertThat(served).containsExactly("a");
        queue.wakeFirst("ip:1");
        queue.wakeFirst("ip:1");
        assertThat(served).containsExactly("a", "b", "c");
        assertThat(queue.isWaiting("ip:1")).as("an empty line is forgotten").isFalse();
        queue.wakeFirst("ip:1");
        queue.wakeFirst("other");
    }

    @Test
    void aLoginThatWasFirstAlreadyKeepsTheFront() {
        join("a", false, NEVER);
        join("b", true, NEVER);
        queue.wakeFirst("ip:1");
        assertThat(served).containsExactly("b");
    }

    @Test
    void aWaiterLeavesTheLineAtItsDeadlineWhereverItStands() {
        join("a", false, NEVER);
        join("b", false, clock.millis() + 50);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.contains("b"));
        assertThat(served).containsExactly("b");
        queue.wakeFirst("ip:1");
        assertThat(served).containsExactly("b", "a");
        assertThat(queue.isWaiting("ip:1")).as("the one that gave up left no trace in the line").isFalse();
    }

    /**
     * On its poll a waiter that is not first keeps its place until its deadline, and leaves at exactly
     * that millisecond. The deadline is read from a clock the test sets, so only the polls are real.
     */
    @Test
    void aWaiterBehindTheFirstKeepsItsPlaceOnEachPollUntilExactlyItsDeadline() {
        MutableClock fixed = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        GateQueue polling = new GateQueue(fixed, 10_000);
        long deadline = fixed.millis() + 10;
        polling.await("k", false, NEVER).subscribe().with(ignored -> served.add("a"));
        polling.await("k", false, deadline).subscribe().with(ignored -> served.add("b"));
        int reads = fixed.reads();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fixed.reads() >= reads + 10);
        assertThat(served).as("b polled again and again, behind a and before its deadline").isEmpty();
        fixed.advance(Duration.ofMillis(10));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.contains("b"));
        polling.wakeFirst("k");
        assertThat(served).containsExactly("b", "a");
        assertThat(polling.isWaiting("k")).isFalse();
    }

    @Test
    void aCancelledLoginLeavesTheLine() {
        Cancellable gone = join("a", false, NEVER);
        join("b", false, NEVER);
        gone.cancel();
        queue.wakeFirst("ip:1");
        assertThat(served).containsExactly("b");
        assertThat(queue.isWaiting("ip:1")).isFalse();
    }

    /** Every client address and account gets a line while someone waits there: none may outlive its waiters. */
    @Test
    void aLineIsForgottenWhenItsLastWaiterLeaves() {
        join("a", false, NEVER).cancel();
        assertThat(queue.lines()).as("after a cancelled login").isZero();
        join("b", false, clock.millis() + 20);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.contains("b"));
        assertThat(queue.lines()).as("after a login that gave up at its deadline").isZero();
        join("c", false, NEVER);
        assertThat(queue.lines()).as("while c waits").isEqualTo(1);
        queue.wakeFirst("ip:1");
        assertThat(queue.lines()).as("after a login woken").isZero();
    }

    @Test
    void theFirstInLineAsksAgainOnItsPollTheOthersKeepTheirPlace() {
        GateQueue polling = new GateQueue(clock, 100);
        polling.await("k", false, NEVER).subscribe().with(ignored -> served.add("a"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.contains("a"));
        polling.await("k", false, NEVER).subscribe().with(ignored -> served.add("b"));
        // c polls 50 ms after b: had both polls come at once, both woken logins would be handed on to
        // different threads, and which reached `served` first would say nothing about the line
        Awaitility.await().pollDelay(Duration.ofMillis(50)).until(() -> true);
        polling.await("k", false, NEVER).subscribe().with(ignored -> served.add("c"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.size() == 3);
        assertThat(served).containsExactly("a", "b", "c");
    }
}

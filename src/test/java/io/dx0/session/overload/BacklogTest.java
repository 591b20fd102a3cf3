package io.dx0.session.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.SettableLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** The line behind a path's limit, off any event loop: who waits, in what order, and who is refused when. */
class BacklogTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder().limit(SettableLimit.startingAt(2)).build();

    private static UniAssertSubscriber<Backlog.Outcome> subscribe(Uni<Backlog.Outcome> acquire) {
        return acquire.subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private static Limiter.Listener admitted(UniAssertSubscriber<Backlog.Outcome> subscriber) {
        Backlog.Outcome outcome = subscriber.awaitItem(Duration.ofSeconds(5)).getItem();
        assertThat(outcome).isInstanceOf(Backlog.Admitted.class);
        return ((Backlog.Admitted) outcome).listener();
    }

    /** The limit is two: both places, taken at once, leave the path full. */
    private static List<Limiter.Listener> takeBothPlaces(Backlog backlog) {
        return List.of(admitted(subscribe(backlog.acquire())), admitted(subscribe(backlog.acquire())));
    }

    @Test
    void workAtAFullPathWaitsItsTurnFirstComeFirstServedAndGetsThePlaceFreed() {
        Backlog backlog = new Backlog(limiter, 10_000 * MS);
        List<Limiter.Listener> places = takeBothPlaces(backlog);
        Limiter.Listener first = places.get(0);
        Limiter.Listener second = places.get(1);
        UniAssertSubscriber<Backlog.Outcome> third = subscribe(backlog.acquire());
        UniAssertSubscriber<Backlog.Outcome> fourth = subscribe(backlog.acquire());
        assertThat(backlog.waiting()).isEqualTo(2);
        third.assertNotTerminated();
        first.onSuccess();
        backlog.handOff();
        Limiter.Listener thirds = admitted(third);
        fourth.assertNotTerminated();
        second.onSuccess();
        backlog.handOff();
        admitted(fourth);
        assertThat(limiter.getInflight()).isEqualTo(2);
        thirds.onSuccess();
        assertThat(backlog.waiting()).isZero();
    }

    @Test
    void workThatWouldWaitLongerThanTheDelayIsRefusedAtOnceWithTheTimeTheWorkAheadNeeds() {
        // before any pace is measured, one hand-over per millisecond is assumed: ten fit in 10 ms
        Backlog backlog = new Backlog(limiter, 10 * MS);
        takeBothPlaces(backlog);
        List<UniAssertSubscriber<Backlog.Outcome>> line = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            line.add(subscribe(backlog.acquire()));
        }
        UniAssertSubscriber<Backlog.Outcome> eleventh = subscribe(backlog.acquire());
        assertThat(eleventh.getItem()).as("answered at once, without waiting").isInstanceOf(Backlog.Refused.class);
        assertThat(((Backlog.Refused) eleventh.getItem()).retryAfterNanos()).isEqualTo(11 * MS);
        line.forEach(waiter -> assertThat(waiter.awaitItem(Duration.ofSeconds(5)).getItem())
                .as("nothing was served in 10 ms: refused at their deadline").isInstanceOf(Backlog.Refused.class));
    }

    @Test
    void duringItsColdStartTheLineHoldsItsColdDelayThenOnlyItsWarmOne() {
        // 1 ms per hand-over assumed: 10 ms warm holds ten, 30 ms cold holds thirty, for 200 ms after first use
        AtomicLong now = new AtomicLong();
        Backlog backlog = new Backlog(limiter, 10 * MS, 30 * MS, 200 * MS, now::get);
        List<Limiter.Listener> places = takeBothPlaces(backlog);
        List<UniAssertSubscriber<Backlog.Outcome>> cold = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            cold.add(subscribe(backlog.acquire()));
        }
        assertThat(backlog.waiting()).as("thirty wait while the line is cold").isEqualTo(30);
        assertThat(subscribe(backlog.acquire()).getItem()).as("the thirty-first would wait past 30 ms")
                .isInstanceOf(Backlog.Refused.class);
        cold.forEach(waiter -> assertThat(waiter.awaitItem(Duration.ofSeconds(5)).getItem())
                .as("nothing served: refused at the cold deadline").isInstanceOf(Backlog.Refused.class));
        now.addAndGet(250 * MS);
        for (int i = 0; i < 10; i++) {
            subscribe(backlog.acquire());
        }
        assertThat(subscribe(backlog.acquire()).getItem()).as("warm: the eleventh is refused at once")
                .isInstanceOf(Backlog.Refused.class);
        assertThat(backlog.waiting()).isEqualTo(10);
        places.forEach(Limiter.Listener::onSuccess);
    }

    @Test
    void aLineThatIsNeverEmptyButServedSoonIsNotStandingAndNobodyInItIsRefused() {
        Backlog backlog = new Backlog(limiter, 100 * MS);
        List<Limiter.Listener> places = takeBothPlaces(backlog);
        Limiter.Listener held = places.get(0);
        Limiter.Listener other = places.get(1);
        UniAssertSubscriber<Backlog.Outcome> pending = subscribe(backlog.acquire());
        for (int round = 0; round < 200; round++) {
            UniAssertSubscriber<Backlog.Outcome> next = subscribe(backlog.acquire());
            assertThat(backlog.waiting()).as("never empty").isEqualTo(2);
            held.onSuccess();
            backlog.handOff();
            held = other;
            other = admitted(pending); // served within moments, whatever the line's length
            pending = next;
        }
        assertThat(backlog.waiting()).isEqualTo(1);
    }

    @Test
    void aWaiterStillInLineAtItsDeadlineIsRefusedThenAndLeavesTheLine() {
        Backlog backlog = new Backlog(limiter, 30 * MS);
        takeBothPlaces(backlog);
        long started = System.nanoTime();
        Backlog.Outcome late = subscribe(backlog.acquire()).awaitItem(Duration.ofSeconds(5)).getItem();
        assertThat(late).isInstanceOf(Backlog.Refused.class);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(25 * MS);
        assertThat(backlog.waiting()).isZero();
    }

    @Test
    void aCallerThatLeavesTheLineGivesItsTurnToTheNextAndNoPlaceIsLost() {
        Backlog backlog = new Backlog(limiter, 10_000 * MS);
        Limiter.Listener first = takeBothPlaces(backlog).get(0);
        UniAssertSubscriber<Backlog.Outcome> leaving = subscribe(backlog.acquire());
        UniAssertSubscriber<Backlog.Outcome> next = subscribe(backlog.acquire());
        leaving.cancel();
        assertThat(backlog.waiting()).isEqualTo(1);
        first.onSuccess();
        backlog.handOff();
        admitted(next);
        assertThat(limiter.getInflight()).as("the place went to the next, not to the one that left").isEqualTo(2);
    }

    private static long refusedWith(Backlog backlog) {
        Backlog.Outcome outcome = subscribe(backlog.acquire()).getItem();
        assertThat(outcome).as("refused at once").isInstanceOf(Backlog.Refused.class);
        return ((Backlog.Refused) outcome).retryAfterNanos();
    }

    /**
     * {@code n} in line at the assumed one hand-over per millisecond fill {@code n} ms, the line's bound:
     * whoever comes next is refused, until they leave it at their deadline.
     */
    private static Backlog fullLine(SimpleLimiter<Void> limiter, int n) {
        Backlog backlog = new Backlog(limiter, n * MS);
        takeBothPlaces(backlog);
        fill(backlog, n);
        return backlog;
    }

    private static void fill(Backlog backlog, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(subscribe(backlog.acquire()).getItem()).as("waits in line").isNull();
        }
    }

    @Test
    void refusalsInARowAreToldToComeBackOneHandOverApartBehindTheLine() {
        Backlog backlog = fullLine(limiter, 1_000);
        long before1 = System.nanoTime();
        long first = refusedWith(backlog);
        long after1 = System.nanoTime();
        long before2 = System.nanoTime();
        long second = refusedWith(backlog);
        long after2 = System.nanoTime();
        assertThat(first).as("the first: the line ahead of it").isEqualTo(1_001 * MS);
        // told instants (the moment of the refusal plus what it was told) one hand-over (1 ms) apart
        assertThat(before2 + second).isLessThanOrEqualTo(after1 + first + MS);
        assertThat(after2 + second).isGreaterThanOrEqualTo(before1 + first + MS);
    }

    @Test
    void aCrowdIsToldToComeBackSpreadOverTheTimeItNeedsButNeverLaterThanTheCeiling() {
        Backlog backlog = fullLine(limiter, 1_000);
        long last = 0;
        for (int i = 0; i < 5_000; i++) {
            long told = refusedWith(backlog);
            if (i == 2_000) {
                assertThat(told).as("1 s of line and 2,000 told before it, a millisecond each")
                        .isGreaterThan(2_900 * MS);
            }
            last = told;
        }
        assertThat(last).isEqualTo(Backlog.MAX_COME_BACK_NANOS);
    }

    @Test
    void onceTheCrowdToldBeforeIsDueAgainARefusalIsToldOnlyTheLineAheadOfIt() {
        Backlog backlog = fullLine(limiter, 100);
        refusedWith(backlog);
        refusedWith(backlog);
        // the hundred in line are refused at their deadline (100 ms), told to come back within 300 ms
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> backlog.waiting() == 0);
        fill(backlog, 100);
        assertThat(refusedWith(backlog)).isEqualTo(101 * MS);
    }
}

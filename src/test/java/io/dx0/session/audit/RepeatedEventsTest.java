package io.dx0.session.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Scheduler;

class RepeatedEventsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<RepeatedEvents.Window> summaries = new CopyOnWriteArrayList<>();
    private final RepeatedEvents repeats = new RepeatedEvents(Duration.ofSeconds(60), nanos::get,
            Scheduler.disabledScheduler(), Runnable::run, summaries::add);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        repeats.cleanUp();
    }

    @Test
    void theFirstOfAWindowIsWrittenItsRepeatsCountedIntoOneSummaryWhenItCloses() {
        assertThat(repeats.first("login.locked ann 203.0.113.9", "line 1")).isTrue();
        for (int i = 0; i < 294; i++) {
            assertThat(repeats.first("login.locked ann 203.0.113.9", "line")).isFalse();
            advance(Duration.ofMillis(200));
        }
        assertThat(summaries).as("a flood does not keep its window open").isEmpty();
        advance(Duration.ofSeconds(2));
        assertThat(summaries).singleElement().satisfies(w -> {
            assertThat(w.firstLine()).isEqualTo("line 1");
            assertThat(w.repeats()).hasValue(294);
        });
        assertThat(repeats.first("login.locked ann 203.0.113.9", "line 2")).as("a new window").isTrue();
    }

    @Test
    void otherAccountsAndAddressesHaveTheirOwnWindowsAndALoneEventNoSummary() {
        assertThat(repeats.first("login.locked ann 203.0.113.9", "a")).isTrue();
        assertThat(repeats.first("login.locked ben 203.0.113.9", "b")).isTrue();
        assertThat(repeats.first("login.locked ann 198.51.100.1", "c")).isTrue();
        assertThat(repeats.first("login.locked ann 203.0.113.9", "a again")).isFalse();
        advance(Duration.ofSeconds(61));
        assertThat(summaries).singleElement().satisfies(w -> assertThat(w.firstLine()).isEqualTo("a"));
    }

    @Test
    void stoppingWritesEveryOpenCount() {
        repeats.first("refresh.invalid  203.0.113.9", "x");
        repeats.first("refresh.invalid  203.0.113.9", "x");
        repeats.first("refresh.invalid  203.0.113.9", "x");
        repeats.closeAll();
        assertThat(summaries).singleElement().satisfies(w -> assertThat(w.repeats()).hasValue(2));
    }

    @Test
    void theOpenWindowsAreBoundedAndOnesPushedOutStillHandOverTheirCounts() {
        int keys = RepeatedEvents.MAX_OPEN + 100;
        for (int i = 0; i < keys; i++) {
            repeats.first("k" + i, "first");
            repeats.first("k" + i, "repeat");
        }
        repeats.cleanUp();
        assertThat(repeats.openWindows()).isLessThanOrEqualTo(RepeatedEvents.MAX_OPEN);
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(100)
                .allSatisfy(w -> assertThat(w.repeats()).as("counted, not lost").hasValue(1));
    }

    @Test
    void theCaffeineClassesItsCacheIsMadeOfAreTheOnesRegisteredForTheNativeImage() throws Exception {
        Object cache = field(field(repeats, "open"), "cache");
        Object nodes = field(cache, "nodeFactory");
        assertThat(cache.getClass().getName()).isEqualTo(RepeatedEvents.CACHE_CLASS);
        assertThat(nodes.getClass().getName()).isEqualTo(RepeatedEvents.NODE_CLASS);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                java.lang.reflect.Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name + " in " + owner.getClass());
    }
}

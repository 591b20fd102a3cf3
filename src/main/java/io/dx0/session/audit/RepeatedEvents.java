package io.dx0.session.audit;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Repeats of one refusal (same event, account and address) within a window from its first occurrence:
 * the first is written, the rest only counted, and when the window closes (or its entry is pushed out
 * by {@value #MAX_OPEN} others, or the service stops) the count is handed to {@code summary} once.
 * A Caffeine cache with a fixed expiry from creation, so a flood neither resets its window nor grows
 * memory past the bound.
 */
@RegisterForReflection(classNames = { RepeatedEvents.CACHE_CLASS, RepeatedEvents.NODE_CLASS })
final class RepeatedEvents {

    /**
     * Caffeine builds this cache from generated classes it finds by name (strong keys and values, a removal
     * listener, a maximum size, a custom expiry); the Caffeine extension registers a fixed list for the
     * native image that lacks the first (RepeatedEventsTest checks these are the ones loaded).
     */
    static final String CACHE_CLASS = "com.github.benmanes.caffeine.cache.SSLMSA";
    static final String NODE_CLASS = "com.github.benmanes.caffeine.cache.PSWMS";

    static final int MAX_OPEN = 10_000;

    /** The line a window started with, and how many repeats it counted since. */
    record Window(String key, Object firstLine, AtomicLong repeats) {
    }

    private final Cache<String, Window> open;

    RepeatedEvents(Duration window, Ticker ticker, Scheduler scheduler, Executor executor, Consumer<Window> summary) {
        long nanos = window.toNanos();
        this.open = Caffeine.newBuilder().maximumSize(MAX_OPEN).ticker(ticker).scheduler(scheduler).executor(executor)
                .expireAfter(new Expiry<String, Window>() {
                    public long expireAfterCreate(String key, Window value, long now) {
                        return nanos;
                    }

                    public long expireAfterUpdate(String key, Window value, long now, long remaining) {
                        return remaining;
                    }

                    public long expireAfterRead(String key, Window value, long now, long remaining) {
                        return remaining;
                    }
                })
                .removalListener((String key, Window value, RemovalCause cause) -> {
                    if (value != null && value.repeats().get() > 0) {
                        summary.accept(value);
                    }
                }).build();
    }

    /** True when this occurrence opens a window (write it); false when it was counted into an open one. */
    boolean first(String key, Object line) {
        boolean[] opened = { false };
        open.asMap().compute(key, (k, window) -> {
            if (window == null) {
                opened[0] = true;
                return new Window(k, line, new AtomicLong());
            }
            window.repeats().incrementAndGet();
            return window;
        });
        return opened[0];
    }

    /** Closes every window, handing each count to the summary: at shutdown, and for tests. */
    void closeAll() {
        open.invalidateAll();
        open.cleanUp();
    }

    long openWindows() {
        open.cleanUp();
        return open.estimatedSize();
    }

    /** Runs due expiries now (Caffeine otherwise does on its scheduler or on later use). */
    void cleanUp() {
        open.cleanUp();
    }
}

package io.dx0.session.storage.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.dx0.session.login.DatedMarks;
import io.smallrye.mutiny.Uni;

/** Dated marks in memory: key → {marked at, kept until}. */
final class MemoryDatedMarks implements DatedMarks {

    private final ConcurrentHashMap<String, long[]> marks = new ConcurrentHashMap<>();
    private final Clock clock;

    MemoryDatedMarks(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return Uni.createFrom().item(() -> {
            marks.put(key, new long[] { atMillis, clock.millis() + keptFor.toMillis() });
            return null;
        });
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return Uni.createFrom().item(() -> {
            long[] mark = marks.get(key);
            return mark == null || mark[1] <= clock.millis() ? 0L : mark[0];
        });
    }

    void purge(long now) {
        marks.values().removeIf(mark -> mark[1] <= now);
    }

    int heldKeys() {
        return marks.size();
    }
}

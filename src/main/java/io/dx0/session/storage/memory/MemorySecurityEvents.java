package io.dx0.session.storage.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;

import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.audit.SecurityEvents;
import io.smallrye.mutiny.Uni;

/** Kept security events in memory: per shelf, oldest first, all guarded by the one map. */
final class MemorySecurityEvents implements SecurityEvents {

    private final EnumMap<EventShelf, ArrayDeque<KeptEvent>> events = new EnumMap<>(EventShelf.class);
    private final Clock clock;
    private long sequence;

    MemorySecurityEvents(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        return Uni.createFrom().item(() -> {
            synchronized (events) {
                ArrayDeque<KeptEvent> kept = events.computeIfAbsent(shelf, s -> new ArrayDeque<>());
                kept.addLast(event.withId(KeptEvent.sortableId(event.atMillis(), ++sequence)));
                long oldest = clock.millis() - keptFor.toMillis();
                while (!kept.isEmpty() && (kept.size() > maxKept || kept.peekFirst().atMillis() < oldest)) {
                    kept.removeFirst();
                }
            }
            return null;
        });
    }

    /** Each shelf's newest matches, merged by id (one sequence numbers every shelf). */
    @Override
    public Uni<EventPage> recent(EventQuery query) {
        return Uni.createFrom().item(() -> {
            List<KeptEvent> found = new ArrayList<>();
            synchronized (events) {
                for (ArrayDeque<KeptEvent> kept : events.values()) {
                    Iterator<KeptEvent> newestFirst = kept.descendingIterator();
                    for (int matched = 0; newestFirst.hasNext() && matched < query.limit();) {
                        KeptEvent event = newestFirst.next();
                        if (query.matches(event)) {
                            found.add(event);
                            matched++;
                        }
                    }
                }
            }
            found.sort(Comparator.comparing(KeptEvent::id).reversed());
            return EventPage.complete(found.subList(0, Math.min(found.size(), query.limit())));
        });
    }
}

package io.dx0.session.storage.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.audit.SecurityEvents;
import io.dx0.session.storage.backend.SessionJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/** Kept security events on Redis: one stream per shelf, trimmed by count and age as each event is kept. */
final class RedisSecurityEvents implements SecurityEvents {

    private static final LuaScript EVENT_KEEP = LuaScript.named("event_keep");
    /** The most stream entries one read of kept events looks at, so a narrow filter cannot scan without end. */
    private static final int EVENTS_SCANNED = 5_000;
    /**
     * The noise shelf is read whole (it is bounded by its own count, plus what trimming by whole stream nodes
     * leaves), so noise never hides an older event of the other shelf: its bound as the last keep gave it.
     */
    private volatile int noiseScanned = 25_000;

    private final RedisCalls calls;
    private final RedisKeys keys;
    private final SessionJson json;

    RedisSecurityEvents(RedisCalls calls, SessionJson json) {
        this.calls = calls;
        this.keys = calls.keys;
        this.json = json;
    }

    /** The noise shelf's ids number from here within a millisecond, so they never equal an id of the other shelf. */
    private static final long NOISE_LEAST_SEQUENCE = 1L << 32;

    @Override
    public Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        if (shelf == EventShelf.NOISE) {
            noiseScanned = maxKept + 1_000;
        }
        return calls.guard(EVENT_KEEP.run(calls.redis, List.of(keys.events(shelf)), keptFor.toMillis(), maxKept, event.type(),
                event.warning() ? 1 : 0, json.write(event.fields()), event.atMillis(),
                shelf == EventShelf.NOISE ? NOISE_LEAST_SEQUENCE : 0)).replaceWithVoid();
    }

    /**
     * Reads each shelf's stream newest first ({@code XREVRANGE}) from before the cursor down to {@code since},
     * in batches, keeping what the filters match, and merges them; the stream id is the event's id.
     */
    @Override
    public Uni<EventPage> recent(EventQuery query) {
        EventQuery filters = new EventQuery(query.user(), query.address(), query.type(), query.sinceMillis(), null,
                query.limit());
        String end = query.before() == null ? "+" : "(" + streamId(query.before());
        return calls.guard(Uni.combine().all()
                .unis(readEvents(keys.events(EventShelf.ACCOUNTS), EVENTS_SCANNED, filters, end, new ArrayList<>(), 0),
                        readEvents(keys.events(EventShelf.NOISE), noiseScanned, filters, end, new ArrayList<>(), 0))
                .asTuple().map(pages -> merged(List.of(pages.getItem1(), pages.getItem2()), query.limit())));
    }

    /**
     * The newest {@code limit} of both shelves' pages. Where a shelf stopped short, nothing older than where it
     * stopped is shown (the other shelf's older events could be out of order with its unread ones), and the
     * page stops there.
     */
    static EventPage merged(List<EventPage> pages, int limit) {
        String stopped = null;
        for (EventPage page : pages) {
            if (page.stoppedShort() && (stopped == null || compareIds(page.stoppedBefore(), stopped) > 0)) {
                stopped = page.stoppedBefore();
            }
        }
        String cut = stopped;
        List<KeptEvent> all = pages.stream().flatMap(page -> page.events().stream())
                .filter(event -> cut == null || compareIds(event.id(), cut) >= 0)
                .sorted((a, b) -> compareIds(b.id(), a.id())).toList();
        List<KeptEvent> shown = all.subList(0, Math.min(all.size(), limit));
        return new EventPage(shown, shown.size() < limit ? cut : null);
    }

    /** Stream ids in order: by time, then by sequence (both decimal). */
    static int compareIds(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime
                : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(dashA + 1)),
                        Long.parseUnsignedLong(b.substring(dashB + 1)));
    }

    /**
     * A cursor as a stream id: a stream's own ids are decimal on both sides of the dash; a well-formed cursor
     * of another backend (a hex counter) is read as the same number, so no cursor makes XREVRANGE fail.
     */
    static String streamId(String cursor) {
        int dash = cursor.indexOf('-');
        String counter = cursor.substring(dash + 1);
        return counter.chars().allMatch(Character::isDigit) ? cursor
                : cursor.substring(0, dash) + "-" + Long.toUnsignedString(Long.parseUnsignedLong(counter, 16));
    }

    /**
     * Reads on until a full page, the end of the stream, or {@code most} entries read, then says where it
     * stopped; each batch twice the last, up to 2,000 entries.
     */
    private Uni<EventPage> readEvents(String stream, int most, EventQuery filters, String end, List<KeptEvent> found,
            int scanned) {
        int batch = Math.min(2_000, Math.max(100, filters.limit() * 4) << Math.min(4, scanned / 100));
        return calls.send(Command.XREVRANGE, stream, end, Long.toString(filters.sinceMillis()), "COUNT",
                Integer.toString(batch)).chain(entries -> {
                    String last = null;
                    int read = entries == null ? 0 : entries.size();
                    for (int i = 0; i < read && found.size() < filters.limit(); i++) {
                        Response entry = entries.get(i);
                        last = entry.get(0).toString();
                        KeptEvent event = keptEvent(last, entry.get(1));
                        if (filters.matches(event)) {
                            found.add(event);
                        }
                    }
                    boolean more = read == batch && found.size() < filters.limit();
                    if (more && scanned + read < most) {
                        return readEvents(stream, most, filters, "(" + last, found, scanned + read);
                    }
                    return Uni.createFrom().item(new EventPage(found, more ? last : null));
                });
    }

    private KeptEvent keptEvent(String id, Response pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            values.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
        }
        return new KeptEvent(id, Long.parseLong(values.getOrDefault("a", "0")), values.getOrDefault("t", ""),
                "1".equals(values.get("w")), json.metadata(values.getOrDefault("f", "{}")));
    }
}

package io.dx0.session.admin.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.KeptEvent;

/**
 * A page of kept security events, newest first. {@code nextBefore}: pass it as {@code before} for the
 * next, older page; null when there is none. {@code complete}: false when the store stopped looking short
 * of a full page (Redis reads at most 5,000 kept events per request): fewer events than the limit then do
 * not mean there are no more; {@code nextBefore} says where to go on.
 */
public record EventsPage(List<Event> events, String nextBefore, boolean complete) {

    /** One event as the log wrote it: its fields are the log line's ({@code user}, {@code client_ip}, ...). */
    public record Event(String id, Instant at, String type, String level, Map<String, String> fields) {

        static Event of(KeptEvent e) {
            return new Event(e.id(), Instant.ofEpochMilli(e.atMillis()), e.type(), e.warning() ? "warn" : "info",
                    e.fields());
        }
    }

    static EventsPage of(EventPage page, int limit) {
        List<KeptEvent> found = page.events();
        String next = page.stoppedShort() ? page.stoppedBefore()
                : found.size() == limit ? found.get(found.size() - 1).id() : null;
        return new EventsPage(found.stream().map(Event::of).toList(), next, !page.stoppedShort());
    }
}

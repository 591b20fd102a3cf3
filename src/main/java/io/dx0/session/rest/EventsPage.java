package io.dx0.session.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dx0.session.domain.KeptEvent;

/**
 * A page of kept security events, newest first. {@code nextBefore}: pass it as {@code before} for the
 * next, older page; null when this page was not full.
 */
public record EventsPage(List<Event> events, String nextBefore) {

    /** One event as the log wrote it: its fields are the log line's ({@code user}, {@code client_ip}, ...). */
    public record Event(String id, Instant at, String type, String level, Map<String, String> fields) {

        static Event of(KeptEvent e) {
            return new Event(e.id(), Instant.ofEpochMilli(e.atMillis()), e.type(), e.warning() ? "warn" : "info",
                    e.fields());
        }
    }

    static EventsPage of(List<KeptEvent> found, int limit) {
        return new EventsPage(found.stream().map(Event::of).toList(),
                found.size() == limit ? found.get(found.size() - 1).id() : null);
    }
}

package io.dx0.session.audit;

import java.util.List;

/**
 * Kept events a query found, newest first. {@code stoppedBefore}: where the store stopped looking before
 * it had either a full page or the oldest event (a backend that bounds one read), to continue from; null
 * when the page says all there is up to its limit.
 */
public record EventPage(List<KeptEvent> events, String stoppedBefore) {

    public EventPage {
        events = List.copyOf(events);
    }

    public static EventPage complete(List<KeptEvent> events) {
        return new EventPage(events, null);
    }

    /** Whether events the query matches may lie beyond what was read, short of a full page. */
    public boolean stoppedShort() {
        return stoppedBefore != null;
    }
}

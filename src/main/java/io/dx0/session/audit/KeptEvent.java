package io.dx0.session.audit;

import java.util.Map;

/**
 * A security event as the store keeps it: its id (ordered by time, a paging cursor), when, its code
 * ({@code login.failure}), whether it was logged at WARN, and its fields as logged (already escaped;
 * never a secret or token): {@code user}, {@code client_ip}, {@code session_id}, {@code actor}, ...
 */
public record KeptEvent(String id, long atMillis, String type, boolean warning, Map<String, String> fields) {

    public KeptEvent {
        fields = Map.copyOf(fields);
    }

    public String user() {
        return fields.get("user");
    }

    public String address() {
        return fields.get("client_ip");
    }

    /** An id that sorts as the events were kept: the time, then {@code tiebreak} (hex, fixed width). */
    public static String sortableId(long atMillis, long tiebreak) {
        return String.format("%013d-%016x", atMillis, tiebreak);
    }

    /** The same event with the id the store gave it. */
    public KeptEvent withId(String newId) {
        return new KeptEvent(newId, atMillis, type, warning, fields);
    }
}

package io.dx0.session.audit;

/**
 * Which kept events to read, newest first: each filter is optional (null). {@code type} is a code
 * ({@code login.failure}) or a family ending with a dot ({@code login.}); {@code before} is the id of
 * the last event of the previous page.
 */
public record EventQuery(String user, String address, String type, long sinceMillis, String before, int limit) {

    public boolean matches(KeptEvent event) {
        return event.atMillis() >= sinceMillis
                && (before == null || event.id().compareTo(before) < 0)
                && (user == null || user.equals(event.user()))
                && (address == null || address.equals(event.address()))
                && (type == null || (type.endsWith(".") ? event.type().startsWith(type) : event.type().equals(type)));
    }
}

package io.dx0.session.domain;

/**
 * Which live sessions to list, newest first: those whose username starts with {@code prefix} and whose
 * group is {@code group} (each optional, null), created before the {@code before} cursor (the last
 * session of the previous page, {@link #cursorOf}), at most {@code limit}.
 */
public record SessionQuery(String prefix, String group, String before, int limit) {

    /** Where the next page starts after {@code session}: its creation time, then its id. */
    public static String cursorOf(Session session) {
        return String.format("%013d:%s", session.createdAt().toEpochMilli(), session.id());
    }

    public boolean matches(Session session) {
        return (prefix == null || session.username().startsWith(prefix))
                && (group == null || group.equals(session.group()))
                && (before == null || cursorOf(session).compareTo(before) < 0);
    }
}

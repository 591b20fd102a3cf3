package io.dx0.session.session;

import java.util.Comparator;

/**
 * Which live sessions to list, newest first: those whose username starts with {@code prefix} and whose
 * group is {@code group} (each optional, null), older than {@code before} (the last session of the
 * previous page; null for the first page), at most {@code limit}.
 */
public record SessionQuery(String prefix, String group, Cursor before, int limit) {

    /** The list's order: creation time, then id, newest first. */
    public static final Comparator<Session> NEWEST_FIRST = Comparator.comparing(Session::createdAt)
            .thenComparing(Session::id).reversed();

    /** A place in the list: a session's creation time and id, written {@code <13-digit millis>:<id>}. */
    public record Cursor(long createdMillis, String id) {

        public static Cursor of(Session session) {
            return new Cursor(session.createdAt().toEpochMilli(), session.id());
        }

        /** The cursor {@link #toString} wrote; fails with IllegalArgumentException for anything else. */
        public static Cursor parse(String text) {
            int colon = text.indexOf(':');
            if (colon != 13 || colon == text.length() - 1 || !text.substring(0, colon).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not a cursor of this list: " + text);
            }
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        }

        /** Whether {@code session} comes after this place in the list (is older). */
        boolean isAfter(Session session) {
            long created = session.createdAt().toEpochMilli();
            return created < createdMillis || created == createdMillis && session.id().compareTo(id) < 0;
        }

        @Override
        public String toString() {
            return String.format("%013d:%s", createdMillis, id);
        }
    }

    public boolean matches(Session session) {
        return (prefix == null || session.username().startsWith(prefix))
                && (group == null || group.equals(session.group()))
                && (before == null || before.isAfter(session));
    }
}

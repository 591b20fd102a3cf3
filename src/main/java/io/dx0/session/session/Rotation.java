package io.dx0.session.session;

/** The answer of a refresh-token rotation. {@code session} is set only when {@code ROTATED} or {@code REPLAYED}. */
public record Rotation(Status status, Session session) {

    public enum Status {
        /** The presented secret was the current one; the new one replaces it. */
        ROTATED,
        /**
         * The presented secret was the one rotated out last, within the reuse leeway of that rotation: the
         * new one replaces the current one (whose pair is dead from now on) and the session lives.
         */
        REPLAYED,
        /** The presented secret was an earlier, already rotated one: the session has been deleted. */
        REUSED,
        /** No such session, or a secret this session never had. */
        INVALID
    }

    public static final Rotation INVALID = new Rotation(Status.INVALID, null);
    public static final Rotation REUSED = new Rotation(Status.REUSED, null);
}

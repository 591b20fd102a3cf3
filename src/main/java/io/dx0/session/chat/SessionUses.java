package io.dx0.session.chat;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** One use of a session with its sliding-window rate limit, in one atomic step: the chat's quota. */
public interface SessionUses {

    /**
     * One use of a session, as every chat message and {@code GET /session} make it: slides the idle
     * expiry as {@link #touch} does and applies the sliding-window rate limit — at most {@code limit}
     * accepted in the last {@code window} — in the same atomic step (one round trip on Redis). With
     * {@code record} an accepted use takes a slot; without, the decision is only looked at. Null when
     * the session is gone; nothing is recorded then.
     */
    Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record);
}

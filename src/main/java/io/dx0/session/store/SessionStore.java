package io.dx0.session.store;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The storage SPI. Every operation is one atomic step in the backend (a Lua script on Redis, a lock
 * on one entry in memory), so no caller ever checks and then acts across two round trips. A
 * {@code Uni} that resolves to {@code null} means "no such live session". A backend that cannot be
 * reached fails the {@code Uni} with {@link StoreUnavailableException}.
 */
public interface SessionStore {

    /** The backend's name as {@code session.backend} spells it. */
    String name();

    /** Creates a session; its clock starts now. Fails with {@link StoreFullException} on a bounded full store. */
    Uni<Session> create(NewSession session);

    /** Returns a live session and slides its idle expiry (never past its absolute expiry); null when gone. */
    Uni<Session> touch(String sessionId);

    /** Returns a live session without sliding its expiry; null when gone. */
    Uni<Session> find(String sessionId);

    /** Ends a session and everything kept for it. True when a live session was removed. */
    Uni<Boolean> delete(String sessionId);

    /** The live sessions of a username, oldest first. */
    Uni<List<Session>> listByUsername(String username);

    /** How many sessions are live now. */
    Uni<Long> countLive();

    /**
     * Replaces the current refresh secret hash by a new one when {@code presentedHash} is current;
     * deletes the whole session when it is an earlier, rotated one. A rotation is also a use: it
     * slides the idle expiry.
     */
    Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash);

    /**
     * One use of a session, as every chat message and {@code GET /session} make it: slides the idle
     * expiry as {@link #touch} does and applies the sliding-window rate limit — at most {@code limit}
     * accepted in the last {@code window} — in the same atomic step (one round trip on Redis). With
     * {@code record} an accepted use takes a slot; without, the decision is only looked at. Null when
     * the session is gone; nothing is recorded then.
     */
    Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record);

    /**
     * Records one failure for {@code key} unless {@code cap} are already inside {@code window}, and
     * counts them. Used before the password is checked, this reserves one of the allowed attempts
     * atomically: concurrent attempts can never get past the cap.
     */
    Uni<FailureCount> recordFailure(String key, Duration window, int cap);

    /**
     * Records one failure for {@code key} unless the newest one inside {@code window} is more recent
     * than {@code min(base × 2^(count−1), max)}: a growing delay between attempts with a ceiling.
     * {@code retryAfterMillis} is how long to wait for the next attempt. At most 64 are kept.
     */
    Uni<FailureCount> recordFailureWithBackoff(String key, Duration window, Duration base, Duration max);

    /** Counts the failures for {@code key} inside {@code window} without recording. */
    Uni<FailureCount> failures(String key, Duration window);

    Uni<Void> clearFailures(String key);

    /**
     * Adds {@code amount} (minor units, positive) to the session's spent amount only if it fits its
     * limit; appends {@code orderedItem} (may be null) to its ordered tests in the same step. A
     * non-null {@code idempotencyKey} seen before on this session makes the call a no-op answered
     * with {@code DUPLICATE}.
     */
    Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey);

    /** Sets a session's limit (null: unlimited); null when the session is gone. */
    Uni<Budget> setBudgetLimit(String sessionId, Long limit);

    /** Lowers a session's limit to {@code limit} unless it is already at or below it; null when the session is gone. */
    Uni<Budget> lowerBudgetLimit(String sessionId, long limit);

    /**
     * Ids of sessions ended by {@link #delete} or by refresh-token reuse, on this replica or any
     * other sharing the backend. A hot stream, best effort: expiry is not announced here (callers
     * watch {@link Session#expiresAt()} themselves).
     */
    Multi<String> endedSessions();

    /** Succeeds when the backend answers. */
    Uni<Void> ping();

    /** Removes what has expired and is not yet gone by itself; the number of sessions removed. */
    Uni<Integer> purgeExpired();
}

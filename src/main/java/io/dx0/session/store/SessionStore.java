package io.dx0.session.store;

import java.time.Duration;
import java.util.List;

import io.dx0.session.domain.Budget;
import io.dx0.session.domain.ChargeOutcome;
import io.dx0.session.domain.FailureCount;
import io.dx0.session.domain.GateDecision;
import io.dx0.session.domain.GateRule;
import io.dx0.session.domain.NewSession;
import io.dx0.session.domain.Rotation;
import io.dx0.session.domain.Session;
import io.dx0.session.domain.SessionUse;
import io.dx0.session.domain.Settlement;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The storage SPI. Every operation is one atomic step in the backend (a Lua script on Redis, a lock
 * on one entry in memory), so no caller ever checks and then acts across two round trips. A
 * {@code Uni} that resolves to {@code null} means "no such live session". A backend that cannot be
 * reached fails the {@code Uni} with {@link StoreUnavailableException}.
 */
public interface SessionStore extends AutoCloseable {

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
     * Ends {@code username}'s oldest live sessions past the first {@code keep}, never {@code opened} (the
     * one just created), and answers their ids. The choice is one atomic step, so two logins at once
     * never both end the same sessions, nor each other's: when {@code opened} is itself no longer
     * live (another login's choice ended it), nothing is ended. Ends are announced as by {@link #delete}.
     */
    Uni<List<String>> endOldest(String username, int keep, String opened);

    /**
     * Replaces the current refresh secret hash by a new one when {@code presentedHash} is current
     * ({@code ROTATED}), or when it is the hash rotated out last and that rotation is less than
     * {@code reuseLeeway} old ({@code REPLAYED}: two tabs, or a retry whose answer was lost; the current
     * hash is then rotated out too). Any other earlier, rotated hash deletes the whole session
     * ({@code REUSED}). A rotation is also a use: it slides the idle expiry.
     */
    Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway);

    /**
     * One use of a session, as every chat message and {@code GET /session} make it: slides the idle
     * expiry as {@link #touch} does and applies the sliding-window rate limit — at most {@code limit}
     * accepted in the last {@code window} — in the same atomic step (one round trip on Redis). With
     * {@code record} an accepted use takes a slot; without, the decision is only looked at. Null when
     * the session is gone; nothing is recorded then.
     */
    Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record);

    /**
     * Asks the login gate {@code key} whether one attempt may be checked now, in one atomic step:
     * {@code LOCKED} when the failures already recorded close it ({@link GateRule}), {@code BUSY} when
     * {@code rule.maxInFlight()} admitted attempts are still unsettled, else {@code ADMITTED}, and the
     * attempt {@code attemptId} then holds a place until {@link #settle} or its lease ends. Nothing is
     * recorded for an attempt that is not admitted.
     */
    Uni<GateDecision> admit(String key, GateRule rule, String attemptId);

    /**
     * Gives an admitted attempt's place back and, in the same step, records its failure (tagged with
     * {@code tag}) or, for a success, forgets the failures with that tag (every failure when it is null).
     */
    Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag);

    /**
     * Remembers {@code atMillis} under {@code key} for {@code keptFor}, replacing any earlier mark: when an
     * account's device tokens were revoked (key: the account), or when an account last logged in from a
     * place (key: {@code familiar:<account>:<address unit>}).
     */
    Uni<Void> mark(String key, long atMillis, Duration keptFor);

    /** The time last marked under {@code key} (epoch ms), 0 when never or no longer kept. */
    Uni<Long> markedAt(String key);

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

    /**
     * Gives back what the store opened (connections, threads, subscriptions): called when the
     * application stops or dev mode reloads it. Nothing to do by default.
     */
    @Override
    default void close() {
    }
}

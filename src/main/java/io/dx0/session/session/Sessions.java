package io.dx0.session.session;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sessions: their lifecycle, refresh rotation and the ends every replica hears. Each operation is one
 * atomic step in the backend (a Lua script on Redis, one transaction on SQL, a lock on one entry in
 * memory), so no caller checks and then acts across two round trips. A {@code Uni} that resolves to
 * {@code null} means "no such live session"; a backend that cannot be reached fails the {@code Uni}
 * with {@link StoreUnavailableException}.
 */
public interface Sessions {

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

    /** A page of live sessions, newest first ({@link SessionQuery}); read without sliding their expiry. */
    Uni<List<Session>> page(SessionQuery query);

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
     * Ids of sessions ended by {@link #delete} or by refresh-token reuse, on this replica or any
     * other sharing the backend. A hot stream, best effort: expiry is not announced here (callers
     * watch {@link Session#expiresAt()} themselves).
     */
    Multi<String> endedSessions();
}

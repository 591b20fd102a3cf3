package io.dx0.session.security;

import java.util.Map;

import io.dx0.session.session.Session;
import io.smallrye.mutiny.Uni;

/**
 * What a request's identity reads with its session, in the one store step that finds the session live
 * and slides its idle expiry. By default that step is the session's touch. A job whose endpoint shows more
 * of the session reads it in the same step (the chat's quota on {@code GET /api/v1/session}), so that
 * endpoint costs one store call while security knows nothing of what is read.
 */
public interface SessionReader {

    /** Whether this reader reads the session of a request of this method and path. */
    boolean reads(String method, String path);

    /** The live session, null when gone, with what else its endpoint shows (identity attributes). */
    Uni<Read> read(String sessionId);

    /** A live session and the attributes read with it. */
    record Read(Session session, Map<String, Object> attributes) {
    }
}

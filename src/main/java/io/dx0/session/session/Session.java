package io.dx0.session.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A live session as the store holds it. No secret is part of it: the refresh token is kept only as
 * a hash, inside the store, and never leaves it.
 *
 * @param expiresAt      when the session ends if it is not used again (idle TTL, capped by
 *                       {@code absoluteExpiry})
 * @param absoluteExpiry when the session ends whatever its use
 */
public record Session(
        String id,
        String username,
        String group,
        Instant createdAt,
        Instant lastAccess,
        Instant expiresAt,
        Instant absoluteExpiry,
        Budget budget,
        List<String> orderedTests,
        Map<String, String> metadata) {

    public Session {
        orderedTests = List.copyOf(orderedTests);
        metadata = Map.copyOf(metadata);
    }
}

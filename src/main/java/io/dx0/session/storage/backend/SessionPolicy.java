package io.dx0.session.storage.backend;

import java.time.Duration;

/** The lifetimes every backend enforces. */
public record SessionPolicy(Duration idleTimeout, Duration maxLifetime) {

    public SessionPolicy {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "session.idle-timeout must be positive and not longer than session.max-lifetime");
        }
    }
}

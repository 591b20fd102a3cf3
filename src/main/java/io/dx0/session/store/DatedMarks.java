package io.dx0.session.store;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Dated marks that expire: an account's device revocation, a place familiar to an account. */
public interface DatedMarks {

    /**
     * Remembers {@code atMillis} under {@code key} for {@code keptFor}, replacing any earlier mark: when an
     * account's device tokens were revoked (key: the account), or when an account last logged in from a
     * place (key: {@code familiar:<account>:<address unit>}).
     */
    Uni<Void> mark(String key, long atMillis, Duration keptFor);

    /** The time last marked under {@code key} (epoch ms), 0 when never or no longer kept. */
    Uni<Long> markedAt(String key);
}

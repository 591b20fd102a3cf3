package io.dx0.session.login;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Dated marks that expire: the storage under login's {@code DeviceRevocations} (key: the account) and
 * {@code FamiliarPlaces} (key: {@code familiar:<account>@<place>}), which own their keys.
 */
public interface DatedMarks {

    /** Remembers {@code atMillis} under {@code key} for {@code keptFor}, replacing any earlier mark. */
    Uni<Void> mark(String key, long atMillis, Duration keptFor);

    /** The time last marked under {@code key} (epoch ms), 0 when never or no longer kept. */
    Uni<Long> markedAt(String key);
}

package io.dx0.session.storage.memory;

import java.time.Duration;

import io.dx0.session.chat.SessionUse;
import io.dx0.session.chat.SessionUses;
import io.smallrye.mutiny.Uni;

/** A session's use in memory: the touch and the window count under the session's own lock. */
final class MemorySessionUses implements SessionUses {

    private final SessionTable table;

    MemorySessionUses(SessionTable table) {
        this.table = table;
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return Uni.createFrom().item(() -> table.withLive(sessionId,
                (entry, now) -> entry.use(now, limit, window.toMillis(), record)));
    }
}

package io.dx0.session.storage.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.session.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Sessions in memory: work is short and non-blocking, so it runs on the caller's thread. */
final class MemorySessions implements Sessions {

    private final SessionTable table;
    private final Object evictions = new Object();

    MemorySessions(SessionTable table) {
        this.table = table;
    }

    @Override
    public Uni<Session> create(NewSession session) {
        return Uni.createFrom().item(() -> {
            long now = table.millis();
            return table.add(session, now).touch(now);
        });
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return Uni.createFrom().item(() -> table.withLive(sessionId, (entry, now) -> entry.touch(now)));
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return Uni.createFrom().item(() -> table.withLive(sessionId, (entry, now) -> entry.peek(now)));
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return Uni.createFrom().item(() -> {
            SessionEntry entry = table.get(sessionId);
            if (entry == null) {
                return false;
            }
            boolean wasLive = entry.end(table.millis());
            if (wasLive) {
                table.ended(sessionId, entry);
            } else {
                table.forget(sessionId, entry);
            }
            return wasLive;
        });
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return Uni.createFrom().item(() -> table.liveOf(username, table.millis()).stream()
                .sorted(Comparator.comparing(Session::createdAt))
                .toList());
    }

    @Override
    public Uni<List<Session>> page(SessionQuery query) {
        return Uni.createFrom().item(() -> table.live(table.millis()).stream()
                .filter(query::matches)
                .sorted(SessionQuery.NEWEST_FIRST)
                .limit(query.limit())
                .toList());
    }

    @Override
    public Uni<Long> countLive() {
        return Uni.createFrom().item(() -> table.countLive(table.millis()));
    }

    /** One eviction at a time in this process: the choice and the ends are one step. */
    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return Uni.createFrom().item(() -> {
            synchronized (evictions) {
                long now = table.millis();
                SessionEntry openedEntry = table.get(opened);
                if (openedEntry == null || !openedEntry.isLive(now)) {
                    return List.<String> of();
                }
                List<Session> others = table.liveOf(username, now).stream()
                        .filter(session -> !session.id().equals(opened))
                        .sorted(Comparator.comparing(Session::createdAt).thenComparing(Session::id))
                        .toList();
                int excess = others.size() + 1 - keep;
                List<String> ended = new ArrayList<>();
                for (Session old : others.subList(0, Math.max(0, excess))) {
                    SessionEntry entry = table.get(old.id());
                    if (entry != null && entry.end(now)) {
                        table.ended(old.id(), entry);
                        ended.add(old.id());
                    }
                }
                return ended;
            }
        });
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return Uni.createFrom().item(() -> {
            SessionEntry entry = table.get(sessionId);
            if (entry == null) {
                return Rotation.INVALID;
            }
            Rotation rotation = entry.rotate(table.millis(), presentedHash, newHash, reuseLeeway.toMillis());
            if (rotation.status() == Rotation.Status.REUSED) {
                table.ended(sessionId, entry);
            }
            return rotation;
        });
    }

    @Override
    public Multi<String> endedSessions() {
        return table.ended;
    }
}

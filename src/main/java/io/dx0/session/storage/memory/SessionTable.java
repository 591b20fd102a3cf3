package io.dx0.session.storage.memory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dx0.session.session.NewSession;
import io.dx0.session.session.Session;
import io.dx0.session.storage.StoreFullException;
import io.dx0.session.storage.backend.SessionPolicy;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The memory backend's sessions, bounded: each session's entry with its own lock ({@link SessionEntry}),
 * each user's set of ids, and the ends announced in-process (the memory backend has one replica). The
 * maps are concurrent, so there is no global lock.
 */
final class SessionTable {

    private final ConcurrentHashMap<String, SessionEntry> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> idsByUsername = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    final BroadcastProcessor<String> ended = BroadcastProcessor.create();
    private final SessionPolicy policy;
    private final int capacity;
    private final Clock clock;

    SessionTable(SessionPolicy policy, int capacity, Clock clock) {
        this.policy = policy;
        this.capacity = capacity;
        this.clock = clock;
    }

    long millis() {
        return clock.millis();
    }

    /** Adds a new session's entry; fails with {@link StoreFullException} when full of live sessions. */
    SessionEntry add(NewSession session, long now) {
        reserveSlot();
        SessionEntry entry = new SessionEntry(session, now, policy.idleTimeout().toMillis(),
                policy.maxLifetime().toMillis());
        if (sessions.putIfAbsent(session.id(), entry) != null) {
            size.decrementAndGet();
            throw new IllegalStateException("duplicate session id");
        }
        idsByUsername.compute(session.username(), (u, ids) -> {
            Set<String> set = ids != null ? ids : ConcurrentHashMap.newKeySet();
            set.add(session.id());
            return set;
        });
        return entry;
    }

    SessionEntry get(String sessionId) {
        return sessions.get(sessionId);
    }

    /** The live sessions of one user, unordered. */
    List<Session> liveOf(String username, long now) {
        return idsByUsername.getOrDefault(username, Set.of()).stream()
                .map(sessions::get)
                .filter(Objects::nonNull)
                .map(entry -> entry.peek(now))
                .filter(Objects::nonNull)
                .toList();
    }

    /** Every live session, unordered. */
    List<Session> live(long now) {
        return sessions.values().stream().map(entry -> entry.peek(now)).filter(Objects::nonNull).toList();
    }

    long countLive(long now) {
        return sessions.values().stream().filter(e -> e.isLive(now)).count();
    }

    /** Applies {@code op} to a live session; an expired entry found on the way is removed. Null when gone. */
    <T> T withLive(String sessionId, EntryOperation<T> op) {
        SessionEntry entry = sessions.get(sessionId);
        if (entry == null) {
            return null;
        }
        long now = millis();
        T result = op.apply(entry, now);
        if (result == null && !entry.isLive(now)) {
            forget(sessionId, entry);
        }
        return result;
    }

    /** Removes an ended session and tells its listeners. */
    void ended(String sessionId, SessionEntry entry) {
        forget(sessionId, entry);
        // the processor needs serialized signals; ends are rare, so a lock is cheap
        synchronized (ended) {
            ended.onNext(sessionId);
        }
    }

    /** Removes the entries that are no longer live; how many this call removed. */
    int purge(long now) {
        int removed = 0;
        for (var e : sessions.entrySet()) {
            if (!e.getValue().isLive(now) && forget(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** Keys held: the sessions and each user's set of them. */
    int heldKeys() {
        return sessions.size() + idsByUsername.size();
    }

    /** Takes a place for a new session; purges expired ones when the bound is hit, and fails if still full. */
    private void reserveSlot() {
        if (size.incrementAndGet() <= capacity) {
            return;
        }
        size.decrementAndGet();
        purge(millis());
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            throw new StoreFullException(capacity);
        }
    }

    /** Removes an ended or expired entry; true if this call removed it. */
    boolean forget(String sessionId, SessionEntry entry) {
        if (!sessions.remove(sessionId, entry)) {
            return false;
        }
        size.decrementAndGet();
        idsByUsername.computeIfPresent(entry.username(), (u, ids) -> {
            ids.remove(sessionId);
            return ids.isEmpty() ? null : ids;
        });
        return true;
    }

    @FunctionalInterface
    interface EntryOperation<T> {
        T apply(SessionEntry entry, long now);
    }
}

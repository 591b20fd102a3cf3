package io.dx0.session.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dx0.session.domain.Budget;
import io.dx0.session.domain.ChargeOutcome;
import io.dx0.session.domain.EventPage;
import io.dx0.session.domain.EventQuery;
import io.dx0.session.domain.EventShelf;
import io.dx0.session.domain.FailingGate;
import io.dx0.session.domain.FailureCount;
import io.dx0.session.domain.GateDecision;
import io.dx0.session.domain.GateRule;
import io.dx0.session.domain.KeptEvent;
import io.dx0.session.domain.NewSession;
import io.dx0.session.domain.Rotation;
import io.dx0.session.domain.Session;
import io.dx0.session.domain.SessionQuery;
import io.dx0.session.domain.SessionUse;
import io.dx0.session.domain.Settlement;
import io.dx0.session.store.SessionPolicy;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.StoreFullException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Bounded in-process backend. Each session and each failure key has its own lock ({@link SessionEntry},
 * {@link FailureLog}); the maps are concurrent, so there is no global lock. Work is short and
 * non-blocking, so it runs on the caller's thread.
 */
public final class MemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<String, SessionEntry> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> idsByUsername = new ConcurrentHashMap<>();
    /** Bounded by the same figure as sessions, so guessing names cannot grow it without end. */
    private final ConcurrentHashMap<String, FailureLog> failures = new ConcurrentHashMap<>();
    /** Account → {revoked at, kept until}; written only by admins. */
    private final ConcurrentHashMap<String, long[]> datedMarks = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Object evictions = new Object();
    /** Kept security events per shelf, oldest first; all guarded by this map. */
    private final EnumMap<EventShelf, ArrayDeque<KeptEvent>> events = new EnumMap<>(EventShelf.class);
    /** Replica → {sockets, kept until}. */
    private final ConcurrentHashMap<String, long[]> replicas = new ConcurrentHashMap<>();
    private long eventSequence;
    /** Ends are announced in-process: the memory backend has only one replica. */
    private final BroadcastProcessor<String> ended = BroadcastProcessor.create();
    private final String name;
    private final SessionPolicy policy;
    private final int capacity;
    private final Clock clock;

    public MemorySessionStore(SessionPolicy policy, int capacity, Clock clock) {
        this("memory", policy, capacity, clock);
    }

    /** {@code name} is what readiness reports, e.g. when standing in for an unreachable backend. */
    public MemorySessionStore(String name, SessionPolicy policy, int capacity, Clock clock) {
        this.name = name;
        this.policy = policy;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<Session> create(NewSession session) {
        return now(() -> {
            reserveSlot();
            long now = millis();
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
            return entry.touch(now);
        });
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return now(() -> withLive(sessionId, (entry, now) -> entry.touch(now)));
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return now(() -> withLive(sessionId, (entry, now) -> entry.peek(now)));
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return now(() -> {
            SessionEntry entry = sessions.get(sessionId);
            if (entry == null) {
                return false;
            }
            boolean wasLive = entry.end(millis());
            forget(sessionId, entry);
            if (wasLive) {
                announceEnd(sessionId);
            }
            return wasLive;
        });
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return now(() -> {
            long now = millis();
            return idsByUsername.getOrDefault(username, Set.of()).stream()
                    .map(sessions::get)
                    .filter(Objects::nonNull)
                    .map(entry -> entry.peek(now))
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(Session::createdAt))
                    .toList();
        });
    }

    @Override
    public Uni<List<Session>> page(SessionQuery query) {
        return now(() -> {
            long now = millis();
            return sessions.values().stream().map(entry -> entry.peek(now)).filter(Objects::nonNull)
                    .filter(query::matches)
                    .sorted(SessionQuery.NEWEST_FIRST)
                    .limit(query.limit())
                    .toList();
        });
    }

    @Override
    public Uni<Long> countLive() {
        return now(() -> {
            long now = millis();
            return sessions.values().stream().filter(e -> e.isLive(now)).count();
        });
    }

    /** One eviction at a time in this process: the choice and the ends are one step. */
    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return now(() -> {
            synchronized (evictions) {
                long now = millis();
                SessionEntry openedEntry = sessions.get(opened);
                if (openedEntry == null || !openedEntry.isLive(now)) {
                    return List.<String> of();
                }
                List<Session> others = idsByUsername.getOrDefault(username, Set.of()).stream()
                        .filter(id -> !id.equals(opened))
                        .map(sessions::get)
                        .filter(Objects::nonNull)
                        .map(entry -> entry.peek(now))
                        .filter(Objects::nonNull)
                        .sorted(Comparator.comparing(Session::createdAt).thenComparing(Session::id))
                        .toList();
                int excess = others.size() + 1 - keep;
                List<String> ended = new ArrayList<>();
                for (Session old : others.subList(0, Math.max(0, excess))) {
                    SessionEntry entry = sessions.get(old.id());
                    if (entry != null && entry.end(now)) {
                        forget(old.id(), entry);
                        announceEnd(old.id());
                        ended.add(old.id());
                    }
                }
                return ended;
            }
        });
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return now(() -> {
            SessionEntry entry = sessions.get(sessionId);
            if (entry == null) {
                return Rotation.INVALID;
            }
            Rotation rotation = entry.rotate(millis(), presentedHash, newHash, reuseLeeway.toMillis());
            if (rotation.status() == Rotation.Status.REUSED) {
                forget(sessionId, entry);
                announceEnd(sessionId);
            }
            return rotation;
        });
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return now(() -> withLive(sessionId, (entry, now) -> entry.use(now, limit, window.toMillis(), record)));
    }

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return now(() -> {
            while (true) {
                GateDecision decision = failureLog(key).admit(millis(), rule, attemptId);
                if (decision != null) {
                    return decision;
                }
                failures.remove(key);
            }
        });
    }

    @Override
    public Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return now(() -> {
            if (settlement != Settlement.FAILED) {
                // nothing to record: a key with no log holds no place either, so none is made for it
                FailureLog log = failures.get(key);
                if (log != null) {
                    log.settle(millis(), rule, attemptId, settlement, tag);
                }
                return null;
            }
            while (!failureLog(key).settle(millis(), rule, attemptId, settlement, tag)) {
                failures.remove(key);
            }
            return null;
        });
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return now(() -> {
            datedMarks.put(key, new long[] { atMillis, millis() + keptFor.toMillis() });
            return null;
        });
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return now(() -> {
            long[] mark = datedMarks.get(key);
            return mark == null || mark[1] <= millis() ? 0L : mark[0];
        });
    }

    private FailureLog failureLog(String key) {
        FailureLog log = failures.get(key);
        if (log != null) {
            return log;
        }
        if (failures.size() >= capacity) {
            purgeFailures(millis());
            if (failures.size() >= capacity) {
                throw new StoreFullException(capacity);
            }
        }
        return failures.computeIfAbsent(key, k -> new FailureLog());
    }

    @Override
    public Uni<FailureCount> failures(String key, Duration window) {
        return now(() -> {
            FailureLog log = failures.get(key);
            return log == null ? FailureCount.NONE : log.count(millis(), window.toMillis());
        });
    }

    @Override
    public Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return now(() -> {
            long now = millis();
            List<FailingGate> found = new ArrayList<>();
            failures.forEach((key, log) -> {
                FailingGate gate = key.startsWith(kind) ? log.failing(key, now, window.toMillis()) : null;
                if (gate != null && gate.count() >= atLeast) {
                    found.add(gate);
                }
            });
            found.sort(Comparator.comparingLong(FailingGate::newestAgeMillis));
            return List.copyOf(found.subList(0, Math.min(max, found.size())));
        });
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return now(() -> {
            failures.remove(key);
            return null;
        });
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return now(() -> {
            ChargeOutcome outcome = withLive(sessionId,
                    (entry, now) -> entry.charge(now, amount, orderedItem, idempotencyKey));
            return outcome != null ? outcome : ChargeOutcome.NO_SESSION;
        });
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return now(() -> withLive(sessionId, (entry, now) -> entry.setLimit(now, limit)));
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return now(() -> withLive(sessionId, (entry, now) -> entry.lowerLimit(now, limit)));
    }

    @Override
    public Multi<String> endedSessions() {
        return ended;
    }

    @Override
    public Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        return now(() -> {
            synchronized (events) {
                ArrayDeque<KeptEvent> kept = events.computeIfAbsent(shelf, s -> new ArrayDeque<>());
                kept.addLast(event.withId(KeptEvent.sortableId(event.atMillis(), ++eventSequence)));
                long oldest = millis() - keptFor.toMillis();
                while (!kept.isEmpty() && (kept.size() > maxKept || kept.peekFirst().atMillis() < oldest)) {
                    kept.removeFirst();
                }
            }
            return null;
        });
    }

    /** Each shelf's newest matches, merged by id (one sequence numbers every shelf). */
    @Override
    public Uni<EventPage> recent(EventQuery query) {
        return now(() -> {
            List<KeptEvent> found = new ArrayList<>();
            synchronized (events) {
                for (ArrayDeque<KeptEvent> kept : events.values()) {
                    Iterator<KeptEvent> newestFirst = kept.descendingIterator();
                    for (int matched = 0; newestFirst.hasNext() && matched < query.limit();) {
                        KeptEvent event = newestFirst.next();
                        if (query.matches(event)) {
                            found.add(event);
                            matched++;
                        }
                    }
                }
            }
            found.sort(Comparator.comparing(KeptEvent::id).reversed());
            return EventPage.complete(found.subList(0, Math.min(found.size(), query.limit())));
        });
    }

    @Override
    public Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return now(() -> {
            replicas.put(replica, new long[] { sockets, millis() + keptFor.toMillis() });
            return null;
        });
    }

    @Override
    public Uni<Map<String, Integer>> reported() {
        return now(() -> {
            long now = millis();
            replicas.values().removeIf(report -> report[1] <= now);
            Map<String, Integer> found = new TreeMap<>();
            replicas.forEach((replica, report) -> found.put(replica, (int) report[0]));
            return found;
        });
    }

    @Override
    public Uni<Void> ping() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return now(() -> {
            long now = millis();
            purgeFailures(now);
            return purgeSessions(now);
        });
    }

    private int purgeSessions(long now) {
        int removed = 0;
        for (var e : sessions.entrySet()) {
            if (!e.getValue().isLive(now) && forget(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    private void purgeFailures(long now) {
        datedMarks.values().removeIf(mark -> mark[1] <= now);
        failures.forEach((key, log) -> {
            if (log.retireIfEmpty(now)) {
                failures.remove(key, log);
            }
        });
    }

    /** Takes a place for a new session; purges expired ones when the bound is hit, and fails if still full. */
    private void reserveSlot() {
        if (size.incrementAndGet() <= capacity) {
            return;
        }
        size.decrementAndGet();
        purgeSessions(millis());
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            throw new StoreFullException(capacity);
        }
    }

    /** Removes an ended or expired entry; true if this call removed it. */
    private boolean forget(String sessionId, SessionEntry entry) {
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

    /** Applies {@code op} to a live session; an expired entry found on the way is removed. Null when gone. */
    private <T> T withLive(String sessionId, EntryOperation<T> op) {
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

    /** The processor needs serialized signals; ends are rare, so a lock is cheap. */
    private void announceEnd(String sessionId) {
        synchronized (ended) {
            ended.onNext(sessionId);
        }
    }

    /**
     * Keys held in every map of this store (sessions, each user's set of sessions, failure logs,
     * device revocations): what the purge brings back to zero once everything in them has expired.
     */
    int heldKeys() {
        return sessions.size() + idsByUsername.size() + failures.size() + datedMarks.size();
    }

    private long millis() {
        return clock.millis();
    }

    private static <T> Uni<T> now(Supplier<T> work) {
        return Uni.createFrom().item(work);
    }

    @FunctionalInterface
    private interface EntryOperation<T> {
        T apply(SessionEntry entry, long now);
    }
}

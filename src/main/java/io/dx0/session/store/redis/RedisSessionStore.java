package io.dx0.session.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.concurrency.CallerContext;
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
import io.dx0.session.domain.RateDecision;
import io.dx0.session.domain.Rotation;
import io.dx0.session.domain.Session;
import io.dx0.session.domain.SessionQuery;
import io.dx0.session.domain.SessionUse;
import io.dx0.session.domain.Settlement;
import io.dx0.session.store.SessionJson;
import io.dx0.session.store.SessionPolicy;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.StoreUnavailableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis backend (standalone or cluster). Each read-modify-write is one Lua script on the keys of
 * one session (one slot); the username and live-session indexes live in their own slots and are
 * kept as sorted sets whose scores bound each member's expiry, so they never need a scan.
 */
public final class RedisSessionStore implements SessionStore {

    private static final LuaScript CREATE = LuaScript.named("create");
    private static final LuaScript GET = LuaScript.named("get");
    private static final LuaScript TOUCH = LuaScript.named("touch");
    private static final LuaScript DELETE = LuaScript.named("delete");
    private static final LuaScript ROTATE = LuaScript.named("rotate");
    private static final LuaScript USE = LuaScript.named("use");
    private static final LuaScript FAILURES = LuaScript.named("failures");
    private static final LuaScript ADMIT = LuaScript.named("admit");
    private static final LuaScript SETTLE = LuaScript.named("settle");
    private static final LuaScript FAILING_MARK = LuaScript.named("failing_mark");
    private static final LuaScript FAILING_READ = LuaScript.named("failing_read");
    /** The most gates of one kind the index of closed gates keeps (the newest). */
    private static final int FAILING_KEPT = 10_000;
    private static final LuaScript CHARGE = LuaScript.named("charge");
    private static final LuaScript SET_LIMIT = LuaScript.named("set_limit");
    private static final LuaScript INDEX_ADD = LuaScript.named("index_add");
    private static final LuaScript INDEX_LIST = LuaScript.named("index_list");
    private static final LuaScript INDEX_COUNT = LuaScript.named("index_count");
    private static final LuaScript END_OLDEST = LuaScript.named("end_oldest");
    private static final LuaScript EVENT_KEEP = LuaScript.named("event_keep");
    private static final LuaScript REPLICAS = LuaScript.named("replicas");
    private static final LuaScript REPLICA_REPORT = LuaScript.named("replica_report");
    /** The most stream entries one read of kept events looks at, so a narrow filter cannot scan without end. */
    private static final int EVENTS_SCANNED = 5_000;
    /**
     * The noise shelf is read whole (it is bounded by its own count, plus what trimming by whole stream nodes
     * leaves), so noise never hides an older event of the other shelf: its bound as the last keep gave it.
     */
    private volatile int noiseScanned = 25_000;
    /** The most sessions one page of the admin's list looks at. */
    private static final int SESSIONS_SCANNED = 5_000;

    private final Redis redis;
    private final RedisKeys keys;
    private final SessionHash hash;
    private final SessionJson json;
    private final EndedSessionsChannel ended;
    private final long idleMillis;
    private final long maxLifetimeMillis;
    /** How far an index score may run ahead of the real expiry; see {@code lib.lua#touch}. */
    private final long indexSlackMillis;
    /** No call waits longer for Redis: a paused or failing-over server gives a fast 503, not a hang. */
    private final Duration operationTimeout;

    public RedisSessionStore(Vertx vertx, Redis redis, String keyPrefix, SessionPolicy policy, ObjectMapper json,
            Duration operationTimeout) {
        this.redis = redis;
        this.operationTimeout = operationTimeout;
        this.keys = new RedisKeys(keyPrefix);
        this.ended = new EndedSessionsChannel(vertx, redis, keys.endedChannel());
        this.idleMillis = policy.idleTimeout().toMillis();
        this.maxLifetimeMillis = policy.maxLifetime().toMillis();
        this.indexSlackMillis = Math.max(1, idleMillis / 10);
        this.hash = new SessionHash(json, idleMillis);
        this.json = new SessionJson(json);
    }

    /** Ends the ended-sessions subscription; the Redis client itself belongs to Quarkus. */
    @Override
    public void close() {
        ended.close();
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Uni<Session> create(NewSession s) {
        return guard(CREATE.run(redis, List.of(keys.session(s.id())), s.username(), s.group(), idleMillis,
                maxLifetimeMillis, Budget.storedLimit(s.budgetLimit()), s.refreshHash(),
                hash.metadataJson(s.metadata()), indexSlackMillis)
                .chain(reply -> {
                    long score = reply.get(0).toLong();
                    Session session = hash.toSession(s.id(), reply.get(1));
                    return Uni.combine().all()
                            .unis(INDEX_ADD.run(redis, List.of(keys.usernameIndex(s.username()),
                                    keys.usernameOrder(s.username())), s.id(), score, maxLifetimeMillis,
                                    session.createdAt().toEpochMilli()),
                                    index(keys.liveIndex(), s.id(), score),
                                    // one key: both in one write, in order (the expiry needs the key to exist)
                                    redis.batch(List.of(
                                            Request.cmd(Command.ZADD).arg(keys.createdIndex())
                                                    .arg(session.createdAt().toEpochMilli()).arg(s.id()),
                                            Request.cmd(Command.PEXPIRE).arg(keys.createdIndex()).arg(maxLifetimeMillis))))
                            .discardItems()
                            .replaceWith(session);
                }));
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return guard(read(sessionId, true));
    }

    private Uni<Session> read(String sessionId, boolean slide) {
        List<String> key = List.of(keys.session(sessionId));
        return (slide ? TOUCH.run(redis, key, idleMillis, indexSlackMillis) : GET.run(redis, key))
                .chain(reply -> reply == null ? Uni.createFrom().nullItem()
                        : sessionAfterTouch(sessionId, reply.get(0).toLong(), reply.get(1)));
    }

    /** Raises the index scores when the touch slid the expiry past them; never re-adds a removed member. */
    private Uni<Session> sessionAfterTouch(String sessionId, long reindexScore, Response hgetall) {
        Session session = hash.toSession(sessionId, hgetall);
        if (reindexScore == 0) {
            return Uni.createFrom().item(session);
        }
        return Uni.combine().all()
                .unis(raise(keys.usernameIndex(session.username()), sessionId, reindexScore),
                        raise(keys.liveIndex(), sessionId, reindexScore))
                .discardItems()
                .replaceWith(session);
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return guard(read(sessionId, false));
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return guard(end(sessionId));
    }

    private Uni<Boolean> end(String sessionId) {
        return DELETE.run(redis, keys.allOfSession(sessionId))
                .chain(user -> user == null ? Uni.createFrom().item(false)
                        : unindex(sessionId, user.toString()).replaceWith(true));
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return guard(INDEX_LIST.run(redis, List.of(keys.usernameIndex(username)))
                .chain(ids -> all(ids, id -> read(id, false)))
                .map(sessions -> sessions.stream()
                        .filter(Objects::nonNull)
                        .filter(s -> s.username().equals(username))
                        .sorted(Comparator.comparing(Session::createdAt))
                        .toList()));
    }

    /**
     * Walks the creation index newest first (equal times by id, descending, as the cursor orders them)
     * from the cursor's time down, reading each session without sliding it, until the page is full or
     * {@link #SESSIONS_SCANNED} were looked at. Members whose session is gone are dropped on the way.
     */
    @Override
    public Uni<List<Session>> page(SessionQuery query) {
        String from = query.before() == null ? "+inf" : Long.toString(query.before().createdMillis());
        return guard(pageFrom(query, from, 0, new ArrayList<>()));
    }

    private Uni<List<Session>> pageFrom(SessionQuery query, String maxScore, int offset, List<Session> found) {
        int batch = Math.max(50, query.limit() * 2);
        return send(Command.ZREVRANGEBYSCORE, keys.createdIndex(), maxScore, "-inf", "LIMIT", Integer.toString(offset),
                Integer.toString(batch))
                .chain(ids -> all(ids, id -> read(id, false).call(session -> session != null
                        ? Uni.createFrom().voidItem()
                        : send(Command.ZREM, keys.createdIndex(), id).replaceWithVoid()))
                        .chain(sessions -> {
                            int gone = (int) sessions.stream().filter(Objects::isNull).count();
                            for (Session session : sessions) {
                                if (session != null && found.size() < query.limit() && query.matches(session)) {
                                    found.add(session);
                                }
                            }
                            boolean more = sessions.size() == batch && found.size() < query.limit()
                                    && offset + batch < SESSIONS_SCANNED;
                            return more ? pageFrom(query, maxScore, offset + batch - gone, found)
                                    : Uni.createFrom().item(found);
                        }));
    }

    @Override
    public Uni<Long> countLive() {
        return count(keys.liveIndex());
    }

    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return guard(END_OLDEST.run(redis, List.of(keys.usernameIndex(username), keys.usernameOrder(username)),
                opened, keep, indexSlackMillis)
                .chain(chosen -> all(chosen, id -> end(id).map(ended -> ended ? id : null)))
                .map(ended -> ended.stream().filter(Objects::nonNull).toList()));
    }

    /** Members of an index whose scores bound their sessions' expiry (see index_count.lua). */
    private Uni<Long> count(String index) {
        return guard(INDEX_COUNT.run(redis, List.of(index), indexSlackMillis)
                .chain(reply -> {
                    long sure = reply.get(0).toLong();
                    return all(reply.get(1), id -> send(Command.EXISTS, keys.session(id)).map(Response::toLong))
                            .map(exists -> sure + exists.stream().mapToLong(Long::longValue).sum());
                }));
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return guard(ROTATE.run(redis, keys.allOfSession(sessionId), presentedHash, newHash, idleMillis,
                indexSlackMillis, reuseLeeway.toMillis())
                .chain(reply -> switch (reply.get(0).toString()) {
                    case "rotated" -> sessionAfterTouch(sessionId, reply.get(1).toLong(), reply.get(2))
                            .map(session -> new Rotation(Rotation.Status.ROTATED, session));
                    case "replayed" -> sessionAfterTouch(sessionId, reply.get(1).toLong(), reply.get(2))
                            .map(session -> new Rotation(Rotation.Status.REPLAYED, session));
                    case "reused" -> unindex(sessionId, reply.get(1).toString()).replaceWith(Rotation.REUSED);
                    default -> Uni.createFrom().item(Rotation.INVALID);
                }));
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return guard(USE.run(redis, List.of(keys.session(sessionId), keys.rateLog(sessionId)), idleMillis,
                indexSlackMillis, limit, window.toMillis(), record ? 1 : 0)
                .chain(reply -> {
                    if (reply == null) {
                        return Uni.createFrom().nullItem();
                    }
                    RateDecision rate = new RateDecision(reply.get(2).toInteger() == 1, reply.get(3).toInteger(),
                            reply.get(4).toLong());
                    return sessionAfterTouch(sessionId, reply.get(0).toLong(), reply.get(1))
                            .map(session -> new SessionUse(session, rate));
                }));
    }

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return guard(ADMIT.run(redis, List.of(keys.failures(key), keys.inFlight(key)), rule.window().toMillis(),
                rule.threshold(), rule.backoffBase().toMillis(), rule.backoffMax().toMillis(), rule.maxInFlight(),
                rule.lease().toMillis(), attemptId)
                .map(reply -> {
                    int failures = reply.get(1).toInteger();
                    return switch (reply.get(0).toInteger()) {
                        case 1 -> GateDecision.admitted(failures);
                        case 2 -> GateDecision.locked(failures, reply.get(2).toLong());
                        default -> GateDecision.busy(failures);
                    };
                }));
    }

    @Override
    public Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return guard(SETTLE.run(redis, List.of(keys.failures(key), keys.inFlight(key)), attemptId, settlement.name(),
                tag == null ? "" : tag, rule.window().toMillis(), rule.kept())
                .chain(failures -> failures.toInteger() < rule.threshold() ? Uni.createFrom().voidItem()
                        : FAILING_MARK.run(redis, List.of(keys.failing(key)), key, rule.window().toMillis(), FAILING_KEPT)
                                .replaceWithVoid()));
    }

    /** The index of the gates of that kind that closed, newest first, each then read from its own log. */
    @Override
    public Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return guard(send(Command.ZREVRANGEBYSCORE, keys.failing(kind), "+inf", "-inf", "LIMIT", "0",
                Integer.toString(FAILING_KEPT)).chain(candidates -> {
                    List<Uni<FailingGate>> reads = new ArrayList<>();
                    for (int i = 0; candidates != null && i < candidates.size() && reads.size() < max; i++) {
                        String key = candidates.get(i).toString();
                        if (key.startsWith(kind)) {
                            reads.add(FAILING_READ.run(redis, List.of(keys.failures(key)), window.toMillis())
                                    .map(w -> new FailingGate(key, w.get(0).toInteger(), w.get(1).toLong(),
                                            w.get(2).toLong())));
                        }
                    }
                    if (reads.isEmpty()) {
                        return Uni.createFrom().item(List.<FailingGate> of());
                    }
                    return Uni.join().all(reads).andFailFast().map(found -> found.stream()
                            .filter(gate -> gate.count() >= atLeast)
                            .sorted(Comparator.comparingLong(FailingGate::newestAgeMillis)).toList());
                }));
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return guard(send(Command.SET, keys.datedMark(key), Long.toString(atMillis), "PX",
                Long.toString(keptFor.toMillis())).replaceWithVoid());
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return guard(send(Command.GET, keys.datedMark(key))
                .map(reply -> reply == null ? 0L : reply.toLong()));
    }

    @Override
    public Uni<FailureCount> failures(String key, Duration window) {
        return guard(FAILURES.run(redis, List.of(keys.failures(key)), window.toMillis())
                .map(reply -> new FailureCount(reply.get(0).toInteger(), reply.get(1).toLong())));
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return guard(send(Command.DEL, keys.failures(key)).replaceWithVoid());
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return guard(CHARGE.run(redis, List.of(keys.session(sessionId), keys.idempotencyKeys(sessionId)), amount,
                orderedItem == null ? "" : orderedItem, idempotencyKey == null ? "" : idempotencyKey)
                .map(reply -> {
                    Budget budget = Budget.fromStored(reply.get(1).toLong(), reply.get(2).toLong());
                    return switch (reply.get(0).toString()) {
                        case "charged" -> new ChargeOutcome(ChargeOutcome.Status.CHARGED, budget);
                        case "duplicate" -> new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, budget);
                        case "exceeded" -> new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, budget);
                        default -> ChargeOutcome.NO_SESSION;
                    };
                }));
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return limit(sessionId, Budget.storedLimit(limit), "set");
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return limit(sessionId, limit, "lower");
    }

    private Uni<Budget> limit(String sessionId, long limit, String mode) {
        return guard(SET_LIMIT.run(redis, List.of(keys.session(sessionId)), limit, mode)
                .map(reply -> reply == null ? null
                        : Budget.fromStored(reply.get(0).toLong(), reply.get(1).toLong())));
    }

    @Override
    public Multi<String> endedSessions() {
        return ended.stream();
    }

    /** The noise shelf's ids number from here within a millisecond, so they never equal an id of the other shelf. */
    private static final long NOISE_LEAST_SEQUENCE = 1L << 32;

    @Override
    public Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        if (shelf == EventShelf.NOISE) {
            noiseScanned = maxKept + 1_000;
        }
        return guard(EVENT_KEEP.run(redis, List.of(keys.events(shelf)), keptFor.toMillis(), maxKept, event.type(),
                event.warning() ? 1 : 0, json.write(event.fields()), event.atMillis(),
                shelf == EventShelf.NOISE ? NOISE_LEAST_SEQUENCE : 0)).replaceWithVoid();
    }

    /**
     * Reads each shelf's stream newest first ({@code XREVRANGE}) from before the cursor down to {@code since},
     * in batches, keeping what the filters match, and merges them; the stream id is the event's id.
     */
    @Override
    public Uni<EventPage> recent(EventQuery query) {
        EventQuery filters = new EventQuery(query.user(), query.address(), query.type(), query.sinceMillis(), null,
                query.limit());
        String end = query.before() == null ? "+" : "(" + streamId(query.before());
        return guard(Uni.combine().all()
                .unis(readEvents(keys.events(EventShelf.ACCOUNTS), EVENTS_SCANNED, filters, end, new ArrayList<>(), 0),
                        readEvents(keys.events(EventShelf.NOISE), noiseScanned, filters, end, new ArrayList<>(), 0))
                .asTuple().map(pages -> merged(List.of(pages.getItem1(), pages.getItem2()), query.limit())));
    }

    /**
     * The newest {@code limit} of both shelves' pages. Where a shelf stopped short, nothing older than where it
     * stopped is shown (the other shelf's older events could be out of order with its unread ones), and the
     * page stops there.
     */
    static EventPage merged(List<EventPage> pages, int limit) {
        String stopped = null;
        for (EventPage page : pages) {
            if (page.stoppedShort() && (stopped == null || compareIds(page.stoppedBefore(), stopped) > 0)) {
                stopped = page.stoppedBefore();
            }
        }
        String cut = stopped;
        List<KeptEvent> all = pages.stream().flatMap(page -> page.events().stream())
                .filter(event -> cut == null || compareIds(event.id(), cut) >= 0)
                .sorted((a, b) -> compareIds(b.id(), a.id())).toList();
        List<KeptEvent> shown = all.subList(0, Math.min(all.size(), limit));
        return new EventPage(shown, shown.size() < limit ? cut : null);
    }

    /** Stream ids in order: by time, then by sequence (both decimal). */
    static int compareIds(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime
                : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(dashA + 1)),
                        Long.parseUnsignedLong(b.substring(dashB + 1)));
    }

    /**
     * A cursor as a stream id: a stream's own ids are decimal on both sides of the dash; a well-formed cursor
     * of another backend (a hex counter) is read as the same number, so no cursor makes XREVRANGE fail.
     */
    static String streamId(String cursor) {
        int dash = cursor.indexOf('-');
        String counter = cursor.substring(dash + 1);
        return counter.chars().allMatch(Character::isDigit) ? cursor
                : cursor.substring(0, dash) + "-" + Long.toUnsignedString(Long.parseUnsignedLong(counter, 16));
    }

    /**
     * Reads on until a full page, the end of the stream, or {@code most} entries read, then says where it
     * stopped; each batch twice the last, up to 2,000 entries.
     */
    private Uni<EventPage> readEvents(String stream, int most, EventQuery filters, String end, List<KeptEvent> found,
            int scanned) {
        int batch = Math.min(2_000, Math.max(100, filters.limit() * 4) << Math.min(4, scanned / 100));
        return send(Command.XREVRANGE, stream, end, Long.toString(filters.sinceMillis()), "COUNT",
                Integer.toString(batch)).chain(entries -> {
                    String last = null;
                    int read = entries == null ? 0 : entries.size();
                    for (int i = 0; i < read && found.size() < filters.limit(); i++) {
                        Response entry = entries.get(i);
                        last = entry.get(0).toString();
                        KeptEvent event = keptEvent(last, entry.get(1));
                        if (filters.matches(event)) {
                            found.add(event);
                        }
                    }
                    boolean more = read == batch && found.size() < filters.limit();
                    if (more && scanned + read < most) {
                        return readEvents(stream, most, filters, "(" + last, found, scanned + read);
                    }
                    return Uni.createFrom().item(new EventPage(found, more ? last : null));
                });
    }

    private KeptEvent keptEvent(String id, Response pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            values.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
        }
        return new KeptEvent(id, Long.parseLong(values.getOrDefault("a", "0")), values.getOrDefault("t", ""),
                "1".equals(values.get("w")), json.metadata(values.getOrDefault("f", "{}")));
    }

    /** One hash of reports, one field per replica, kept and judged on Redis {@code TIME} (replica_report.lua). */
    @Override
    public Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return guard(REPLICA_REPORT.run(redis, List.of(keys.replicas()), replica, sockets, keptFor.toMillis()))
                .replaceWithVoid();
    }

    @Override
    public Uni<Map<String, Integer>> reported() {
        return guard(REPLICAS.run(redis, List.of(keys.replicas())).map(live -> {
            Map<String, Integer> found = new java.util.TreeMap<>();
            for (int i = 0; live != null && i + 1 < live.size(); i += 2) {
                found.put(live.get(i).toString(), Integer.parseInt(live.get(i + 1).toString()));
            }
            return found;
        }));
    }

    @Override
    public Uni<Void> ping() {
        return guard(send(Command.PING).replaceWithVoid());
    }

    /** Redis expires every key by its TTL and the indexes trim themselves on use: nothing to purge. */
    @Override
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().item(0);
    }

    private Uni<Response> index(String indexKey, String sessionId, long score) {
        return INDEX_ADD.run(redis, List.of(indexKey), sessionId, score, maxLifetimeMillis);
    }

    private Uni<Response> raise(String indexKey, String sessionId, long score) {
        return send(Command.ZADD, indexKey, "XX", "GT", String.valueOf(score), sessionId);
    }

    /** After a session ended: drops it from both indexes and tells every replica. */
    private Uni<Void> unindex(String sessionId, String username) {
        return Uni.combine().all()
                .unis(send(Command.ZREM, keys.usernameIndex(username), sessionId),
                        send(Command.ZREM, keys.usernameOrder(username), sessionId),
                        send(Command.ZREM, keys.liveIndex(), sessionId),
                        send(Command.ZREM, keys.createdIndex(), sessionId),
                        ended.publish(sessionId))
                .discardItems();
    }

    private Uni<Response> send(Command command, String... args) {
        Request request = Request.cmd(command);
        for (String arg : args) {
            request.arg(arg);
        }
        return redis.send(request);
    }

    /** Runs {@code op} for every id of a multi-bulk reply, concurrently; the results in order. */
    private <T> Uni<List<T>> all(Response ids, Function<String, Uni<T>> op) {
        if (ids == null || ids.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<T>> unis = new ArrayList<>(ids.size());
        ids.forEach(id -> unis.add(op.apply(id.toString())));
        return Uni.join().all(unis).andFailFast();
    }

    /** Bounded in time, failures as {@link StoreUnavailableException}, the reply back on the caller's context. */
    private <T> Uni<T> guard(Uni<T> operation) {
        return CallerContext.backOnCaller(operation, operationTimeout)
                .onFailure().transform(e -> new StoreUnavailableException(name(), e));
    }
}

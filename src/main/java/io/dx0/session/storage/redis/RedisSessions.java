package io.dx0.session.storage.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.session.Sessions;
import io.dx0.session.storage.backend.SessionPolicy;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/** Sessions on Redis: each read-modify-write is one Lua script on the keys of one session (one slot). */
final class RedisSessions implements Sessions {

    private static final LuaScript CREATE = LuaScript.named("create");
    private static final LuaScript GET = LuaScript.named("get");
    private static final LuaScript TOUCH = LuaScript.named("touch");
    private static final LuaScript DELETE = LuaScript.named("delete");
    private static final LuaScript ROTATE = LuaScript.named("rotate");
    private static final LuaScript INDEX_LIST = LuaScript.named("index_list");
    private static final LuaScript END_OLDEST = LuaScript.named("end_oldest");
    /** The most sessions one page of the admin's list looks at. */
    private static final int SESSIONS_SCANNED = 5_000;

    private final RedisCalls calls;
    private final RedisKeys keys;
    /** How a session's hash reads and writes; the use of a session (the chat's quota) shares it. */
    final SessionHash hash;
    final RedisSessionIndexes indexes;
    final long idleMillis;
    private final EndedSessionsChannel ended;
    private final long maxLifetimeMillis;

    RedisSessions(RedisCalls calls, EndedSessionsChannel ended, SessionPolicy policy, ObjectMapper json) {
        this.calls = calls;
        this.keys = calls.keys;
        this.ended = ended;
        this.idleMillis = policy.idleTimeout().toMillis();
        this.maxLifetimeMillis = policy.maxLifetime().toMillis();
        this.hash = new SessionHash(json, idleMillis);
        this.indexes = new RedisSessionIndexes(calls, ended, idleMillis, maxLifetimeMillis);
    }

    /** Ends the ended-sessions subscription. */
    void close() {
        ended.close();
    }

    @Override
    public Uni<Session> create(NewSession s) {
        return calls.guard(CREATE.run(calls.redis, List.of(keys.session(s.id())), s.username(), s.group(), idleMillis,
                maxLifetimeMillis, Budget.storedLimit(s.budgetLimit()), s.refreshHash(),
                hash.metadataJson(s.metadata()), indexes.slackMillis)
                .chain(reply -> indexes.added(hash.toSession(s.id(), reply.get(1)), reply.get(0).toLong())));
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return calls.guard(read(sessionId, true));
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return calls.guard(read(sessionId, false));
    }

    private Uni<Session> read(String sessionId, boolean slide) {
        List<String> key = List.of(keys.session(sessionId));
        return (slide ? TOUCH.run(calls.redis, key, idleMillis, indexes.slackMillis) : GET.run(calls.redis, key))
                .chain(reply -> reply == null ? Uni.createFrom().nullItem()
                        : indexes.afterTouch(hash.toSession(sessionId, reply.get(1)), reply.get(0).toLong()));
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return calls.guard(end(sessionId));
    }

    private Uni<Boolean> end(String sessionId) {
        return DELETE.run(calls.redis, keys.allOfSession(sessionId))
                .chain(user -> user == null ? Uni.createFrom().item(false)
                        : indexes.removed(sessionId, user.toString()).replaceWith(true));
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return calls.guard(INDEX_LIST.run(calls.redis, List.of(keys.usernameIndex(username)))
                .chain(ids -> calls.all(ids, id -> read(id, false)))
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
        return calls.guard(pageFrom(query, from, 0, new ArrayList<>()));
    }

    private Uni<List<Session>> pageFrom(SessionQuery query, String maxScore, int offset, List<Session> found) {
        int batch = Math.max(50, query.limit() * 2);
        return calls.send(Command.ZREVRANGEBYSCORE, keys.createdIndex(), maxScore, "-inf", "LIMIT",
                Integer.toString(offset), Integer.toString(batch))
                .chain(ids -> calls.all(ids, id -> read(id, false).call(session -> session != null
                        ? Uni.createFrom().voidItem()
                        : calls.send(Command.ZREM, keys.createdIndex(), id).replaceWithVoid()))
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
        return indexes.countLive();
    }

    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return calls.guard(END_OLDEST.run(calls.redis, List.of(keys.usernameIndex(username),
                keys.usernameOrder(username)), opened, keep, indexes.slackMillis)
                .chain(chosen -> calls.all(chosen, id -> end(id).map(gone -> gone ? id : null)))
                .map(gone -> gone.stream().filter(Objects::nonNull).toList()));
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return calls.guard(ROTATE.run(calls.redis, keys.allOfSession(sessionId), presentedHash, newHash, idleMillis,
                indexes.slackMillis, reuseLeeway.toMillis())
                .chain(reply -> switch (reply.get(0).toString()) {
                    case "rotated" -> indexes.afterTouch(hash.toSession(sessionId, reply.get(2)), reply.get(1).toLong())
                            .map(session -> new Rotation(Rotation.Status.ROTATED, session));
                    case "replayed" -> indexes.afterTouch(hash.toSession(sessionId, reply.get(2)), reply.get(1).toLong())
                            .map(session -> new Rotation(Rotation.Status.REPLAYED, session));
                    case "reused" -> indexes.removed(sessionId, reply.get(1).toString()).replaceWith(Rotation.REUSED);
                    default -> Uni.createFrom().item(Rotation.INVALID);
                }));
    }

    @Override
    public Multi<String> endedSessions() {
        return ended.stream();
    }
}

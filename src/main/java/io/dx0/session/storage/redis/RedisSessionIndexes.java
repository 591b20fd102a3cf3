package io.dx0.session.storage.redis;

import java.util.List;

import io.dx0.session.session.Session;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The indexes beside the session hashes: by username (with its creation order), the live sessions and
 * the creation order every admin page walks. They live in their own slots and are sorted sets whose
 * scores bound each member's expiry, so they never need a scan.
 */
final class RedisSessionIndexes {

    private static final LuaScript INDEX_ADD = LuaScript.named("index_add");
    private static final LuaScript INDEX_COUNT = LuaScript.named("index_count");

    private final RedisCalls calls;
    private final RedisKeys keys;
    private final EndedSessionsChannel ended;
    private final long maxLifetimeMillis;
    /** How far an index score may run ahead of the real expiry; see {@code lib.lua#touch}. */
    final long slackMillis;

    RedisSessionIndexes(RedisCalls calls, EndedSessionsChannel ended, long idleMillis, long maxLifetimeMillis) {
        this.calls = calls;
        this.keys = calls.keys;
        this.ended = ended;
        this.maxLifetimeMillis = maxLifetimeMillis;
        this.slackMillis = Math.max(1, idleMillis / 10);
    }

    /** Enters a new session in every index, {@code score} bounding its expiry. */
    Uni<Session> added(Session session, long score) {
        long created = session.createdAt().toEpochMilli();
        return Uni.combine().all()
                .unis(INDEX_ADD.run(calls.redis, List.of(keys.usernameIndex(session.username()),
                        keys.usernameOrder(session.username())), session.id(), score, maxLifetimeMillis, created),
                        INDEX_ADD.run(calls.redis, List.of(keys.liveIndex()), session.id(), score, maxLifetimeMillis),
                        // one key: both in one write, in order (the expiry needs the key to exist)
                        calls.redis.batch(List.of(
                                Request.cmd(Command.ZADD).arg(keys.createdIndex()).arg(created).arg(session.id()),
                                Request.cmd(Command.PEXPIRE).arg(keys.createdIndex()).arg(maxLifetimeMillis))))
                .discardItems()
                .replaceWith(session);
    }

    /** Raises the index scores when a touch slid the expiry past them; never re-adds a removed member. */
    Uni<Session> afterTouch(Session session, long reindexScore) {
        if (reindexScore == 0) {
            return Uni.createFrom().item(session);
        }
        return Uni.combine().all()
                .unis(raise(keys.usernameIndex(session.username()), session.id(), reindexScore),
                        raise(keys.liveIndex(), session.id(), reindexScore))
                .discardItems()
                .replaceWith(session);
    }

    private Uni<Response> raise(String indexKey, String sessionId, long score) {
        return calls.send(Command.ZADD, indexKey, "XX", "GT", String.valueOf(score), sessionId);
    }

    /** After a session ended: drops it from every index and tells every replica. */
    Uni<Void> removed(String sessionId, String username) {
        return Uni.combine().all()
                .unis(calls.send(Command.ZREM, keys.usernameIndex(username), sessionId),
                        calls.send(Command.ZREM, keys.usernameOrder(username), sessionId),
                        calls.send(Command.ZREM, keys.liveIndex(), sessionId),
                        calls.send(Command.ZREM, keys.createdIndex(), sessionId),
                        ended.publish(sessionId))
                .discardItems();
    }

    /** The live sessions: the members whose score is surely ahead, plus those near it that still exist. */
    Uni<Long> countLive() {
        return calls.guard(INDEX_COUNT.run(calls.redis, List.of(keys.liveIndex()), slackMillis)
                .chain(reply -> {
                    long sure = reply.get(0).toLong();
                    return calls.all(reply.get(1), id -> calls.send(Command.EXISTS, keys.session(id))
                            .map(Response::toLong))
                            .map(exists -> sure + exists.stream().mapToLong(Long::longValue).sum());
                }));
    }
}

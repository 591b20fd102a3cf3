package io.dx0.session.storage.redis;

import java.time.Duration;
import java.util.List;

import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.SessionUse;
import io.dx0.session.chat.SessionUses;
import io.smallrye.mutiny.Uni;

/** A session's use on Redis: the touch and the sliding-window count in one script on the session's slot. */
final class RedisSessionUses implements SessionUses {

    private static final LuaScript USE = LuaScript.named("use");

    private final RedisCalls calls;
    private final SessionHash hash;
    private final RedisSessionIndexes indexes;
    private final long idleMillis;

    RedisSessionUses(RedisCalls calls, RedisSessions sessions) {
        this.calls = calls;
        this.hash = sessions.hash;
        this.indexes = sessions.indexes;
        this.idleMillis = sessions.idleMillis;
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return calls.guard(USE.run(calls.redis, List.of(calls.keys.session(sessionId), calls.keys.rateLog(sessionId)),
                idleMillis, indexes.slackMillis, limit, window.toMillis(), record ? 1 : 0)
                .chain(reply -> {
                    if (reply == null) {
                        return Uni.createFrom().nullItem();
                    }
                    RateDecision rate = new RateDecision(reply.get(2).toInteger() == 1, reply.get(3).toInteger(),
                            reply.get(4).toLong());
                    return indexes.afterTouch(hash.toSession(sessionId, reply.get(1)), reply.get(0).toLong())
                            .map(session -> new SessionUse(session, rate));
                }));
    }
}

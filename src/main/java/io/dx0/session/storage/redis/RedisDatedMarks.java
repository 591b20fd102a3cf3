package io.dx0.session.storage.redis;

import java.time.Duration;

import io.dx0.session.login.DatedMarks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/** Dated marks on Redis: one string key each, expiring by its TTL. */
final class RedisDatedMarks implements DatedMarks {

    private final RedisCalls calls;

    RedisDatedMarks(RedisCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return calls.guard(calls.send(Command.SET, calls.keys.datedMark(key), Long.toString(atMillis), "PX",
                Long.toString(keptFor.toMillis())).replaceWithVoid());
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return calls.guard(calls.send(Command.GET, calls.keys.datedMark(key))
                .map(reply -> reply == null ? 0L : reply.toLong()));
    }
}

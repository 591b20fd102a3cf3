package io.dx0.session.storage.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dx0.session.admin.Replicas;
import io.smallrye.mutiny.Uni;

/** One hash of reports, one field per replica, kept and judged on Redis {@code TIME} (replica_report.lua). */
final class RedisReplicas implements Replicas {

    private static final LuaScript REPLICAS = LuaScript.named("replicas");
    private static final LuaScript REPLICA_REPORT = LuaScript.named("replica_report");

    private final RedisCalls calls;

    RedisReplicas(RedisCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return calls.guard(REPLICA_REPORT.run(calls.redis, List.of(calls.keys.replicas()), replica, sockets,
                keptFor.toMillis())).replaceWithVoid();
    }

    @Override
    public Uni<Map<String, Integer>> reported() {
        return calls.guard(REPLICAS.run(calls.redis, List.of(calls.keys.replicas())).map(live -> {
            Map<String, Integer> found = new TreeMap<>();
            for (int i = 0; live != null && i + 1 < live.size(); i += 2) {
                found.put(live.get(i).toString(), Integer.parseInt(live.get(i + 1).toString()));
            }
            return found;
        }));
    }
}

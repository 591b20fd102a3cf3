package io.dx0.session.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * Memory per live session: heap per session in the memory backend (live heap after a full GC,
 * before and after), bytes per session in Redis ({@code used_memory} before and after, and
 * {@code MEMORY USAGE} of one session's keys). Each session is created and then used as a chat
 * session is: one rate-limited message and one charge. Prints one JSON line.
 * Run by bench/run.sh: {@code java -cp ... io.dx0.session.bench.MemoryPerSession <sessions> [redis-uri]}.
 */
public final class MemoryPerSession {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        StringBuilder out = new StringBuilder("{\"sessions\":").append(count);
        try (BenchStores memory = BenchStores.open("memory", count + 1)) {
            long before = liveHeap();
            use(memory, memory.fill(count));
            long after = liveHeap();
            out.append(",\"memory_heap_bytes_per_session\":").append((after - before) / count);
        }
        if (args.length > 1) {
            System.setProperty("bench.redis", args[1]);
            try (BenchStores redis = BenchStores.open("redis", count + 1)) {
                Vertx vertx = Vertx.vertx();
                Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(args[1]));
                long before = usedMemory(client);
                String[] ids = redis.fill(count);
                use(redis, ids);
                long after = usedMemory(client);
                String key = BenchStores.PREFIX + ":s:{" + ids[0] + "}";
                out.append(",\"redis_bytes_per_session\":").append((after - before) / count)
                        .append(",\"redis_memory_usage_session_hash\":").append(memoryUsage(client, key))
                        .append(",\"redis_memory_usage_rate_log\":").append(memoryUsage(client, key + ":rl"));
                client.close();
                vertx.closeAndAwait();
            }
        }
        System.out.println(out.append('}'));
        System.exit(0);
    }

    /** One chat message's worth of use per session: a rate-limit slot and a charge. */
    private static void use(BenchStores stores, String[] ids) {
        for (int from = 0; from < ids.length; from += 256) {
            List<Uni<Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(ids.length, from + 256); i++) {
                batch.add(stores.store.use(ids[i], 10, StoreBenchmark.WINDOW.multipliedBy(60), true).map(Object.class::cast));
                batch.add(stores.store.charge(ids[i], 25, "cbc", null).map(Object.class::cast));
            }
            Uni.join().all(batch).andFailFast().await().indefinitely();
        }
    }

    /** Heap in use after full collections (System.gc() on G1 is a full, stop-the-world collection). */
    private static long liveHeap() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            bean.gc();
        }
        return bean.getHeapMemoryUsage().getUsed();
    }

    private static long usedMemory(Redis client) {
        String info = client.send(Request.cmd(Command.INFO).arg("memory")).await().indefinitely().toString();
        return info.lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim()))
                .orElseThrow(() -> new IllegalStateException("no used_memory in INFO"));
    }

    private static long memoryUsage(Redis client, String key) {
        Response r = client.send(Request.cmd(Command.MEMORY).arg("USAGE").arg(key)).await().indefinitely();
        return r == null ? 0 : r.toLong();
    }
}

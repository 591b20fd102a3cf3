import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

/**
 * The floor of the chat path, written for this project's benchmarks (bench/floor.sh, issue 39): what no
 * implementation of the Dx0 chat can skip, on the stack the service runs on (Vert.x, Netty, the Vert.x
 * Redis client), and nothing else — no authentication, no JSON parsing, no admission, no metrics.
 * <ul>
 * <li>Any HTTP request is answered with a fixed token pair, so the bench's drivers log in as they do
 * against the service.</li>
 * <li>Each text frame on a socket costs one script round trip to Redis: a sliding-window step on the
 * socket's own hash-tagged sorted set, as the service's {@code use.lua} does for a chat message.</li>
 * <li>Then the reply as the service frames it: {@code FRAMES - 1} chunks and a final frame with
 * {@code done: true} and the totals.</li>
 * </ul>
 * Usage: {@code java -cp <vertx-core, netty, jackson-core, vertx-redis-client jars> ChatFloor.java PORT
 * REDIS_PORT [FRAMES]}; prints {@code chat floor on PORT} when it listens.
 */
public class ChatFloor {

    /** KEYS[1] the socket's window, ARGV[1] a unique member: drop what left the minute, count, add. */
    private static final String WINDOW_STEP = String.join("\n",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
            "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)",
            "if redis.call('ZCARD', KEYS[1]) >= 1000000 then return 0 end",
            "redis.call('ZADD', KEYS[1], now, ARGV[1])",
            "redis.call('PEXPIRE', KEYS[1], 60000)",
            "return 1");
    private static final String TOKENS = "{\"access_token\":\"floor\",\"refresh_token\":\"floor.floor\","
            + "\"token_type\":\"Bearer\",\"expires_in\":900}";
    private static final String CHUNK = "{\"reply\":\"A 30 year old presents with a dry cough for three weeks. \","
            + "\"done\":false}";
    private static final String LAST = "{\"reply\":\"The cough is worse at night and after exercise. \",\"done\":true,"
            + "\"cost\":0,\"total_spent\":0,\"remaining_budget\":25,\"ordered_tests\":[]}";

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, new RedisOptions()
                .setConnectionString("redis://127.0.0.1:" + args[1]).setMaxPoolSize(16).setMaxPoolWaiting(100_000)));
        String sha = redis.script(List.of("LOAD", WINDOW_STEP)).map(Response::toString)
                .toCompletionStage().toCompletableFuture().join();
        AtomicLong members = new AtomicLong();
        AtomicLong sockets = new AtomicLong();
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .webSocketHandler(socket -> serve(socket, redis, sha, frames, members,
                            "floor:{" + sockets.incrementAndGet() + "}"))
                    .requestHandler(request -> request.response().putHeader("Content-Type", "application/json")
                            .end(TOKENS))
                    .listen().toCompletionStage().toCompletableFuture().join();
        }
        System.out.println("chat floor on " + port + ", redis " + args[1] + ", " + frames + " frames");
    }

    private static void serve(ServerWebSocket socket, RedisAPI redis, String sha, int frames, AtomicLong members,
            String window) {
        socket.textMessageHandler(message -> {
            Future<Response> step = redis.evalsha(List.of(sha, "1", window, Long.toString(members.incrementAndGet())));
            step.onSuccess(allowed -> {
                for (int f = 1; f < frames; f++) {
                    socket.writeTextMessage(CHUNK);
                }
                socket.writeTextMessage(LAST);
            }).onFailure(e -> socket.writeTextMessage("{\"error\":\"unavailable\",\"done\":true}"));
        });
    }
}

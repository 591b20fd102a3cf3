package io.dx0.session.storage.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.LoginGates;
import io.dx0.session.login.Settlement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/**
 * Login gates on Redis: each gate's failure log and its attempts in flight share a slot, so admitting and
 * settling are one script each; the gates that closed are indexed per kind, newest first.
 */
final class RedisLoginGates implements LoginGates {

    private static final LuaScript FAILURES = LuaScript.named("failures");
    private static final LuaScript ADMIT = LuaScript.named("admit");
    private static final LuaScript SETTLE = LuaScript.named("settle");
    private static final LuaScript FAILING_MARK = LuaScript.named("failing_mark");
    private static final LuaScript FAILING_READ = LuaScript.named("failing_read");
    /** The most gates of one kind the index of closed gates keeps (the newest). */
    private static final int FAILING_KEPT = 10_000;

    private final RedisCalls calls;
    private final RedisKeys keys;

    RedisLoginGates(RedisCalls calls) {
        this.calls = calls;
        this.keys = calls.keys;
    }

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return calls.guard(ADMIT.run(calls.redis, List.of(keys.failures(key), keys.inFlight(key)),
                rule.window().toMillis(), rule.threshold(), rule.backoffBase().toMillis(), rule.backoffMax().toMillis(),
                rule.maxInFlight(), rule.lease().toMillis(), attemptId)
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
        return calls.guard(SETTLE.run(calls.redis, List.of(keys.failures(key), keys.inFlight(key)), attemptId,
                settlement.name(), tag == null ? "" : tag, rule.window().toMillis(), rule.kept())
                .chain(failures -> failures.toInteger() < rule.threshold() ? Uni.createFrom().voidItem()
                        : FAILING_MARK.run(calls.redis, List.of(keys.failing(key)), key, rule.window().toMillis(),
                                FAILING_KEPT).replaceWithVoid()));
    }

    /** The index of the gates of that kind that closed, newest first, each then read from its own log. */
    @Override
    public Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return calls.guard(calls.send(Command.ZREVRANGEBYSCORE, keys.failing(kind), "+inf", "-inf", "LIMIT", "0",
                Integer.toString(FAILING_KEPT)).chain(candidates -> {
                    List<Uni<FailingGate>> reads = new ArrayList<>();
                    for (int i = 0; candidates != null && i < candidates.size() && reads.size() < max; i++) {
                        String key = candidates.get(i).toString();
                        if (key.startsWith(kind)) {
                            reads.add(FAILING_READ.run(calls.redis, List.of(keys.failures(key)), window.toMillis())
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
    public Uni<FailureCount> failures(String key, Duration window) {
        return calls.guard(FAILURES.run(calls.redis, List.of(keys.failures(key)), window.toMillis())
                .map(reply -> new FailureCount(reply.get(0).toInteger(), reply.get(1).toLong())));
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return calls.guard(calls.send(Command.DEL, keys.failures(key)).replaceWithVoid());
    }
}

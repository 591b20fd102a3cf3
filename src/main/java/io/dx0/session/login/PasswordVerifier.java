package io.dx0.session.login;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.concurrency.CallerContext;
import io.dx0.session.concurrency.FairLines;
import io.dx0.session.credentials.UserDirectory;
import io.dx0.session.overload.OverloadSettings;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/**
 * bcrypt verification ({@code $2a$}, {@code $2b$}, {@code $2y$}) on its own small pool, one thread
 * per core: hashing never runs on the event loop and a login flood cannot take more CPU than that.
 * Checks wait in lines and are made in turns ({@link FairLines}): an account's owners before anyone
 * else, the rest shared by address block ({@link CheckTurn}), so a block that sends many gets its share
 * of the pool and no more, and every other block's login waits at most one round at each level.
 */
@Startup
@ApplicationScoped
public class PasswordVerifier {

    /** bcrypt's lowest cost. */
    private static final int MIN_COST = 4;

    /** Passwords longer than bcrypt's 72 bytes are cut there, as Dx0's Python bcrypt did when hashing. */
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final FairLines<Runnable> lines = new FairLines<>();
    private final List<Thread> workers;
    private final long maxWaitNanos;
    private final String dummyHash;
    /** Recent check time, an exponentially weighted average (1/8 per check) started from the start-up estimate. */
    private final AtomicLong checkNanos;

    private final Clock clock;

    PasswordVerifier(UserDirectory users, Clock clock, OverloadSettings config) {
        this.clock = clock;
        this.maxWaitNanos = config.loginQueue().toNanos();
        // Nothing at the users' cost is computed before the service is ready (four such runs took 0.7 s of
        // a native executable's 1.2 s start): the dummy hash is a cost-4 hash relabelled with the users'
        // cost, which a check against costs a full check and no password matches; the check time starts
        // from cost 4's, doubled per step, and one real check on a thread of its own replaces it.
        int cost = users.typicalCost();
        byte[] dummyPassword = "no user has this password".getBytes(StandardCharsets.UTF_8);
        byte[] cheap = BCrypt.withDefaults().hash(MIN_COST, dummyPassword);
        this.dummyHash = String.format("$2a$%02d", cost) + new String(cheap, StandardCharsets.UTF_8).substring(6);
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the first runs cold; the fastest of three is what a warm JVM does
            long started = System.nanoTime();
            verifyer.verify(dummyPassword, cheap);
            fastest = Math.min(fastest, System.nanoTime() - started);
        }
        this.checkNanos = new AtomicLong(Math.max(1, fastest << Math.max(0, cost - MIN_COST)));
        Thread calibration = new Thread(() -> {
            long started = System.nanoTime();
            verifyer.verify(dummyPassword, dummyHash.getBytes(StandardCharsets.UTF_8));
            checkNanos.set(Math.max(1, System.nanoTime() - started));
        }, "bcrypt-calibration");
        calibration.setDaemon(true);
        calibration.start();
        this.workers = IntStream.range(0, parallelism()).mapToObj(i -> {
            Thread worker = new Thread(this::work, "bcrypt-" + i);
            worker.setDaemon(true);
            worker.start();
            return worker;
        }).toList();
    }

    private void work() {
        try {
            for (Runnable task = lines.take(); task != null; task = lines.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How long one check takes on one of the pool's threads at the users' most common cost: estimated at
     * start-up, measured by one real check right after, then following the checks made (under load the threads share the cores with the rest
     * of the service, and a check takes longer than on an idle machine).
     */
    public Duration checkTime() {
        return Duration.ofNanos(checkNanos.get());
    }

    private void observe(long nanos) {
        checkNanos.accumulateAndGet(nanos, (average, sample) -> Math.max(1, average + (sample - average) / 8));
    }

    /** Checks that can run at once: one per core. */
    public int parallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * How long a check asked for now at {@code turn} would wait: the checks that would be made before it,
     * spread over the pool's threads, at the recent check time.
     */
    public Duration waitFor(CheckTurn turn) {
        return Duration.ofNanos(lines.ahead(turn.tier(), turn.path()) * checkNanos.get() / parallelism());
    }

    /** The most bcrypt work a login may find ahead of it and still wait ({@code session.overload.login-queue}). */
    public Duration maxWait() {
        return Duration.ofNanos(maxWaitNanos);
    }

    /**
     * Verifies off the event loop, in {@code turn}. A null hash (unknown user) is checked against a dummy
     * hash, so it costs the same. Whether the login may wait at all was decided before it was queued; it
     * fails with {@link CheckRefusedException} when its turn comes after {@code checkByMillis} (epoch ms;
     * the end of the login's lease, by the service clock): it is not made then.
     */
    @WithSpan("bcrypt.check")
    public Uni<Boolean> verify(String password, String hash, CheckTurn turn, long checkByMillis) {
        boolean known = hash != null;
        String against = known ? hash : dummyHash;
        return CallerContext.blocking(task -> lines.add(turn.tier(), turn.path(), task), () -> {
            if (clock.millis() > checkByMillis) {
                throw new CheckRefusedException(waitFor(turn));
            }
            long started = System.nanoTime();
            boolean verified = verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
                    against.getBytes(StandardCharsets.UTF_8)).verified;
            observe(System.nanoTime() - started);
            return verified && known;
        });
    }

    @PreDestroy
    void close() {
        lines.close();
        workers.forEach(Thread::interrupt);
    }
}

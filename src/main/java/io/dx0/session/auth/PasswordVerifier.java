package io.dx0.session.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.support.CallerContext;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/**
 * bcrypt verification ({@code $2a$}, {@code $2b$}, {@code $2y$}) on its own small pool, one thread
 * per core: hashing never runs on the event loop and a login flood cannot take more CPU than that.
 */
@Startup
@ApplicationScoped
public class PasswordVerifier {

    static final int DEFAULT_COST = 12;
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    /** Passwords longer than bcrypt's 72 bytes are cut there, as Dx0's Python bcrypt did when hashing. */
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));
    private final ExecutorService pool = Executors.newFixedThreadPool(parallelism(),
            PasswordVerifier::thread);
    private final String dummyHash;
    /** Recent check time, an exponentially weighted average (1/8 per check) started from the start-up measurement. */
    private final AtomicLong checkNanos;

    private final Clock clock;

    PasswordVerifier(UserDirectory users, Clock clock) {
        this.clock = clock;
        byte[] dummyPassword = "no user has this password".getBytes(StandardCharsets.UTF_8);
        byte[] dummy = BCrypt.withDefaults().hash(users.typicalCost(), dummyPassword);
        this.dummyHash = new String(dummy, StandardCharsets.UTF_8);
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the first runs cold; the fastest of three is what a warm JVM does
            long started = System.nanoTime();
            verifyer.verify(dummyPassword, dummy);
            fastest = Math.min(fastest, System.nanoTime() - started);
        }
        this.checkNanos = new AtomicLong(Math.max(1, fastest));
    }

    /**
     * How long one check takes on one of the pool's threads at the users' most common cost: measured at
     * start-up, then following the checks made (under load the threads share the cores with the rest
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

    private static Thread thread(Runnable task) {
        Thread thread = new Thread(task, "bcrypt");
        thread.setDaemon(true);
        return thread;
    }

    static boolean isBcrypt(String hash) {
        return BCRYPT.matcher(hash).matches();
    }

    /**
     * Verifies off the event loop. A null hash (unknown user) is checked against a dummy hash, so it
     * costs the same. A check whose turn comes after {@code checkByMillis} (epoch ms; the end of the
     * login's lease, by the service clock) is not made: it fails with {@link TooLateToCheckException}.
     */
    public Uni<Boolean> verify(String password, String hash, long checkByMillis) {
        boolean known = hash != null;
        String against = known ? hash : dummyHash;
        return CallerContext.blocking(pool, () -> {
            if (clock.millis() > checkByMillis) {
                throw new TooLateToCheckException();
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
        pool.shutdownNow();
    }
}

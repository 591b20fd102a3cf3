package io.dx0.session.overload;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.SettableLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

import io.dx0.session.auth.PasswordVerifier;
import io.dx0.session.config.SessionConfig;
import io.dx0.session.store.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Admission control: each {@link WorkPath} admits at most its current limit of pieces of work at once
 * on this replica, and refuses the next at once — before it touches the store — instead of queueing
 * it. The limit adapts to latency (Netflix concurrency-limits' Gradient2: it grows while latency stays
 * near its long-run minimum and shrinks as queueing shows up in it), between the configured minimum
 * and maximum ({@code session.overload.<path>.*}). See ADR 0010.
 */
@ApplicationScoped
public class Admission {

    /** How a refusal came about (label {@code reason}). */
    public enum Reason {
        /** The path is at its limit. */
        LIMIT,
        /** The socket already has its allowed messages in progress. */
        SOCKET
    }

    /** A ceiling on the derived login limit, whatever the measurement says. */
    static final int MAX_LOGINS = 4096;

    private final Map<WorkPath, SimpleLimiter<Void>> limiters = new EnumMap<>(WorkPath.class);
    private final PasswordVerifier passwords;
    private final Duration loginQueue;
    private final int loginMin;
    private final int loginMax;
    /** Logins are not latency-sampled: their limit is set from the bcrypt time, see {@link #loginLimit()}. */
    private final SettableLimit loginLimit;
    private final Map<WorkPath, AtomicLong> averageMillis = new EnumMap<>(WorkPath.class);
    private final Map<WorkPath, Map<Reason, Counter>> refusals = new EnumMap<>(WorkPath.class);

    @Inject
    Admission(SessionConfig config, MeterRegistry registry, PasswordVerifier passwords) {
        SessionConfig.Overload overload = config.overload();
        int cores = Runtime.getRuntime().availableProcessors();
        this.passwords = passwords;
        this.loginQueue = overload.loginQueue();
        this.loginMin = overload.login().minLimit().orElse(passwords.parallelism());
        this.loginMax = Math.max(loginMin, overload.login().maxLimit().orElse(MAX_LOGINS));
        this.loginLimit = SettableLimit.startingAt(loginLimit());
        for (WorkPath path : WorkPath.values()) {
            SessionConfig.Overload.Limit limit = switch (path) {
                case CHAT -> overload.chat();
                case LOGIN -> overload.login();
                case REST -> overload.rest();
                case UPGRADE -> overload.upgrade();
            };
            int min = limit.minLimit().orElse(cores * path.minPerCore());
            int max = Math.max(min, limit.maxLimit().orElse(cores * path.maxPerCore()));
            int initial = Math.min(max, Math.max(min, limit.initialLimit().orElse(cores * path.initialPerCore())));
            SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder()
                    .named(path.label())
                    .limit(path == WorkPath.LOGIN ? loginLimit
                            : Gradient2Limit.newBuilder().initialLimit(initial).minLimit(min).maxConcurrency(max).build())
                    .build();
            limiters.put(path, limiter);
            averageMillis.put(path, new AtomicLong(100));
            Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                byReason.put(reason, Counter.builder("dx0.admission.refusals").tag("path", path.label())
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                        .description("Work refused at once because its path (or its socket) was at its limit")
                        .register(registry));
            }
            refusals.put(path, byReason);
            Gauge.builder("dx0.admission.limit", limiter, SimpleLimiter::getLimit).tag("path", path.label())
                    .description("Current adaptive limit of work in progress").register(registry);
            Gauge.builder("dx0.admission.in.flight", limiter, SimpleLimiter::getInflight).tag("path", path.label())
                    .description("Work in progress admitted on this path").register(registry);
        }
    }

    /**
     * Logins at once: as many as the bcrypt threads finish within {@code login-queue} at the recent check
     * time, so an admitted login waits about that long at most; the check time is measured at start-up
     * and then follows the checks made (on a loaded machine they run slower, and fewer are let in).
     */
    private int loginLimit() {
        long fit = passwords.parallelism() * loginQueue.toNanos() / passwords.checkTime().toNanos();
        return (int) Math.max(loginMin, Math.min(loginMax, fit));
    }

    /** A permit for one piece of work on {@code path}, or empty (counted as refused) when the path is at its limit. */
    public Optional<Permit> tryAcquire(WorkPath path) {
        if (path == WorkPath.LOGIN) {
            int now = loginLimit();
            if (now != loginLimit.getLimit()) {
                loginLimit.setLimit(now);
            }
        }
        Optional<Limiter.Listener> listener = limiters.get(path).acquire(null);
        if (listener.isEmpty()) {
            refused(path, Reason.LIMIT);
            return Optional.empty();
        }
        return Optional.of(new Permit(path, listener.get(), System.nanoTime()));
    }

    /** Counts a refusal made elsewhere (a socket's own bound). */
    public void refused(WorkPath path, Reason reason) {
        refusals.get(path).get(reason).increment();
    }

    /** How long a refused client should wait: about two of this path's recent answers, 50 ms to 5 s. */
    public long retryAfterMillis(WorkPath path) {
        return Math.max(50, Math.min(5_000, 2 * averageMillis.get(path).get()));
    }

    /** The refusal of work on {@code path}: what to answer, and when to come back. */
    public OverloadedException refusal(WorkPath path) {
        return new OverloadedException(path, retryAfterMillis(path));
    }

    /** Runs {@code work} under a permit of {@code path}, or fails at once with {@link OverloadedException}. */
    public <T> Uni<T> admit(WorkPath path, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> tryAcquire(path)
                .map(permit -> permit.around(work.get()))
                .orElseGet(() -> Uni.createFrom().failure(refusal(path))));
    }

    public int limit(WorkPath path) {
        return limiters.get(path).getLimit();
    }

    public int inFlight(WorkPath path) {
        return limiters.get(path).getInflight();
    }

    /** One admitted piece of work; exactly one of its endings is reported, whichever comes first. */
    public final class Permit {

        private final WorkPath path;
        private final Limiter.Listener listener;
        private final long startedNanos;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Permit(WorkPath path, Limiter.Listener listener, long startedNanos) {
            this.path = path;
            this.listener = listener;
            this.startedNanos = startedNanos;
        }

        /** Done: its latency counts towards the limit. */
        public void succeeded() {
            if (ended.compareAndSet(false, true)) {
                listener.onSuccess();
                long millis = (System.nanoTime() - startedNanos) / 1_000_000;
                averageMillis.get(path).updateAndGet(avg -> (avg * 7 + millis) / 8);
            }
        }

        /** Failed for lack of capacity (a store deadline): the limit shrinks. */
        public void dropped() {
            if (ended.compareAndSet(false, true)) {
                listener.onDropped();
            }
        }

        /** Ended without a meaningful latency (the client left, the input was refused). */
        public void ignored() {
            if (ended.compareAndSet(false, true)) {
                listener.onIgnore();
            }
        }

        /**
         * Ends this permit with {@code work}: an answer or a refusal of the input counts as done, the store
         * unavailable as dropped, a cancelled call as ignored.
         */
        public <T> Uni<T> around(Uni<T> work) {
            return work.onItemOrFailure().invoke((item, failure) -> {
                if (failure == null) {
                    succeeded();
                } else if (failure instanceof StoreUnavailableException) {
                    dropped();
                } else {
                    succeeded();
                }
            }).onCancellation().invoke(this::ignored);
        }
    }
}

package io.dx0.session.overload;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

import io.dx0.session.storage.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Admission control: each {@link WorkPath} has an adaptive limit of pieces of work in progress at once
 * on this replica and, behind it, a short line judged by time ({@link Backlog}): work that finds the
 * path full waits its turn when the work ahead of it will be served within the path's
 * {@code max-queue-delay} at the line's recent pace, and is refused at once — before it touches the
 * store — when it would not.
 * The limit adapts to latency (Netflix concurrency-limits' Gradient2: it grows while latency stays near
 * its long-run minimum and shrinks as queueing shows up in it), between the configured minimum and
 * maximum ({@code session.overload.<path>.*}). Logins have their own fair line in front of bcrypt
 * ({@code credentials.PasswordVerifier}). See ADR 0010 and ADR 0018.
 */
@ApplicationScoped
public class Admission {

    /** How a refusal came about (label {@code reason}). */
    public enum Reason {
        /** The path is at its limit and its line is as long as its queueing delay allows. */
        LIMIT,
        /** The socket already has its allowed messages in progress. */
        SOCKET
    }

    private final Map<WorkPath, SimpleLimiter<Void>> limiters = new EnumMap<>(WorkPath.class);
    private final Map<WorkPath, Backlog> backlogs = new EnumMap<>(WorkPath.class);
    private final Map<WorkPath, Map<Reason, Counter>> refusals = new EnumMap<>(WorkPath.class);
    private final Map<WorkPath, Timer> waits = new EnumMap<>(WorkPath.class);

    @Inject
    Admission(OverloadSettings overload, MeterRegistry registry) {
        int cores = Runtime.getRuntime().availableProcessors();
        for (WorkPath path : WorkPath.values()) {
            OverloadSettings.Limit limit = switch (path) {
                case CHAT -> overload.chat();
                case REST -> overload.rest();
                case UPGRADE -> overload.upgrade();
            };
            int min = limit.minLimit().orElse(cores * path.minPerCore());
            int max = Math.max(min, limit.maxLimit().orElse(cores * path.maxPerCore()));
            int initial = Math.min(max, Math.max(min, limit.initialLimit().orElse(cores * path.initialPerCore())));
            SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder()
                    .named(path.label())
                    .limit(Gradient2Limit.newBuilder().initialLimit(initial).minLimit(min).maxConcurrency(max).build())
                    .build();
            limiters.put(path, limiter);
            Duration delay = limit.maxQueueDelay().orElse(path.maxQueueDelay());
            Duration coldDelay = limit.coldQueueDelay().orElse(path.coldQueueDelay(delay));
            backlogs.put(path, new Backlog(limiter, delay.toNanos(), coldDelay.toNanos(), overload.coldFor().toNanos()));
            Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                byReason.put(reason, Counter.builder("dx0.admission.refusals").tag("path", path.label())
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                        .description(
                                "Work refused because its path (or its socket) was at its limit and waiting would not help")
                        .register(registry));
            }
            refusals.put(path, byReason);
            waits.put(path, Timer.builder("dx0.admission.wait").tag("path", path.label())
                    .description("Time admitted work waited in line for a place on its path")
                    .register(registry));
            // strong references: a gauge whose object was collected is left out of the scrape, and the
            // registry can outlive this bean (the tests restart the application in one JVM)
            Gauge.builder("dx0.admission.limit", limiter, SimpleLimiter::getLimit).tag("path", path.label())
                    .description("Current adaptive limit of work in progress").strongReference(true).register(registry);
            Gauge.builder("dx0.admission.in.flight", limiter, SimpleLimiter::getInflight).tag("path", path.label())
                    .description("Work in progress admitted on this path").strongReference(true).register(registry);
            Backlog backlog = backlogs.get(path);
            Gauge.builder("dx0.admission.waiting", backlog, Backlog::waiting).tag("path", path.label())
                    .description("Work waiting in line for a place on this path").strongReference(true).register(registry);
        }
    }

    /**
     * A permit for one piece of work on {@code path}: at once, or after waiting its turn; fails with
     * {@link OverloadedException} (counted as refused) when waiting would not help.
     */
    public Uni<Permit> acquire(WorkPath path) {
        return Uni.createFrom().deferred(() -> {
            long arrived = System.nanoTime();
            return backlogs.get(path).acquire().map(outcome -> {
                if (outcome instanceof Backlog.Refused refused) {
                    refused(path, Reason.LIMIT);
                    throw new OverloadedException(path, retryAfter(refused.retryAfterNanos()));
                }
                waits.get(path).record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
                return new Permit(path, ((Backlog.Admitted) outcome).listener());
            });
        });
    }

    /** Counts a refusal made elsewhere (a socket's own bound). */
    public void refused(WorkPath path, Reason reason) {
        refusals.get(path).get(reason).increment();
    }

    /** How long a refused client should wait: until this path's line is served at its recent pace, 50 ms to 5 s. */
    public long retryAfterMillis(WorkPath path) {
        Backlog backlog = backlogs.get(path);
        return retryAfter(backlog.waitFor(backlog.waiting() + 1));
    }

    private static long retryAfter(long nanos) {
        return Math.max(50, TimeUnit.NANOSECONDS.toMillis(Math.min(Backlog.MAX_COME_BACK_NANOS, nanos)));
    }

    /** Runs {@code work} under a permit of {@code path}, or fails with {@link OverloadedException}. */
    public <T> Uni<T> admit(WorkPath path, Supplier<Uni<T>> work) {
        return acquire(path).chain(permit -> permit.around(work.get()));
    }

    public int limit(WorkPath path) {
        return limiters.get(path).getLimit();
    }

    /** Work waiting in line for a place on {@code path}. */
    public int waiting(WorkPath path) {
        return backlogs.get(path).waiting();
    }

    public int inFlight(WorkPath path) {
        return limiters.get(path).getInflight();
    }

    /** One admitted piece of work; exactly one of its endings is reported, whichever comes first. */
    public final class Permit {

        private final WorkPath path;
        private final Limiter.Listener listener;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Permit(WorkPath path, Limiter.Listener listener) {
            this.path = path;
            this.listener = listener;
        }

        /** Done: its latency counts towards the limit. */
        public void succeeded() {
            end(listener::onSuccess);
        }

        /** Failed for lack of capacity (a store deadline): the limit shrinks. */
        public void dropped() {
            end(listener::onDropped);
        }

        /** Ended without a meaningful latency (the client left, the input was refused). */
        public void ignored() {
            end(listener::onIgnore);
        }

        private void end(Runnable report) {
            if (ended.compareAndSet(false, true)) {
                report.run();
                backlogs.get(path).handOff();
            }
        }

        /**
         * Ends this permit with {@code work}: an answer or a refusal of the input counts as done, the store
         * unavailable as dropped, a cancelled call as ignored.
         */
        public <T> Uni<T> around(Uni<T> work) {
            return work.onItemOrFailure().invoke((item, failure) -> {
                if (failure instanceof StoreUnavailableException) {
                    dropped();
                } else {
                    succeeded();
                }
            }).onCancellation().invoke(this::ignored);
        }
    }
}

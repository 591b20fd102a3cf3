package io.dx0.session.storage.wiring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.dx0.session.storage.backend.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Times every store call that answers a {@code Uni}, from subscription to its item or failure:
 * histogram {@code dx0.store.operation} tagged with the backend, the operation (the method's name in
 * snake case) and {@code outcome=success|error}. Nothing else is tagged (no session id, key or user).
 */
@TimedStoreCalls
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class StoreCallTimer {

    static final String TIMER = "dx0.store.operation";

    private final MeterRegistry registry;
    /** Per method: its success and error timers, made on first use (no string built per call). */
    private final Map<Method, Timer[]> timers = new ConcurrentHashMap<>();

    StoreCallTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @AroundInvoke
    Object time(InvocationContext call) throws Exception {
        Object answer = call.proceed();
        if (!(answer instanceof Uni<?> uni)) {
            return answer;
        }
        Timer[] successAndError = timers.computeIfAbsent(call.getMethod(),
                method -> register(((SessionStore) call.getTarget()).name(), operation(method)));
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return uni.onItemOrFailure().invoke((item, failure) -> successAndError[failure == null ? 0 : 1]
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Timer[] register(String backend, String operation) {
        return new Timer[] { timer(backend, operation, "success"), timer(backend, operation, "error") };
    }

    private Timer timer(String backend, String operation, String outcome) {
        return Timer.builder(TIMER)
                .description("Session store calls, by backend, operation and outcome")
                .tag("backend", backend)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** {@code listByUsername} → {@code list_by_username}. */
    static String operation(Method method) {
        return method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}

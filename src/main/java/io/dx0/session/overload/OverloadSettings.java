package io.dx0.session.overload;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Admission control per path of work (chat, rest, upgrade), {@code session.overload.*}: the adaptive limit
 * of work in progress
 * on one replica stays between {@code min-limit} and {@code max-limit}, starting at
 * {@code initial-limit}; past it work waits in line when the work ahead of it will be served within
 * {@code max-queue-delay} at the line's recent pace, and is refused at once when it would not. Unset
 * values scale with the cores.
 */
@ConfigMapping(prefix = "session.overload")
public interface OverloadSettings {
    /**
     * How much bcrypt work a login may find queued ahead of it, as waiting time at the recent check
     * time: within it the login waits its turn (the turns go round the client addresses that want
     * one), past it the login is answered 503 with the time that work needs as {@code Retry-After}.
     */
    @WithDefault("2s")
    Duration loginQueue();

    /**
     * How long after a line's first piece of work it may be {@code cold-queue-delay} long instead of
     * {@code max-queue-delay}: while the JIT compiles the path, a new replica serves a fraction of its
     * warm pace (ADR 0026).
     */
    @WithDefault("20s")
    Duration coldFor();

    Limit chat();

    Limit rest();

    Limit upgrade();

    interface Limit {
        Optional<@Min(1) Integer> initialLimit();

        /** Default: a few per core (chat 8, rest 8, upgrade 2). */
        Optional<@Min(1) Integer> minLimit();

        Optional<@Min(1) Integer> maxLimit();

        /** The longest work waits in line for a place (default: chat and rest 50ms, upgrade 5s). */
        Optional<Duration> maxQueueDelay();

        /** The same during {@code cold-for} (default: chat and rest three times {@code max-queue-delay}, upgrade the same; never shorter). */
        Optional<Duration> coldQueueDelay();
    }
}

package io.dx0.session.login;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Login gates: per key (an address, an account, a device), the failures that close it and the
 * attempts checked at once, on every replica together. Each call is one atomic step.
 */
public interface LoginGates {

    /**
     * Asks the login gate {@code key} whether one attempt may be checked now, in one atomic step:
     * {@code LOCKED} when the failures already recorded close it ({@link GateRule}), {@code BUSY} when
     * {@code rule.maxInFlight()} admitted attempts are still unsettled, else {@code ADMITTED}, and the
     * attempt {@code attemptId} then holds a place until {@link #settle} or its lease ends. Nothing is
     * recorded for an attempt that is not admitted.
     */
    Uni<GateDecision> admit(String key, GateRule rule, String attemptId);

    /**
     * Gives an admitted attempt's place back and, in the same step, records its failure (tagged with
     * {@code tag}) or, for a success, forgets the failures with that tag (every failure when it is null).
     */
    Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag);

    /** Counts the failures for {@code key} inside {@code window} without recording. */
    Uni<FailureCount> failures(String key, Duration window);

    Uni<Void> clearFailures(String key);

    /**
     * The gates whose key starts with {@code kind} ({@code "ip:"}, {@code "user:"}, ...) holding at least
     * {@code atLeast} failures inside {@code window} now, the newest failure first, at most {@code max}: what an
     * admin's list of lockouts is read from. A backend that keeps an index of such gates (Redis) lists those a
     * {@link #settle} of {@code atLeast} or more failures put in it.
     */
    Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max);
}

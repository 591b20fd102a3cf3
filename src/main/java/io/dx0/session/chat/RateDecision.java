package io.dx0.session.chat;

/**
 * The answer of a sliding-window rate check.
 *
 * @param remaining        messages still allowed in the current window after this decision
 * @param retryAfterMillis when refused: time until the oldest counted message leaves the window
 */
public record RateDecision(boolean allowed, int remaining, long retryAfterMillis) {
}

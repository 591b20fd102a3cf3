package io.dx0.session.chat;

import io.dx0.session.session.Session;

/** A live session after one use of it, and the chat rate-limit decision taken in the same step. */
public record SessionUse(Session session, RateDecision rate) {
}

package io.dx0.session.chat;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Chat messages per session in a sliding window, shared by all of a session's connections and
 * replicas. Each check is also a use of the session (it slides the idle expiry), done by the store
 * in the same step: one round trip per chat message.
 */
@ApplicationScoped
public class ChatQuota {

    private final SessionUses uses;
    private final RateLimitSettings config;
    private final ChatMetrics metrics;

    ChatQuota(SessionUses uses, RateLimitSettings config, ChatMetrics metrics) {
        this.uses = uses;
        this.config = config;
        this.metrics = metrics;
    }

    /** Takes a slot for one message if the window has room; null when the session ended. */
    public Uni<SessionUse> tryAcquire(String sessionId) {
        return uses.use(sessionId, config.messages(), config.window(), true)
                .invoke(use -> {
                    if (use != null) {
                        metrics.rateDecision(use.rate(), config.messages());
                    }
                });
    }

    /** The decision the next message would get, without counting anything; null when the session ended. */
    public Uni<SessionUse> peek(String sessionId) {
        return uses.use(sessionId, config.messages(), config.window(), false);
    }

    public int limit() {
        return config.messages();
    }

    public long windowSeconds() {
        return config.window().toSeconds();
    }
}

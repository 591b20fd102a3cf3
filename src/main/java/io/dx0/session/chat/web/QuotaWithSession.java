package io.dx0.session.chat.web;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.chat.ChatQuota;
import io.dx0.session.chat.RateDecision;
import io.dx0.session.security.SessionReader;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/v1/session} shows the chat quota's state: the request's authentication reads it with the
 * session, in the one store step that also finds the session live and slides its idle expiry.
 */
@ApplicationScoped
public class QuotaWithSession implements SessionReader {

    private static final String RATE = "dx0.rate";

    private final ChatQuota quota;

    QuotaWithSession(ChatQuota quota) {
        this.quota = quota;
    }

    @Override
    public boolean reads(String method, String path) {
        return "GET".equals(method) && SessionResource.PATH.equals(path);
    }

    @Override
    public Uni<Read> read(String sessionId) {
        return quota.peek(sessionId).map(use -> use == null ? null : new Read(use.session(), Map.of(RATE, use.rate())));
    }

    /** The quota's state read with the identity's session. */
    static RateDecision rate(SecurityIdentity identity) {
        return identity.getAttribute(RATE);
    }
}

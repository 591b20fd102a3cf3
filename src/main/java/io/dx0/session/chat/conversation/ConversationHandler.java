package io.dx0.session.chat.conversation;

import io.dx0.session.session.Session;
import io.smallrye.mutiny.Multi;

/**
 * Produces the replies of the chat channel. The built-in {@link DemoConversationHandler} is a
 * default bean: an integrator replaces it by providing another bean of this type.
 *
 * The service calls {@link #price} first, charges the amount atomically against the session's
 * budget, and calls {@link #reply} only if the charge was accepted.
 */
public interface ConversationHandler {

    Pricing price(Session session, ChatMessage message);

    /**
     * The reply in chunks, each sent as one {@code {"reply": chunk, "done": false}} frame but the last, which
     * carries {@code done: true} and the totals.
     */
    Multi<String> reply(Session session, ChatMessage message);
}

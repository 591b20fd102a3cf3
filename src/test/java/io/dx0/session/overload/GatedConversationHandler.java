package io.dx0.session.overload;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.dx0.session.chat.conversation.ChatMessage;
import io.dx0.session.chat.conversation.ConversationHandler;
import io.dx0.session.chat.conversation.Pricing;
import io.dx0.session.session.Session;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A conversation whose replies wait until the test opens the gate, so messages stay in progress as
 * long as the test needs. Tests are charged 1.00 so the store's budget shows every charge made.
 * Enabled only by {@link GatedProfile}.
 */
@Alternative
@ApplicationScoped
public class GatedConversationHandler implements ConversationHandler {

    private volatile CompletableFuture<Void> gate = new CompletableFuture<>();
    private final AtomicInteger replies = new AtomicInteger();

    void close() {
        gate = new CompletableFuture<>();
    }

    void open() {
        gate.complete(null);
    }

    int replies() {
        return replies.get();
    }

    @Override
    public Pricing price(Session session, ChatMessage message) {
        return Pricing.charge(100, "test-" + replies.get() + "-" + System.nanoTime());
    }

    /** {@code flood}: 64 MiB of reply, more than any socket buffer holds, for a client that stops reading. */
    @Override
    public Multi<String> reply(Session session, ChatMessage message) {
        replies.incrementAndGet();
        if (message.content().equals("flood")) {
            String chunk = "x".repeat(16 * 1024);
            return Multi.createFrom().range(0, 4096).map(i -> chunk);
        }
        return Uni.createFrom().completionStage(gate).onItem().transformToMulti(v -> Multi.createFrom().items("ok"));
    }
}

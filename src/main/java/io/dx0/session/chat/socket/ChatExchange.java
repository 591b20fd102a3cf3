package io.dx0.session.chat.socket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.chat.BudgetLedger;
import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.chat.ChatQuota;
import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.conversation.ChatAction;
import io.dx0.session.chat.conversation.ChatMessage;
import io.dx0.session.chat.conversation.ConversationHandler;
import io.dx0.session.chat.conversation.Pricing;
import io.dx0.session.session.Budget;
import io.dx0.session.session.Money;
import io.dx0.session.session.Session;
import io.dx0.session.storage.StoreUnavailableException;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One client frame in, the frames to send out: validate (invalid frames are not counted against the
 * rate limit, but bounded per socket), check the session is live, take a rate-limit slot, charge the price if it fits, then stream the reply.
 */
@ApplicationScoped
public class ChatExchange {

    static final CloseReason SESSION_ENDED = new CloseReason(1008, "session ended");
    static final CloseReason RATE_LIMITED = new CloseReason(1013, "rate limited");
    static final CloseReason TOO_MANY_INVALID = new CloseReason(1008, "too many invalid messages");
    private static final String ACTIONS = Arrays.stream(ChatAction.values()).map(ChatAction::wireName)
            .collect(Collectors.joining(", "));

    private final ChatQuota rateLimiter;
    private final BudgetLedger ledger;
    private final ConversationHandler handler;
    private final ObjectMapper json;
    private final boolean closeOnRateLimit;

    ChatExchange(ChatQuota rateLimiter, BudgetLedger ledger, ConversationHandler handler,
            ObjectMapper json, SocketSettings settings) {
        this.rateLimiter = rateLimiter;
        this.ledger = ledger;
        this.handler = handler;
        this.json = json;
        this.closeOnRateLimit = settings.closeOnRateLimit();
    }

    /** {@code frames} is this socket's frame budget: an invalid frame past it is answered and closes the socket. */
    public Multi<ServerFrame> handle(String sessionId, String frame, FrameBudget frames) {
        ChatMessage message;
        try {
            message = parse(frame);
        } catch (IllegalArgumentException e) {
            return one(frames.overspent()
                    ? new ServerFrame.Error(e.getMessage(), ServerFrame.Error.INVALID, null, TOO_MANY_INVALID)
                    : ServerFrame.Error.invalid(e.getMessage()));
        }
        return rateLimiter.tryAcquire(sessionId).onItem().transformToMulti(use -> {
            if (use == null) {
                return one(ended());
            }
            RateDecision rate = use.rate();
            return rate.allowed()
                    ? answer(use.session(), message)
                    : one(new ServerFrame.Error("Rate limit exceeded", "rate_limited", rate.retryAfterMillis(),
                            closeOnRateLimit ? RATE_LIMITED : null));
        }).onFailure(StoreUnavailableException.class).recoverWithItem(
                ServerFrame.Error.of("unavailable", "Session store unavailable; retry shortly"));
    }

    private Multi<ServerFrame> answer(Session session, ChatMessage message) {
        Pricing pricing = handler.price(session, message);
        if (pricing.refused()) {
            return one(ServerFrame.Error.of(pricing.refusalCode(), pricing.refusal()));
        }
        if (!pricing.needsCharge()) {
            return reply(session, message, pricing, session.budget(), session.orderedTests());
        }
        return ledger.charge(session.id(), pricing.amount(), pricing.orderedItem(), null)
                .onItem().transformToMulti(outcome -> switch (outcome.status()) {
                    case CHARGED, DUPLICATE -> reply(session, message, pricing, outcome.budget(),
                            withItem(session.orderedTests(), pricing.orderedItem()));
                    case EXCEEDED -> one(budgetExceeded(outcome));
                    case NO_SESSION -> one(ended());
                });
    }

    /**
     * As Dx0 sends a reply: each chunk a frame, the last one carrying {@code done: true} and the totals; no
     * empty trailing frame (a reply without chunks is one final frame with {@code reply: ""}). Each chunk is
     * held until the next shows it was not the last.
     */
    private Multi<ServerFrame> reply(Session session, ChatMessage message, Pricing pricing, Budget budget,
            List<String> orderedTests) {
        Function<String, ServerFrame> last = text -> new ServerFrame.Final(text, true, Money.fromMinor(pricing.amount()),
                Money.fromMinor(budget.spent()), Money.fromMinor(budget.remaining()), orderedTests);
        return framed(handler.reply(session, message), last);
    }

    static Multi<ServerFrame> framed(Multi<String> chunks, Function<String, ServerFrame> last) {
        return Multi.createFrom().emitter(out -> {
            AtomicReference<String> held = new AtomicReference<>();
            Cancellable upstream = chunks.subscribe().with(chunk -> {
                String before = held.getAndSet(chunk);
                if (before != null) {
                    out.emit(ServerFrame.Reply.chunk(before));
                }
            }, out::fail, () -> {
                String text = held.getAndSet(null);
                out.emit(last.apply(text == null ? "" : text));
                out.complete();
            });
            out.onTermination(upstream::cancel);
        });
    }

    private static ServerFrame budgetExceeded(ChargeOutcome outcome) {
        return ServerFrame.Error.of("budget_exceeded",
                "Budget exceeded: " + Money.fromMinor(outcome.budget().remaining()) + " remaining");
    }

    private static ServerFrame ended() {
        return new ServerFrame.Error("Session ended", "session_ended", null, SESSION_ENDED);
    }

    private static List<String> withItem(List<String> tests, String item) {
        if (item == null) {
            return tests;
        }
        List<String> all = new ArrayList<>(tests);
        all.add(item);
        return all;
    }

    private ChatMessage parse(String frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Frame must be a JSON object {\"action\", \"content\"}");
        }
        JsonNode action = node.get("action");
        ChatAction parsed = action != null && action.isTextual() ? ChatAction.fromWire(action.asText()).orElse(null) : null;
        if (parsed == null) {
            throw new IllegalArgumentException("action must be one of: " + ACTIONS);
        }
        JsonNode content = node.get("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()
                || content.asText().codePointCount(0, content.asText().length()) > ChatMessage.MAX_CONTENT_CHARS) {
            throw new IllegalArgumentException("content must be a string of 1 to " + ChatMessage.MAX_CONTENT_CHARS
                    + " characters");
        }
        return new ChatMessage(parsed, content.asText());
    }

    private static Multi<ServerFrame> one(ServerFrame frame) {
        return Multi.createFrom().item(frame);
    }
}

package io.dx0.session.chat.socket;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.CloseReason;

/** What the server sends on {@code /api/v1/ws} (Dx0 protocol, snake_case on the wire). */
public sealed interface ServerFrame {

    /** Whether this is the last frame answering a message (every frame but a reply chunk is). */
    default boolean ends() {
        return true;
    }

    /**
     * The busy frame as text, written without Jackson: it is the answer a flood gets most, so it must
     * cost least. The same JSON as {@link Error#busy} serialised ({@code ServerFrameTest} holds them equal);
     * {@code why} is one of the endpoint's constant sentences (no character needs escaping).
     */
    static String busyText(String why, long retryAfterMillis) {
        return "{\"error\":\"" + why + "\",\"code\":\"busy\",\"retry_after_ms\":" + retryAfterMillis + "}";
    }

    /** One chunk of a streamed reply. */
    @RegisterForReflection
    record Reply(String reply, boolean done) implements ServerFrame {
        static Reply chunk(String text) {
            return new Reply(text, false);
        }

        @Override
        public boolean ends() {
            return done;
        }
    }

    /** The end of a reply: what it cost and where the session's budget stands. */
    @RegisterForReflection
    record Final(String reply, boolean done, BigDecimal cost, BigDecimal totalSpent,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal remainingBudget,
            List<String> orderedTests) implements ServerFrame {
    }

    /** An error; the socket closes with {@code close} when it is set, else stays open. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    record Error(String error, String code, Long retryAfterMs, @JsonIgnore CloseReason close) implements ServerFrame {

        static final String INVALID = "invalid_message";

        static Error invalid(String why) {
            return new Error(why, INVALID, null, null);
        }

        static Error of(String code, String message) {
            return new Error(message, code, null, null);
        }

        /** Refused at once, nothing counted or charged; the socket stays open. */
        static Error busy(String why, long retryAfterMillis) {
            return new Error(why, "busy", retryAfterMillis, null);
        }

        boolean unavailable() {
            return "unavailable".equals(code);
        }
    }
}
